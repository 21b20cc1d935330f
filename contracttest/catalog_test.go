package contracttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
)

func TestCatalogue(t *testing.T) {
	t.Parallel()
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for _, c := range Checks("") {
		if !kebab.MatchString(c.ID) {
			t.Errorf("id %q is not kebab-case", c.ID)
		}
		if seen[c.ID] {
			t.Errorf("id %q twice", c.ID)
		}
		seen[c.ID] = true
		if c.Title == "" || len(c.Description) < 40 || len(c.Vendors) == 0 {
			t.Errorf("%s is not described: %+v", c.ID, c)
		}
		for _, v := range c.Vendors {
			if !slices.Contains(openapi.Vendors(), v) {
				t.Errorf("%s names vendor %q", c.ID, v)
			}
		}
	}
	for _, v := range openapi.Vendors() {
		for _, c := range Checks(v) {
			if !slices.Contains(c.Vendors, v) {
				t.Errorf("Checks(%s) holds %s, which is for %v", v, c.ID, c.Vendors)
			}
			var s suite = seguraSuite{}
			if v == openapi.Appgate {
				s = appgateSuite{}
			}
			if s.check(c.ID) == nil && commonCheck(c.ID) == nil {
				t.Errorf("%s has no implementation for %s", c.ID, v)
			}
		}
	}
	if n := len(Checks(openapi.Segura)) + len(Checks(openapi.Appgate)); n <= len(Checks("")) {
		t.Errorf("the vendors share no check (%d of %d)", n, len(Checks("")))
	}
}

func TestSelectChecks(t *testing.T) {
	got, err := selectChecks(openapi.Appgate, []string{CheckUnknownDN, CheckSchemaValid}, []string{CheckSchemaValid})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != CheckUnknownDN {
		t.Errorf("selected %v", got)
	}
	all, err := selectChecks(openapi.Segura, nil, nil)
	if err != nil || len(all) != len(Checks(openapi.Segura)) {
		t.Errorf("no selection gave %d checks, %v", len(all), err)
	}
}

// The documentation lists every check, so that the catalogue and the page
// people read cannot drift apart.
func TestDocumentedChecks(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "contract.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Checks("") {
		row := fmt.Sprintf("| `%s` | %s |", c.ID, vendorsCell(c.Vendors))
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/contract.md has no row %q", row)
		}
	}
}

func vendorsCell(vs []string) string {
	if len(vs) == 2 {
		return "both"
	}
	return vs[0]
}
