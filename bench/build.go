package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// The packages built, relative to the module root.
const (
	mockPackage     = "./cmd/sessionmock"
	baselinePackage = "./bench/baseline"
)

// binaries are the programs under test, built once per harness run so
// that no measurement includes compile time.
type binaries struct {
	mock, baseline string
	goVersion      string // of the toolchain that built them
	root           string // of the module they were built from
}

// moduleRoot is the directory of the go.mod that holds the working
// directory, so the harness works from the root (go run ./bench) and from
// bench/ (go test).
func moduleRoot(ctx context.Context, goTool string) (string, error) {
	out, err := exec.CommandContext(ctx, goTool, "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == "/dev/null" {
		return "", fmt.Errorf("not inside a Go module (go env GOMOD = %q)", gomod)
	}
	return filepath.Dir(gomod), nil
}

// build compiles the mock and the baseline into dir.
func build(ctx context.Context, dir string) (binaries, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return binaries{}, fmt.Errorf("the go command is needed to build the servers: %w", err)
	}
	root, err := moduleRoot(ctx, goTool)
	if err != nil {
		return binaries{}, err
	}
	b := binaries{mock: filepath.Join(dir, "sessionmock"), baseline: filepath.Join(dir, "baseline"), root: root}
	for _, t := range []struct{ out, pkg string }{{b.mock, mockPackage}, {b.baseline, baselinePackage}} {
		cmd := exec.CommandContext(ctx, goTool, "build", "-o", t.out, t.pkg)
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return binaries{}, fmt.Errorf("go build %s: %w\n%s", t.pkg, err, stderr.Bytes())
		}
	}
	out, err := exec.CommandContext(ctx, goTool, "env", "GOVERSION").Output()
	if err != nil {
		return binaries{}, fmt.Errorf("go env GOVERSION: %w", err)
	}
	b.goVersion = strings.TrimSpace(string(out))
	return b, nil
}
