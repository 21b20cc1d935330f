package contractcli

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/contracttest"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/internal/words"
	"github.com/sessionmock/sessionmock/openapi"
)

// settings is what the command line and the environment ask for.
type settings struct {
	target     contracttest.Target
	opts       contracttest.Options
	caCert     string
	junit      string
	json       string
	listChecks bool
	// notes are said on stderr before the run (secrets seen on the command line).
	notes []string
}

// Bounds of the contract flags, shown in the help and named in the error
// for a value outside them.
var (
	peerVersions = cli.Ints{Min: 1, Max: 999}
	dnCounts     = cli.Ints{Min: 1, Max: 1000}
	timeouts     = cli.Durations{Min: time.Millisecond, Max: time.Hour}
	deadlines    = cli.Durations{Min: time.Second, Max: 24 * time.Hour}
	rates        = cli.Floats{Min: 0, Max: 10_000}
	requestCaps  = cli.Ints{Min: 1, Max: 1_000_000}
	budgets      = cli.Durations{Min: 0, Max: time.Hour}
	releases     = cli.Ints{Min: 3, Max: 4}
)

// option is one flag of the contract command: its place in the help and
// where its value goes.
type option struct {
	cli.Flag
	// vendor is the vendor the flag belongs to, "" for the flags of both.
	vendor string
	// secret marks a value that every user of the machine can read when
	// it is given as a flag.
	secret bool
	set    func(s *settings, raw string) error
}

const (
	groupTarget  = "Target"
	groupCreds   = "Credentials (a flag wins over its variable)"
	groupSegura  = "Segura"
	groupAppgate = "Appgate"
	groupLimits  = "Connection and limits"
	groupReports = "Checks and reports"
)

