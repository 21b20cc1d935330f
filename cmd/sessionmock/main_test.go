package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestUnknownSubcommand(t *testing.T) {
	for _, args := range [][]string{{"bogus"}, {"srve", "--seed", "1"}, {"help", "nope"}} {
		_, _, err := runCmd(t, args...)
		if err == nil || exitCode(err) != 2 {
			t.Fatalf("%v: error %v, want exit status 2", args, err)
		}
		name := args[0]
		if name == "help" {
			name = args[1]
		}
		if !strings.Contains(err.Error(), `"`+name+`"`) || !strings.Contains(err.Error(), "serve, fixtures, contract, health, spec, version, help") {
			t.Errorf("%v: error %q does not name the subcommand and the valid ones", args, err)
		}
	}
}

func TestExitCode(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{errors.New("broken pipe"), 1},
		{usageError{errors.New("bad flag")}, 2},
		{fmt.Errorf("wrapped: %w", usageError{errors.New("bad flag")}), 2},
	} {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
