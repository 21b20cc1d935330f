package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	t.Parallel()
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
		{[]string{"contract", "--help"}, "help-contract.golden"},
		{[]string{"help", "contract"}, "help-contract.golden"},
		{[]string{"health", "-h"}, "help-health.golden"},
		{[]string{"help", "health"}, "help-health.golden"},
		{[]string{"spec", "--help"}, "help-spec.golden"},
		{[]string{"help", "spec"}, "help-spec.golden"},
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
