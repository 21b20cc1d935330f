// Command sessionmock serves mock versions of the Segura PAM Core and
// Appgate SDP session APIs, and prints the data and documents behind them.
//
// main only wires the process to run, which takes everything it touches as
// arguments so the tests can drive it like a user would.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/internal/contractcli"
	"github.com/sessionmock/sessionmock/internal/healthcheck"
	"github.com/sessionmock/sessionmock/internal/words"
)

// version is set at build time (go build -ldflags "-X main.version=v1.2.3").
// The linker can only set a package-level string, and nothing writes it at
// run time.
var version string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "sessionmock: %v\n", err)
	}
	os.Exit(cli.ExitCode(err))
}

// usageError marks a mistake the user can fix in the command line, the
// environment or the config file: exit status 2.
func usageError(err error) error { return cli.Usage(err) }

// subcommand is one entry of the command table behind both the dispatch
// and the help, so the two cannot disagree.
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error
	// readsEnv marks the subcommands that read SESSIONMOCK_* variables,
	// which get a warning for a variable no subcommand knows.
	readsEnv bool
}

func subcommands() []subcommand {
	return []subcommand{
		{"serve", "serve the mock APIs (the default when the first argument is a flag or absent)", serve, true},
		{"fixtures", "print the records a seed generates, as JSON", printFixtures, false},
		{"contract", "check a real server (or a mock) against the vendor's contract", contractcli.Main, true},
		{"health", "probe a running mock's /__mock/health, waiting for it with --wait", healthcheck.Main, true},
		{"spec", "print the embedded OpenAPI document of segura or appgate", printSpec, false},
		{"version", "print the version of sessionmock and of Go", printVersion, false},
		{"help", `print this help, or a subcommand's ("sessionmock help serve")`, help, false},
	}
}

// knownEnv is every variable some subcommand reads: serve's (which health
// reads too) and contract's. A variable of another subcommand is no
// mistake, since a CI job may set the variables of several.
func knownEnv() []string {
	names := append(config.EnvNames(), contractcli.EnvNames()...)
	slices.Sort(names)
	return slices.Compact(names)
}

// run is the whole command: environ is the environment as os.Environ
// gives it. Every error it returns starts with the subcommand's name and
// carries its exit status (see cli.ExitCode).
func run(ctx context.Context, args []string, environ []string, stdout, stderr io.Writer) error {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	getenv := func(k string) string { return env[k] }
	if len(args) > 0 && isHelpFlag(args[0]) {
		return help(ctx, nil, getenv, stdout, stderr)
	}
	name, rest := "serve", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, rest = args[0], args[1:]
	}
	i := slices.IndexFunc(subcommands(), func(c subcommand) bool { return c.name == name })
	if i < 0 {
		return usageError(unknownSubcommand(name))
	}
	c := subcommands()[i]
	if c.readsEnv {
		for _, w := range cli.UnknownEnv(environ, knownEnv()) {
			fmt.Fprintf(stderr, "sessionmock: warning: %s\n", w)
		}
	}
	if err := c.run(ctx, rest, getenv, stdout, stderr); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func unknownSubcommand(name string) error {
	var names []string
	for _, c := range subcommands() {
		names = append(names, c.name)
	}
	if s := words.Suggest(name, names); s != "" {
		return fmt.Errorf("unknown subcommand %q; did you mean %s? (the subcommands are %s)", name, s, subcommandNames())
	}
	return fmt.Errorf("unknown subcommand %q; the subcommands are %s (see sessionmock --help)", name, subcommandNames())
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
