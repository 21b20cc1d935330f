package contractcli

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestJUnit(t *testing.T) {
	rep := sampleReport()
	other := sampleReport()
	other.Vendor = "appgate"
	other.APIVersion = 23
	var b bytes.Buffer
	if err := writeJUnit(&b, rep, other); err != nil {
		t.Fatal(err)
	}
	golden(t, "junit.golden.xml", b.Bytes())

	var doc junitSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("does not parse back: %v", err)
	}
	if doc.Tests != 6 || doc.Failures != 2 || doc.Skipped != 2 || len(doc.Suites) != 2 {
		t.Fatalf("totals %+v", doc)
	}
	for i, want := range []string{"segura", "appgate"} {
		s := doc.Suites[i]
		if s.Name != want || s.Tests != 3 || s.Failures != 1 || s.Skipped != 1 || len(s.Cases) != 3 {
			t.Errorf("suite %d: %+v", i, s)
		}
		var failure *junitFailure
		for _, c := range s.Cases {
			if c.Classname != want {
				t.Errorf("case %s: classname %q", c.Name, c.Classname)
			}
			if c.Failure != nil {
				failure = c.Failure
			}
		}
		if failure == nil || failure.Type != "schema-valid" || !strings.Contains(failure.Text, "/remote_sessions/0/id: expected type string, got 3") ||
			!strings.Contains(failure.Text, `"remote_sessions":[{"id":3}]`) {
			t.Errorf("failure %+v lacks its evidence", failure)
		}
		if s.Cases[2].Skipped == nil || s.Cases[2].Skipped.Message != "no latency budget was set" {
			t.Errorf("skipped case %+v", s.Cases[2])
		}
	}
}

// Control characters in a body excerpt must not make the XML unreadable.
func TestJUnitControlCharacters(t *testing.T) {
	rep := sampleReport()
	rep.Checks[1].Evidence[1].Body = "bad \x00\x1b[31m bytes\uFFFE"
	var b bytes.Buffer
	if err := writeJUnit(&b, rep); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("does not parse back: %v", err)
	}
}
