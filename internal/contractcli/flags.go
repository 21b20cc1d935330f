package contractcli

import (
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/contracttest"
	"github.com/sessionmock/sessionmock/openapi"
)

// settings is what the command line and the environment ask for.
type settings struct {
	target     contracttest.Target
	opts       contracttest.Options
	junit      string
	json       string
	listChecks bool
	// notes are said on stderr before the run (secrets seen on the command line).
	notes []string
}

// listFlag collects a repeatable flag; with split, each value may also be a
// comma-separated list.
type listFlag struct {
	values *[]string
	split  bool
}

func (l listFlag) String() string {
	if l.values == nil {
		return ""
	}
	return strings.Join(*l.values, ",")
}

func (l listFlag) Set(v string) error {
	parts := []string{v}
	if l.split {
		parts = strings.Split(v, ",")
	}
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			*l.values = append(*l.values, p)
		}
	}
	return nil
}

// envOf names the variable a flag may also come from ("" for none).
func envOf(flag string) string {
	switch flag {
	case "client-id", "client-secret", "username", "password", "provider", "token":
		return "SESSIONMOCK_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
	}
	return ""
}

// vendorOfFlag is the vendor a flag belongs to, "" for the flags of both.
func vendorOfFlag(flag string) string {
	switch flag {
	case "client-id", "client-secret":
		return openapi.Segura
	case "username", "password", "provider", "accept-version", "dn", "max-dns":
		return openapi.Appgate
	}
	return ""
}

// secretFlags are visible to every user of the machine when given as flags.
func secretFlags() []string { return []string{"client-secret", "password", "token"} }

func newFlagSet(s *settings, caCert *string) *flag.FlagSet {
	fs := flag.NewFlagSet("contract", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	t, o := &s.target, &s.opts
	fs.StringVar(&t.Vendor, "vendor", "", "")
	fs.StringVar(&t.BaseURL, "base-url", "", "")
	fs.StringVar(&t.ClientID, "client-id", "", "")
	fs.StringVar(&t.ClientSecret, "client-secret", "", "")
	fs.StringVar(&t.Username, "username", "", "")
	fs.StringVar(&t.Password, "password", "", "")
	fs.StringVar(&t.Provider, "provider", "", "")
	fs.StringVar(&t.Token, "token", "", "")
	fs.IntVar(&t.AcceptVersion, "accept-version", 0, "")
	fs.Var(listFlag{values: &t.DNs}, "dn", "")
	fs.IntVar(&o.MaxDNs, "max-dns", contracttest.DefaultMaxDNs, "")
	fs.BoolVar(&o.Insecure, "insecure", false, "")
	fs.StringVar(caCert, "ca-cert", "", "")
	fs.DurationVar(&o.Timeout, "timeout", contracttest.DefaultTimeout, "")
	fs.DurationVar(&o.Deadline, "deadline", contracttest.DefaultDeadline, "")
	fs.Float64Var(&o.Rate, "rate", 0, "")
	fs.IntVar(&o.MaxRequests, "max-requests", contracttest.DefaultMaxRequests, "")
	fs.DurationVar(&o.LatencyBudget, "latency-budget", 0, "")
	fs.Var(listFlag{values: &o.Checks, split: true}, "checks", "")
	fs.Var(listFlag{values: &o.Skip, split: true}, "skip", "")
	fs.StringVar(&s.junit, "junit", "", "")
	fs.StringVar(&s.json, "json", "", "")
	fs.BoolVar(&s.listChecks, "list-checks", false, "")
	return fs
}

// parseArgs reads the flags, then the variables for what the flags left
// unset. A flag error wraps flag.ErrHelp for -h and --help.
func parseArgs(args []string, getenv func(string) string) (settings, error) {
	var s settings
	var caCert string
	fs := newFlagSet(&s, &caCert)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return s, err
		}
		// The flag package quotes nothing: a flag name holding a line
		// break would break the one-line error.
		msg := strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(err.Error())
		return s, fmt.Errorf("%s (see sessionmock contract --help)", msg)
	}
	if fs.NArg() > 0 {
		return s, fmt.Errorf("unexpected argument %q: everything is given with flags (see sessionmock contract --help)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if s.listChecks {
		return s, nil
	}
	if s.target.Vendor == "" {
		return s, fmt.Errorf("--vendor is required: %s", strings.Join(openapi.Vendors(), " or "))
	}
	if !slices.Contains(openapi.Vendors(), s.target.Vendor) {
		return s, fmt.Errorf("--vendor %q: want %s", s.target.Vendor, strings.Join(openapi.Vendors(), " or "))
	}
	var flagErr error
	fs.VisitAll(func(f *flag.Flag) {
		vendor := vendorOfFlag(f.Name)
		switch {
		case flagErr != nil:
		case set[f.Name] && vendor != "" && vendor != s.target.Vendor:
			flagErr = fmt.Errorf("--%s is a flag of --vendor %s, not %s", f.Name, vendor, s.target.Vendor)
		case set[f.Name], envOf(f.Name) == "":
		case vendor != "" && vendor != s.target.Vendor:
			// A CI job may set both vendors' variables.
		case getenv(envOf(f.Name)) != "":
			if err := f.Value.Set(getenv(envOf(f.Name))); err != nil {
				flagErr = fmt.Errorf("%s: %w", envOf(f.Name), err)
			}
		}
	})
	if flagErr != nil {
		return s, flagErr
	}
	for _, name := range secretFlags() {
		if set[name] {
			s.notes = append(s.notes, fmt.Sprintf("--%s on the command line can be read by other users of this machine; %s keeps it out of the process list",
				name, envOf(name)))
		}
	}
	if s.target.Vendor == openapi.Appgate && s.target.Provider == "" {
		s.target.Provider = contracttest.DefaultProvider
	}
	switch {
	case s.target.BaseURL == "":
		return s, errors.New("--base-url is required (https://pam.example for segura, https://ctrl.example:8443/admin for appgate)")
	case s.opts.Timeout <= 0:
		return s, fmt.Errorf("--timeout %v: want a positive duration", s.opts.Timeout)
	case s.opts.Deadline <= 0:
		return s, fmt.Errorf("--deadline %v: want a positive duration", s.opts.Deadline)
	case s.opts.Rate < 0:
		return s, fmt.Errorf("--rate %g: want a number of requests per second, or 0 for no limit", s.opts.Rate)
	case s.opts.MaxRequests <= 0:
		return s, fmt.Errorf("--max-requests %d: want a positive number", s.opts.MaxRequests)
	case s.opts.MaxDNs <= 0:
		return s, fmt.Errorf("--max-dns %d: want a positive number", s.opts.MaxDNs)
	case s.opts.LatencyBudget < 0:
		return s, fmt.Errorf("--latency-budget %v: want a positive duration", s.opts.LatencyBudget)
	case set["accept-version"] && s.target.AcceptVersion <= 0:
		return s, fmt.Errorf("--accept-version %d: want a positive peer API version", s.target.AcceptVersion)
	case s.opts.Insecure && caCert != "":
		return s, errors.New("--insecure and --ca-cert contradict each other: give one")
	}
	if caCert != "" {
		pool, err := loadCA(caCert)
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
		return nil, fmt.Errorf("--ca-cert %s: no PEM certificate in the file", file)
	}
	return pool, nil
}

// shortDuration drops the zero tails of time.Duration.String, so the help
// says 10m rather than 10m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}
