// Command sessionmock serves mock versions of the Segura PAM Core and
// Appgate SDP session APIs, and prints the data and documents behind them.
//
// main only wires the process to run, which takes everything it touches as
// arguments so the tests can drive it like a user would.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/sessionmock/sessionmock/internal/contractcli"
	"github.com/sessionmock/sessionmock/internal/healthcheck"
)

// version is set at build time (go build -ldflags "-X main.version=v1.2.3").
// The linker can only set a package-level string, and nothing writes it at
// run time.
var version string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "sessionmock: %v\n", err)
	}
	os.Exit(exitCode(err))
}

// usageError is a mistake the user can fix in the command line, the
// environment or the config file, or a listen address already taken: exit
// status 2, as for flag errors in the standard tools.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ue usageError
	var coded interface{ ExitCode() int }
	switch {
	case err == nil:
		return 0
	case errors.As(err, &coded):
		// contract and health say themselves: 1 a check failed, 2 a usage
		// or connection problem.
		return coded.ExitCode()
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

// subcommand is one entry of the command table behind both the dispatch
// and the help, so the two cannot disagree.
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error
}

func subcommands() []subcommand {
	return []subcommand{
		{"serve", "serve the mock APIs (the default when the first argument is a flag or absent)", serve},
		{"fixtures", "print the records a seed generates, as JSON", printFixtures},
		{"contract", "check a real server (or a mock) against the vendor's contract", contractcli.Main},
		{"health", "probe a running mock's /__mock/health (for container health checks)", healthcheck.Main},
		{"spec", "print the embedded OpenAPI document of segura or appgate", printSpec},
		{"version", "print the version of sessionmock and of Go", printVersion},
		{"help", `print this help, or a subcommand's ("sessionmock help serve")`, help},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && isHelpFlag(args[0]) {
		return help(ctx, nil, getenv, stdout, stderr)
	}
	name, rest := "serve", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, rest = args[0], args[1:]
	}
	for _, c := range subcommands() {
		if c.name == name {
			return c.run(ctx, rest, getenv, stdout, stderr)
		}
	}
	return usageError{fmt.Errorf("unknown subcommand %q (the subcommands are %s; see sessionmock --help)", name, subcommandNames())}
}

func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "-help", "--help":
		return true
	}
	return false
}

func subcommandNames() string {
	var names []string
	for _, c := range subcommands() {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}
