package main

import (
	"strings"
	"testing"
)

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
