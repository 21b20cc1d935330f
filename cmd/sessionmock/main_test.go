package main

import (
	"bytes"
	"io"
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

func TestSubcommandSuggestion(t *testing.T) {
	t.Parallel()
	_, _, err := runCmd(t, "helth")
	want := `unknown subcommand "helth"; did you mean health? (the subcommands are serve, fixtures, contract, health, spec, version, help)`
	if err == nil || err.Error() != want || exitCode(err) != 2 {
		t.Fatalf("error = %v (exit %d)\nwant    %s", err, exitCode(err), want)
	}
}

// TestUsageErrorsOfEverySubcommand: the front end answers the same
// mistakes with the same words and exit status 2 in serve, contract,
// health and fixtures.
func TestUsageErrorsOfEverySubcommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--sed", "1"}, "serve: unknown flag --sed; did you mean --seed?"},
		{[]string{"--sed", "1"}, "serve: unknown flag --sed; did you mean --seed?"},
		{[]string{"contract", "--vendor", "segura", "--sed", "1"}, "contract: unknown flag --sed; sessionmock contract --help lists the flags"},
		{[]string{"contract", "--vendor", "segura", "--base-url", "http://x", "--rate", "abc"},
			`contract: --rate: "abc" is not a number; want a number from 0 to 10000`},
		{[]string{"contract", "--vendor", "segura", "--base-url", "http://x", "--max-requests", "10000000000"},
			"contract: --max-requests: 10000000000 is above the maximum; want a whole number from 1 to 1000000"},
		{[]string{"health", "--timeout", "abc"}, `health: --timeout: "abc" is not a duration; want a duration from 1ms to 10m`},
		{[]string{"health", "--adr", "127.0.0.1:1"}, "health: unknown flag --adr; did you mean --addr?"},
		{[]string{"health", "--addr"}, "health: --addr needs a value; want --addr HOST:PORT"},
		{[]string{"fixtures", "--vendor", "segura", "--count", "abc"},
			`fixtures: --count: "abc" is not a whole number; want a whole number from 0 to 1000000000`},
		{[]string{"fixtures", "--vendr", "segura"}, "fixtures: unknown flag --vendr; did you mean --vendor?"},
		{[]string{"serve", "--segura-sessions", "2000000000"},
			"serve: --segura-sessions: 2000000000 is above the maximum; want a whole number from 0 to 1000000000"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			_, _, err := runCmd(t, tt.args...)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			if exitCode(err) != 2 {
				t.Errorf("exit status %d, want 2", exitCode(err))
			}
		})
	}
}

// TestUnknownVariableWarning: a misspelt SESSIONMOCK_ variable is named on
// stderr, with the right spelling, by every subcommand that reads the
// environment; a variable of another subcommand is no mistake.
func TestUnknownVariableWarning(t *testing.T) {
	t.Parallel()
	env := []string{"SESSIONMOCK_SED=3", "SESSIONMOCK_TOKEN=t", "SESSIONMOCK_SEED=3", "SESSIONMOCK_VERBOSITY=2"}
	want := "sessionmock: warning: SESSIONMOCK_SED is set but sessionmock reads no such variable; did you mean SESSIONMOCK_SEED?\n" +
		"sessionmock: warning: SESSIONMOCK_VERBOSITY is set but sessionmock reads no such variable\n"
	for _, args := range [][]string{{"serve", "--help"}, {"contract", "--help"}, {"health", "--help"}} {
		var stderr bytes.Buffer
		if err := run(t.Context(), args, env, io.Discard, &stderr); err != nil {
			t.Fatal(err)
		}
		if stderr.String() != want {
			t.Errorf("%v: stderr\n%s\nwant\n%s", args, stderr.String(), want)
		}
	}
	var stderr bytes.Buffer
	if err := run(t.Context(), []string{"version"}, env, io.Discard, &stderr); err != nil || stderr.Len() != 0 {
		t.Errorf("version, which reads no variable, warned: %v %q", err, stderr.String())
	}
}
