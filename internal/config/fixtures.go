package config

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/openapi"
)

// FixturesRequest is what "sessionmock fixtures" was asked to print.
type FixturesRequest struct {
	Vendor   string // one of openapi.Vendors()
	Seed     int64
	Count    int    // records to generate; the vendor's serve default when not given
	Fixtures string // pinned records file, "" for none
}

// NewWorld builds the records to print: those serve would generate for the
// seed, of the one vendor asked for, with the pinned records.
func (r FixturesRequest) NewWorld() (*fixtures.World, error) {
	opts := fixtures.Options{Seed: r.Seed, SeguraSessions: r.Count}
	if r.Vendor == openapi.Appgate {
		opts = fixtures.Options{Seed: r.Seed, AppgateClients: r.Count}
	}
	return newWorld(opts, r.Fixtures)
}

// fixturesSettings is the flag table of "sessionmock fixtures". The
// subcommand takes flags only: it prints what a given seed produces, and a
// variable left in the environment for serve should not change that
// silently.
func fixturesSettings(r *FixturesRequest, countSet *bool) []setting {
	return []setting{
		{name: "vendor", meta: "VENDOR", about: "whose records to print: " + strings.Join(openapi.Vendors(), " or "),
			apply: func(_ *state, raw string) (err error) { r.Vendor, err = cli.Choice(raw, openapi.Vendors()...); return },
			show:  func(*Settings) string { return "" }},
		{name: "seed", meta: "N", about: "seed of the generated records",
			apply: func(_ *state, raw string) (err error) { r.Seed, err = cli.AnyInt64.Parse(raw); return },
			show:  func(s *Settings) string { return strconv.FormatInt(s.Seed, 10) }},
		{name: "count", meta: "N", about: "number of generated records", limits: sessionCounts.String(),
			apply: func(_ *state, raw string) (err error) {
				r.Count, err = sessionCounts.Int(raw)
				*countSet = true
				return
			},
			show: func(s *Settings) string {
				return fmt.Sprintf("%d for segura, %d for appgate", s.SeguraSessions, s.AppgateClients)
			}},
		{name: "fixtures", meta: "FILE", about: "YAML or JSON file of pinned records to include",
			apply: func(_ *state, raw string) (err error) { r.Fixtures, err = cli.File(raw); return },
			show:  func(*Settings) string { return "" }},
	}
}

// ParseFixtures reads the arguments of "sessionmock fixtures". For -h or
// --help it returns an error wrapping flag.ErrHelp.
func ParseFixtures(args []string) (FixturesRequest, error) {
	defaults := Defaults()
	r := FixturesRequest{Seed: defaults.Seed}
	countSet := false
	table := fixturesSettings(&r, &countSet)
	given, err := cli.Parse("fixtures", flagsOf(table, false), args)
	if err != nil {
		return FixturesRequest{}, err
	}
	flags := cli.Last(given)
	for _, set := range table {
		if raw, ok := flags[set.name]; ok {
			if err := set.apply(nil, raw); err != nil {
				return FixturesRequest{}, fmt.Errorf("--%s: %w", set.name, err)
			}
		}
	}
	if r.Vendor == "" {
		return FixturesRequest{}, fmt.Errorf("--vendor is required; want --vendor %s", strings.Join(openapi.Vendors(), " or "))
	}
	if !countSet {
		r.Count = defaults.SeguraSessions
		if r.Vendor == openapi.Appgate {
			r.Count = defaults.AppgateClients
		}
	}
	return r, nil
}

// FixturesUsage writes the help of "sessionmock fixtures".
func FixturesUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: sessionmock fixtures --vendor segura|appgate [flags]

Prints the records "sessionmock serve" generates for a seed, as indented
JSON: for segura the remote sessions in id order, for appgate the clients
as {"dn", "sessionInfo"}. They are the records as planned, whatever the
clock: every session ended, every client on all the Gateways of its plan.
Flags only; the SESSIONMOCK_* variables do not apply.

Flags:
`)
	var r FixturesRequest
	var countSet bool
	cli.WriteFlags(w, flagsOf(fixturesSettings(&r, &countSet), false))
}
