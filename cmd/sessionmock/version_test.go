package main

import (
	"strings"
	"testing"
)

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
