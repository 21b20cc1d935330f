package wire_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/sessionmock/sessionmock"

// deps lists the packages pkg depends on, itself included, as go list
// -deps sees them (test files excluded), each mapped to whether it is part
// of the standard library.
func deps(t *testing.T, pkg string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", pkg).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %s: %v\n%s", pkg, err, ee.Stderr)
		}
		t.Fatalf("go list %s: %v", pkg, err)
	}
	m := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		path, std, _ := strings.Cut(strings.TrimSpace(line), " ")
		m[path] = std == "true"
	}
	if len(m) == 0 {
		t.Fatalf("go list %s listed nothing", pkg)
	}
	return m
}

// The contract suite checks real servers against the vendors' contract: it
// must not depend on the mock, its data generator or its router.
func TestContractSuiteDoesNotDependOnTheMock(t *testing.T) {
	t.Parallel()
	d := deps(t, module+"/contracttest")
	if _, ok := d[module+"/wire/appgate"]; !ok {
		t.Error("the contract suite does not use wire/appgate; is the list right?")
	}
	for path := range d {
		for _, banned := range []string{module + "/server", module + "/fault", module + "/fixtures",
			"github.com/brianvoe/gofakeit", "github.com/go-chi/chi"} {
			if path == banned || strings.HasPrefix(path, banned+"/") {
				t.Errorf("contracttest depends on %s", path)
			}
		}
	}
}

func TestFaultDoesNotDependOnFixtures(t *testing.T) {
	t.Parallel()
	for path := range deps(t, module+"/fault") {
		if path == module+"/fixtures" || path == module+"/server" {
			t.Errorf("fault depends on %s", path)
		}
	}
}

// The vendor facts sit below everything else: the standard library and
// each other only.
func TestWireDependsOnTheStandardLibraryOnly(t *testing.T) {
	t.Parallel()
	for path, std := range deps(t, module+"/wire/...") {
		if !std && path != module+"/wire" && !strings.HasPrefix(path, module+"/wire/") {
			t.Errorf("a wire package depends on %s", path)
		}
	}
}