// options is the table behind the parsing, the variables and the help.
func options() []option {
	text := func(dst func(*settings) *string) func(*settings, string) error {
		return func(s *settings, raw string) (err error) { *dst(s), err = cli.Text(raw); return }
	}
	env := cli.EnvName
	return []option{
		{Flag: cli.Flag{Name: "vendor", Meta: "NAME", Usage: "segura or appgate", Group: groupTarget},
			set: func(s *settings, raw string) (err error) {
				s.target.Vendor, err = cli.Choice(raw, openapi.Vendors()...)
				return
			}},
		{Flag: cli.Flag{Name: "base-url", Meta: "URL", Group: groupTarget,
			Usage: "the vendor's own base: https://pam.example (segura), https://ctrl.example:8443/admin (appgate)"},
			set: text(func(s *settings) *string { return &s.target.BaseURL })},

		{Flag: cli.Flag{Name: "client-id", Meta: "ID", Usage: "segura client id", Env: env("client-id"), Group: groupCreds},
			vendor: openapi.Segura, set: text(func(s *settings) *string { return &s.target.ClientID })},
		{Flag: cli.Flag{Name: "client-secret", Meta: "SECRET", Usage: "segura client secret", Env: env("client-secret"), Group: groupCreds},
			vendor: openapi.Segura, secret: true, set: text(func(s *settings) *string { return &s.target.ClientSecret })},
		{Flag: cli.Flag{Name: "username", Meta: "NAME", Usage: "appgate admin username", Env: env("username"), Group: groupCreds},
			vendor: openapi.Appgate, set: text(func(s *settings) *string { return &s.target.Username })},
		{Flag: cli.Flag{Name: "password", Meta: "PASSWORD", Usage: "appgate admin password", Env: env("password"), Group: groupCreds},
			vendor: openapi.Appgate, secret: true, set: text(func(s *settings) *string { return &s.target.Password })},
		{Flag: cli.Flag{Name: "provider", Meta: "NAME", Usage: "appgate identity provider", Default: contracttest.DefaultProvider,
			Env: env("provider"), Group: groupCreds},
			vendor: openapi.Appgate, set: text(func(s *settings) *string { return &s.target.Provider })},
		{Flag: cli.Flag{Name: "token", Meta: "TOKEN", Usage: "a ready bearer token, either vendor", Env: env("token"), Group: groupCreds},
			secret: true, set: text(func(s *settings) *string { return &s.target.Token })},

		{Flag: cli.Flag{Name: "segura-release", Meta: "N", Default: "4", Range: releases.String(), Group: groupSegura,
			Usage: "the release whose answers to expect: 4 (current), or 3 (senhasegura: tenant senhasegura or none, envelopes without code, error_code, detail, cod_erro)"},
			vendor: openapi.Segura,
			set:    func(s *settings, raw string) (err error) { s.target.SeguraRelease, err = releases.Int(raw); return }},
		{Flag: cli.Flag{Name: "drop", Meta: "SESSION_ID", Group: groupSegura,
			Usage: "session_id (40 hex characters) of a session the segura-drop check ends; needs --allow-writes"},
			vendor: openapi.Segura,
			set: func(s *settings, raw string) error {
				id, err := cli.Text(strings.TrimSpace(raw))
				if err == nil && !sessionID.MatchString(id) {
					err = fmt.Errorf("%q is not a session_id; want the 40 lowercase hex characters of one", id)
				}
				s.target.Drop = id
				return err
			}},
		{Flag: cli.Flag{Name: "allow-writes", Group: groupSegura,
			Usage: "allow the one request that changes data: dropping the session --drop names"},
			vendor: openapi.Segura,
			set:    func(s *settings, raw string) (err error) { s.opts.AllowWrites, err = cli.Bool(raw); return }},
		{Flag: cli.Flag{Name: "accept-version", Meta: "N", Range: peerVersions.String(), Group: groupAppgate,
			Usage: "peer API version to send; discovered when absent, as the vendor's tools do (peer-v5 to POST /login, then maxSupportedVersion from the 406; else GET /version)"},
			vendor: openapi.Appgate,
			set:    func(s *settings, raw string) (err error) { s.target.AcceptVersion, err = peerVersions.Int(raw); return }},
		{Flag: cli.Flag{Name: "dn", Meta: "DN", Group: groupAppgate,
			Usage: "distinguished name of an active session to check (repeatable, up to " + strconv.FormatInt(dnCounts.Max, 10) +
				" times); when none is given, read from GET /stats/active-sessions/dn, or asked of GET /__mock/sessions of a sessionmock"},
			vendor: openapi.Appgate,
			set: func(s *settings, raw string) error {
				dn, err := cli.Text(strings.TrimSpace(raw))
				if err != nil {
					return err
				}
				if int64(len(s.target.DNs)) >= dnCounts.Max {
					return fmt.Errorf("more than %d DNs; want at most %d", dnCounts.Max, dnCounts.Max)
				}
				s.target.DNs = append(s.target.DNs, dn)
				return nil
			}},
		{Flag: cli.Flag{Name: "max-dns", Meta: "N", Usage: "how many DNs to read when none is given, and the page size of active-sessions-paging",
			Default: strconv.Itoa(contracttest.DefaultMaxDNs), Range: dnCounts.String(), Group: groupAppgate},
			vendor: openapi.Appgate,
			set:    func(s *settings, raw string) (err error) { s.opts.MaxDNs, err = dnCounts.Int(raw); return }},

		{Flag: cli.Flag{Name: "insecure", Usage: "skip TLS certificate verification", Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.opts.Insecure, err = cli.Bool(raw); return }},
		{Flag: cli.Flag{Name: "ca-cert", Meta: "FILE", Usage: "trust the PEM certificates in FILE as well", Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.caCert, err = cli.File(raw); return }},
		{Flag: cli.Flag{Name: "timeout", Meta: "DURATION", Usage: "time-out of each request, body included",
			Default: cli.ShortDuration(contracttest.DefaultTimeout), Range: timeouts.String(), Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.opts.Timeout, err = timeouts.Parse(raw); return }},
		{Flag: cli.Flag{Name: "deadline", Meta: "DURATION", Usage: "time-out of the whole run",
			Default: cli.ShortDuration(contracttest.DefaultDeadline), Range: deadlines.String(), Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.opts.Deadline, err = deadlines.Parse(raw); return }},
		{Flag: cli.Flag{Name: "rate", Meta: "N", Usage: "at most N requests per second (decimals allowed); 0 for no limit",
			Default: "0", Range: rates.String(), Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.opts.Rate, err = rates.Parse(raw); return }},
		{Flag: cli.Flag{Name: "max-requests", Meta: "N", Usage: "at most N requests in all",
			Default: strconv.Itoa(contracttest.DefaultMaxRequests), Range: requestCaps.String(), Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.opts.MaxRequests, err = requestCaps.Int(raw); return }},
		{Flag: cli.Flag{Name: "latency-budget", Meta: "DURATION", Usage: "fail answers slower than this; 0 leaves latency unchecked",
			Default: "0", Range: budgets.String(), Group: groupLimits},
			set: func(s *settings, raw string) (err error) { s.opts.LatencyBudget, err = budgets.Parse(raw); return }},

		{Flag: cli.Flag{Name: "allow-empty", Group: groupReports,
			Usage: "skip, rather than fail, a check that found nothing to judge (no record in the documented form, every DN answering 404)"},
			set: func(s *settings, raw string) (err error) { s.opts.AllowEmpty, err = cli.Bool(raw); return }},
		{Flag: cli.Flag{Name: "checks", Meta: "IDS", Usage: "run only these checks (comma-separated, repeatable)", Group: groupReports},
			set: func(s *settings, raw string) error { s.opts.Checks = appendList(s.opts.Checks, raw); return nil }},
		{Flag: cli.Flag{Name: "skip", Meta: "IDS", Usage: "leave these checks out (comma-separated, repeatable)", Group: groupReports},
			set: func(s *settings, raw string) error { s.opts.Skip = appendList(s.opts.Skip, raw); return nil }},
		{Flag: cli.Flag{Name: "list-checks", Usage: "print the checks and what each proves, and exit", Group: groupReports},
			set: func(s *settings, raw string) (err error) { s.listChecks, err = cli.Bool(raw); return }},
		{Flag: cli.Flag{Name: "junit", Meta: "FILE", Usage: "write a JUnit XML report (one test case per check)", Group: groupReports},
			set: text(func(s *settings) *string { return &s.junit })},
		{Flag: cli.Flag{Name: "json", Meta: "FILE", Usage: "write the JSON report", Group: groupReports},
			set: text(func(s *settings) *string { return &s.json })},
	}
}

