package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/sessionmock/sessionmock/openapi"
)

func printSpec(_ context.Context, args []string, _ func(string) string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("spec", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			specUsage(stdout)
			return nil
		}
		return usageError(err)
	}
	vendors := strings.Join(openapi.Vendors(), " or ")
	if fs.NArg() != 1 {
		return usageError(fmt.Errorf("want one vendor, %s", vendors))
	}
	doc, err := openapi.Raw(fs.Arg(0))
	if errors.Is(err, openapi.ErrUnknownVendor) {
		return usageError(fmt.Errorf("unknown vendor %q, want %s", fs.Arg(0), vendors))
	}
	if err != nil {
		return err
	}
	_, err = stdout.Write(doc)
	return err
}

func specUsage(w io.Writer) {
	fmt.Fprintf(w, `Usage: sessionmock spec %s

Prints the OpenAPI 3.0 document the mock serves and validates against, as
YAML.
`, strings.Join(openapi.Vendors(), "|"))
}
