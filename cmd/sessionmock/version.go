package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

func printVersion(_ context.Context, args []string, _ func(string) string, stdout, _ io.Writer) error {
	if len(args) > 0 {
		if isHelpFlag(args[0]) {
			fmt.Fprintln(stdout, "Usage: sessionmock version")
			return nil
		}
		return usageError(fmt.Errorf("unexpected argument %q", args[0]))
	}
	_, err := fmt.Fprintf(stdout, "sessionmock %s %s %s/%s\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

// versionString prefers the version set by the linker; otherwise the
// module version "go install" records, or the commit of a source build.
func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "devel"
	}
	return "devel-" + rev + dirty
}
