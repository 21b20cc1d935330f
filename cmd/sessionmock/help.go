package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/internal/contractcli"
	"github.com/sessionmock/sessionmock/internal/healthcheck"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

func help(_ context.Context, args []string, _ func(string) string, stdout, _ io.Writer) error {
	if len(args) == 0 {
		usage(stdout)
		return nil
	}
	if len(args) > 1 {
		return usageError(fmt.Errorf("want at most one subcommand, got %q", args))
	}
	switch args[0] {
	case "serve":
		config.ServeUsage(stdout)
	case "fixtures":
		config.FixturesUsage(stdout)
	case "contract":
		contractcli.Usage(stdout)
	case "health":
		healthcheck.Usage(stdout)
	case "spec":
		specUsage(stdout)
	case "version":
		fmt.Fprintln(stdout, "Usage: sessionmock version\n\nPrints the version of sessionmock and the Go release it was built with.")
	case "help":
		usage(stdout)
	default:
		return usageError(unknownSubcommand(args[0]))
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: sessionmock [subcommand] [flags]

sessionmock imitates the session APIs of Segura PAM Core
(%s) and Appgate SDP
(%s) with seeded, realistic data.

Subcommands:
`, segura.RemoteSessionsRoute, appgate.SessionInfoRoute)
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "sessionmock <subcommand> --help" for a subcommand's flags. The flags of
serve can be given without the subcommand: "sessionmock --seed 7".
`)
}
