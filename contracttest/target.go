package contracttest

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// Target is the server under test and what it takes to talk to it.
type Target struct {
	// Vendor is wire.Segura or wire.Appgate.
	Vendor string
	// BaseURL is the vendor's own base: https://pam.example for Segura,
	// https://ctrl.example:8443/admin for Appgate. The documents' paths are
	// appended to it.
	BaseURL string

	// ClientID and ClientSecret are Segura OAuth client credentials.
	ClientID, ClientSecret string
	// Username, Password and Provider log in to the Appgate Admin API
	// (Provider defaults to "local", the built-in identity provider).
	Username, Password, Provider string
	// Token is a ready bearer token, used instead of credentials.
	Token string

	// AcceptVersion is the Appgate peer API version to send; 0 discovers it
	// the way the vendor's tools do.
	AcceptVersion int
	// DNs are Appgate distinguished names with an active session to check.
	// When empty, they are read from the controller's list of active
	// sessions, or else asked of a sessionmock's GET /__mock/sessions.
	DNs []string

	// SeguraRelease is the Segura release whose shapes the answers must
	// have: 4 (current releases, the default when 0) or 3 (senhasegura).
	SeguraRelease int
	// Drop is the session_id of a Segura session the segura-drop check
	// ends; it takes Options.AllowWrites as well.
	Drop string
}

// Options bound and shape a run. The zero value is usable.
type Options struct {
	// Checks, when not empty, runs only these check IDs; Skip leaves these out.
	Checks, Skip []string

	// Timeout bounds each request, body included (default 30 s).
	Timeout time.Duration
	// Deadline bounds the whole run (default 10 min).
	Deadline time.Duration
	// Rate is the maximum number of requests per second; 0 means no limit.
	Rate float64
	// MaxRequests caps the requests of the run, redirects and discovery
	// included (default 100). Checks that would exceed it are skipped.
	MaxRequests int
	// MaxDNs is how many DNs discovery asks for (default 5).
	MaxDNs int
	// MaxBodyBytes bounds how much of one response is read (default 64 MiB).
	MaxBodyBytes int64
	// AllowEmpty turns the failure of a check that found nothing to judge
	// (no record in the documented form, every DN answered 404, the list
	// never fetched) into a skip.
	AllowEmpty bool
	// AllowWrites allows the one request that changes data, the drop of
	// the session Target.Drop names.
	AllowWrites bool

	// LatencyBudget, when positive, is the longest a vendor API answer may
	// take; the latency-budget check is skipped without it.
	LatencyBudget time.Duration

	// Insecure skips TLS certificate verification (appliances often have
	// self-signed certificates). RootCAs, when set, is the pool of trusted
	// roots instead of the system's.
	Insecure bool
	RootCAs  *x509.CertPool

	// Progress, when set, is called with each result as its check completes,
	// in the order of the report.
	Progress func(Result)

	// Now and Sleep replace the clock for pacing and time stamps; tests set
	// them, everybody else leaves them nil.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	// stats, when set, receives the counts of the run's work (tests).
	stats *runStats
}

// Defaults of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultDeadline     = 10 * time.Minute
	DefaultMaxRequests  = 100
	DefaultMaxDNs       = 5
	DefaultMaxBodyBytes = 64 << 20
	DefaultProvider     = "local"
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Deadline <= 0 {
		o.Deadline = DefaultDeadline
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = DefaultMaxRequests
	}
	if o.MaxDNs <= 0 {
		o.MaxDNs = DefaultMaxDNs
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	return o
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// check validates t and returns its base URL, parsed, without a trailing slash.
func (t *Target) check() (*url.URL, error) {
	if !slices.Contains(wire.Vendors(), t.Vendor) {
		return nil, usageErr(fmt.Sprintf("vendor %q: want %s", t.Vendor, strings.Join(wire.Vendors(), " or ")))
	}
	base, err := parseBaseURL(t.BaseURL, t.Vendor)
	if err != nil {
		return nil, err
	}
	if t.Provider == "" {
		t.Provider = DefaultProvider
	}
	switch {
	case t.Token != "":
	case t.Vendor == wire.Segura && (t.ClientID == "" || t.ClientSecret == ""):
		return nil, usageErr("segura needs a client id and secret, or a ready token")
	case t.Vendor == wire.Appgate && (t.Username == "" || t.Password == ""):
		return nil, usageErr("appgate needs a username and password, or a ready token")
	}
	if t.AcceptVersion < 0 {
		return nil, usageErr(fmt.Sprintf("accept version %d: want a positive peer API version", t.AcceptVersion))
	}
	if t.Vendor == wire.Segura && (t.AcceptVersion != 0 || len(t.DNs) > 0) {
		return nil, usageErr("an accept version and DNs are Appgate settings; segura takes neither")
	}
	if t.Vendor == wire.Appgate && (t.SeguraRelease != 0 || t.Drop != "") {
		return nil, usageErr("a Segura release and a session to drop are Segura settings; appgate takes neither")
	}
	switch t.SeguraRelease {
	case 0:
		if t.Vendor == wire.Segura {
			t.SeguraRelease = seguraReleaseLatest
		}
	case seguraReleaseLegacy, seguraReleaseLatest:
	default:
		return nil, usageErr(fmt.Sprintf("segura release %d: want 3 (senhasegura) or 4", t.SeguraRelease))
	}
	if t.Drop != "" && !sessionIDPattern.MatchString(t.Drop) {
		return nil, usageErr(fmt.Sprintf("session to drop %q: want the 40 lowercase hex characters of a session_id", t.Drop))
	}
	for _, dn := range t.DNs {
		if _, err := appgate.ParseDN(dn); err != nil {
			return nil, usageErr(fmt.Sprintf("dn %q: %v", dn, err))
		}
	}
	return base, nil
}

func parseBaseURL(raw, vendor string) (*url.URL, error) {
	example := map[string]string{
		wire.Segura:  "https://pam.example",
		wire.Appgate: "https://ctrl.example:8443" + appgate.BasePath,
	}[vendor]
	if raw == "" {
		return nil, usageErr("base URL is missing (for " + vendor + " it looks like " + example + ")")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, usageErr(fmt.Sprintf("base URL %q: %v", raw, err))
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, usageErr(fmt.Sprintf("base URL %q: want an http or https URL such as %s", raw, example))
	case u.Host == "":
		return nil, usageErr(fmt.Sprintf("base URL %q has no host", raw))
	case u.User != nil:
		return nil, usageErr("base URL carries credentials; pass them as credentials, not in the URL")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return nil, usageErr(fmt.Sprintf("base URL %q: no query or fragment, please", raw))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	switch {
	case vendor == wire.Appgate && !strings.HasSuffix(u.Path, appgate.BasePath):
		fix := *u
		fix.Path, fix.RawPath = u.Path+appgate.BasePath, ""
		return nil, usageErr(fmt.Sprintf("base URL %q: the base URL should end in %s, where the controller serves its Admin API (%s)",
			raw, appgate.BasePath, fix.String()))
	case vendor == wire.Segura && u.Path != "":
		last := u.Path[strings.LastIndexByte(u.Path, '/'):]
		if last == "/api" || last == "/iso" {
			fix := *u
			fix.Path, fix.RawPath = strings.TrimSuffix(u.Path, last), ""
			return nil, usageErr(fmt.Sprintf("base URL %q: the base URL should not end in %s: the suite adds %s and %s itself (%s)",
				raw, last, segura.PathToken, segura.PathRemoteSessions, fix.String()))
		}
	}
	return u, nil
}
