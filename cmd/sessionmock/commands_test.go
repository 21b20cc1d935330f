package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args   []string
		golden string
	}{
		{[]string{"--help"}, "help.golden"},
		{[]string{"-h"}, "help.golden"},
		{[]string{"help"}, "help.golden"},
		{[]string{"serve", "--help"}, "help-serve.golden"},
		{[]string{"help", "serve"}, "help-serve.golden"},
		{[]string{"fixtures", "-h"}, "help-fixtures.golden"},
		{[]string{"help", "fixtures"}, "help-fixtures.golden"},
		{[]string{"spec", "--help"}, "help-spec.golden"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, _, err := runCmd(t, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, out)
		})
	}
}

func TestTopLevelHelpListsSubcommands(t *testing.T) {
	out, _, err := runCmd(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range subcommands() {
		if !strings.Contains(out, "\n  "+c.name+" ") {
			t.Errorf("help lacks %s:\n%s", c.name, out)
		}
	}
}

func TestUnknownSubcommand(t *testing.T) {
	for _, args := range [][]string{{"contract"}, {"srve", "--seed", "1"}, {"help", "nope"}} {
		_, _, err := runCmd(t, args...)
		if err == nil || exitCode(err) != 2 {
			t.Fatalf("%v: error %v, want exit status 2", args, err)
		}
		name := args[0]
		if name == "help" {
			name = args[1]
		}
		if !strings.Contains(err.Error(), `"`+name+`"`) || !strings.Contains(err.Error(), "serve, fixtures, spec, version, help") {
			t.Errorf("%v: error %q does not name the subcommand and the valid ones", args, err)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, err := runCmd(t, "version")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(out)
	if len(f) != 4 || f[0] != "sessionmock" || f[1] == "" || !strings.HasPrefix(f[2], "go1.") || !strings.Contains(f[3], "/") {
		t.Fatalf("version output %q", out)
	}
	if _, _, err := runCmd(t, "version", "extra"); exitCode(err) != 2 {
		t.Fatalf("version extra: %v", err)
	}
}

func TestSpec(t *testing.T) {
	for _, vendor := range []string{"segura", "appgate"} {
		out, _, err := runCmd(t, "spec", vendor)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out, "openapi: 3.0") {
			t.Errorf("spec %s starts with %.40q", vendor, out)
		}
	}
	for _, args := range [][]string{{"spec"}, {"spec", "okta"}, {"spec", "segura", "appgate"}} {
		_, _, err := runCmd(t, args...)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), "segura or appgate") {
			t.Errorf("%v: error %v, want exit 2 listing the vendors", args, err)
		}
	}
}

func TestFixtures(t *testing.T) {
	t.Run("segura", func(t *testing.T) {
		out, _, err := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "5", "--count", "7")
		if err != nil {
			t.Fatal(err)
		}
		var recs []fixtures.SeguraSession
		if err := json.Unmarshal([]byte(out), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 7 {
			t.Fatalf("%d records, want 7", len(recs))
		}
		if !strings.HasPrefix(out, "[\n  {\n    \"id\": ") {
			t.Errorf("not indented, or not starting with the id: %.40q", out)
		}
		again, _, _ := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "5", "--count", "7")
		other, _, _ := runCmd(t, "fixtures", "--vendor", "segura", "--seed", "6", "--count", "7")
		if again != out || other == out {
			t.Error("output is not a function of the seed")
		}
	})
	t.Run("appgate", func(t *testing.T) {
		out, _, err := runCmd(t, "fixtures", "--vendor", "appgate", "--count", "3")
		if err != nil {
			t.Fatal(err)
		}
		var recs []struct {
			DN          string         `json:"dn"`
			SessionInfo map[string]any `json:"sessionInfo"`
		}
		if err := json.Unmarshal([]byte(out), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 {
			t.Fatalf("%d records, want 3", len(recs))
		}
		for _, r := range recs {
			dn, err := fixtures.ParseDN(r.DN)
			if err != nil {
				t.Fatal(err)
			}
			if r.SessionInfo["deviceId"] != dn.DeviceUUID() {
				t.Errorf("record %s has deviceId %v", r.DN, r.SessionInfo["deviceId"])
			}
		}
	})
	t.Run("empty", func(t *testing.T) {
		out, _, err := runCmd(t, "fixtures", "--vendor", "appgate", "--count", "0")
		if err != nil || out != "[]\n" {
			t.Fatalf("got %q, %v", out, err)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, args := range [][]string{{"fixtures"}, {"fixtures", "--vendor", "x"}, {"fixtures", "--vendor", "segura", "--fixtures", "testdata/bad-pinned.yaml"}} {
			out, _, err := runCmd(t, args...)
			if exitCode(err) != 2 || out != "" {
				t.Errorf("%v: exit %d (%v), output %q", args, exitCode(err), err, out)
			}
		}
	})
}