// sessionID is the form of a Segura session_id.
var sessionID = regexp.MustCompile(`^[0-9a-f]{40}$`)

// appendList adds the comma-separated ids of raw; the check ids
// themselves are judged by the suite, which knows them.
func appendList(list []string, raw string) []string {
	for _, p := range strings.Split(raw, ",") {
		if p = strings.TrimSpace(p); p != "" {
			list = append(list, p)
		}
	}
	return list
}

func flags() []cli.Flag {
	opts := options()
	out := make([]cli.Flag, len(opts))
	for i, o := range opts {
		out[i] = o.Flag
	}
	return out
}

// EnvNames are the variables the contract command reads.
func EnvNames() []string { return cli.EnvNames(flags()) }

// parseArgs reads the flags, then the variables for what the flags left
// unset. A flag error wraps flag.ErrHelp for -h and --help.
func parseArgs(args []string, getenv func(string) string) (settings, error) {
	s := settings{opts: contracttest.Options{
		Timeout:     contracttest.DefaultTimeout,
		Deadline:    contracttest.DefaultDeadline,
		MaxRequests: contracttest.DefaultMaxRequests,
		MaxDNs:      contracttest.DefaultMaxDNs,
	}}
	table := options()
	given, err := cli.Parse("contract", flags(), args)
	if err != nil {
		return s, err
	}
	byName := map[string]*option{}
	for i := range table {
		byName[table[i].Name] = &table[i]
	}
	set := map[string]bool{}
	for _, g := range given {
		if err := byName[g.Name].set(&s, g.Raw); err != nil {
			return s, fmt.Errorf("--%s: %w", g.Name, err)
		}
		set[g.Name] = true
	}
	if s.listChecks {
		return s, nil
	}
	if s.target.Vendor == "" {
		return s, fmt.Errorf("--vendor is required; want --vendor %s", words.OneOf(openapi.Vendors()))
	}
	for _, o := range table {
		if set[o.Name] && o.vendor != "" && o.vendor != s.target.Vendor {
			return s, fmt.Errorf("--%s is a flag of --vendor %s, not %s", o.Name, o.vendor, s.target.Vendor)
		}
	}
	for _, o := range table {
		// A CI job may set both vendors' variables: the other vendor's
		// are passed over.
		if set[o.Name] || o.Env == "" || o.vendor != "" && o.vendor != s.target.Vendor {
			continue
		}
		if raw := getenv(o.Env); raw != "" {
			if err := o.set(&s, raw); err != nil {
				return s, fmt.Errorf("%s: %w", o.Env, err)
			}
		}
	}
	for _, o := range table {
		if o.secret && set[o.Name] {
			s.notes = append(s.notes, fmt.Sprintf("--%s on the command line can be read by other users of this machine; %s keeps it out of the process list",
				o.Name, o.Env))
		}
	}
	if s.target.Vendor == openapi.Appgate && s.target.Provider == "" {
		s.target.Provider = contracttest.DefaultProvider
	}
	switch {
	case s.target.BaseURL == "":
		return s, errors.New("--base-url is required; want the vendor's base, such as https://pam.example for segura or https://ctrl.example:8443/admin for appgate")
	case s.opts.Insecure && s.caCert != "":
		return s, errors.New("--insecure and --ca-cert contradict each other; want one of them")
	case s.target.Drop != "" && !s.opts.AllowWrites:
		return s, errors.New("--drop ends a real session: add --allow-writes to allow it")
	case s.opts.AllowWrites && s.target.Drop == "":
		return s, errors.New("--allow-writes allows only the drop of a session: name it with --drop SESSION_ID")
	}
	if s.caCert != "" {
		pool, err := loadCA(s.caCert)
		if err != nil {
			return s, err
		}
		s.opts.RootCAs = pool
	}
	return s, nil
}

// loadCA returns the system's roots plus the certificates of file.
func loadCA(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--ca-cert: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca-cert: %q holds no PEM certificate; want a PEM file of CA certificates", file)
	}
	return pool, nil
}
