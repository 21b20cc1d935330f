package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := moduleRoot(context.Background(), goTool)
	if err != nil {
		t.Fatal(err)
	}
	// Both packages the harness builds are found from the root.
	for _, pkg := range []string{mockPackage, baselinePackage} {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(pkg), "main.go")); err != nil {
			t.Errorf("%s from root %s: %v", pkg, root, err)
		}
	}
	// Outside any module there is nothing to build.
	t.Chdir(t.TempDir())
	t.Setenv("GO111MODULE", "on")
	if _, err := moduleRoot(context.Background(), goTool); err == nil {
		t.Error("moduleRoot outside a module gave no error")
	}
}
