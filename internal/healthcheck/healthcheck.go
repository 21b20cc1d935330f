// Package healthcheck is the "sessionmock health" command: it asks a running
// sessionmock for GET /__mock/health and exits 0 when the mock answers that it
// is healthy, 1 when not. With --wait it keeps asking until the mock answers,
// so that a script can start the mock in the background and go on once it is
// up. It exists so that a container image without a shell or curl
// (distroless) can still have a HEALTHCHECK, and it finds the mock from the
// same flags, variables and config file as "sessionmock serve".
package healthcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"time"

	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/internal/config"
)

// Path is where a sessionmock reports its health.
const Path = "/__mock/health"

// DefaultTimeout bounds each probe; a container health check has its own
// time-out, and the probe should give up before it.
const DefaultTimeout = 3 * time.Second

// Bounds of the flags.
var (
	timeouts = cli.Durations{Min: time.Millisecond, Max: 10 * time.Minute}
	waits    = cli.Durations{Min: 0, Max: time.Hour}
)

// listenFlags are the serve flags that say where the mock listens; health
// takes them, and their variables, as serve does.
var listenFlags = []string{"addr", "tls", "tls-cert", "tls-key", "config"}

// request is what the command line asks for.
type request struct {
	url     string
	timeout time.Duration
	wait    time.Duration
	serve   []cli.Given // the serve flags given
}

func flags() []cli.Flag {
	own := []cli.Flag{
		{Name: "url", Meta: "URL", Group: "Probe", Usage: "the health URL to probe (a bare http://host:port probes its " + Path + "); instead of the serve flags below"},
		{Name: "timeout", Meta: "DURATION", Group: "Probe", Usage: "give up on each probe after this long",
			Default: cli.ShortDuration(DefaultTimeout), Range: timeouts.String()},
		{Name: "wait", Meta: "DURATION", Group: "Probe", Usage: "probe again until the mock is healthy or this long has passed; 0 probes once",
			Default: "0", Range: waits.String()},
	}
	usage := map[string]string{
		"addr":     "address the mock listens on, as given to serve (0.0.0.0 and :: are probed on the loopback)",
		"tls":      "the mock serves HTTPS, as serve --tls",
		"tls-cert": "the mock serves HTTPS with this certificate, as serve --tls-cert",
		"tls-key":  "key of --tls-cert, as serve --tls-key",
		"config":   "the config file serve reads, for its addr and tls keys",
	}
	for _, f := range config.ServeFlags() {
		if slices.Contains(listenFlags, f.Name) {
			f.Usage = usage[f.Name]
			f.Group = "Where serve listens (flags, variables and file as for serve)"
			own = append(own, f)
		}
	}
	return own
}

func parse(args []string) (request, error) {
	r := request{timeout: DefaultTimeout}
	given, err := cli.Parse("health", flags(), args)
	if err != nil {
		return r, err
	}
	for _, g := range given {
		switch g.Name {
		case "url":
			r.url, err = parseURL(g.Raw)
		case "timeout":
			r.timeout, err = timeouts.Parse(g.Raw)
		case "wait":
			r.wait, err = waits.Parse(g.Raw)
		default:
			r.serve = append(r.serve, g)
		}
		if err != nil {
			return r, fmt.Errorf("--%s: %w", g.Name, err)
		}
	}
	if r.url != "" && len(r.serve) > 0 {
		return r, fmt.Errorf("--url and --%s both say where to probe; want one of them", r.serve[0].Name)
	}
	return r, nil
}

// parseURL reads --url; the mock's address alone probes its health route.
func parseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http or https URL; want a URL such as http://127.0.0.1:8080", raw)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = Path
	}
	return u.String(), nil
}

// Main probes the mock. Without --url it probes where "sessionmock serve"
// listens given the same flags, environment and config file (--addr,
// SESSIONMOCK_ADDR, SESSIONMOCK_TLS, SESSIONMOCK_CONFIG...), on the
// loopback address when the mock listens on all of them. The certificate
// is not verified: the probe talks to its own host, and a generated
// certificate names no host.
//
// It returns nil when the mock is healthy, and otherwise a *cli.Error:
// cli.ExitFailed for a mock that is not healthy or cannot be reached in
// time, cli.ExitUsage for a usage mistake.
func Main(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return run(ctx, args, getenv, stdout, stderr, defaultBackoff)
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, b backoff) error {
	r, err := parse(args)
	if errors.Is(err, cli.ErrHelp) {
		Usage(stdout)
		return nil
	}
	if err != nil {
		return cli.Usage(err)
	}
	target := r.url
	if target == "" {
		if target, err = fromSettings(r.serve, getenv); err != nil {
			return cli.Usage(fmt.Errorf("%w; give the address with --addr or --url", err))
		}
	}
	p := newProber(r.timeout, b)
	defer p.close()
	attempts, err := p.wait(ctx, target, r.wait, func(first error) {
		fmt.Fprintf(stderr, "sessionmock: health: %s: %v; probing again for up to %s\n", target, first, cli.ShortDuration(r.wait))
	})
	if err != nil {
		if r.wait > 0 {
			// On a loaded machine the first probe can outlast a short
			// wait, so one probe is a possible count too.
			noun := "probes"
			if attempts == 1 {
				noun = "probe"
			}
			err = fmt.Errorf("%w (%d %s in %s)", err, attempts, noun, cli.ShortDuration(r.wait))
		}
		return cli.Failed(fmt.Errorf("%s: %w", target, err))
	}
	fmt.Fprintf(stdout, "healthy: %s\n", target)
	return nil
}

// fromSettings is the health URL of the mock that the serve settings of
// these flags and this environment describe.
func fromSettings(serve []cli.Given, getenv func(string) string) (string, error) {
	s, err := config.LoadGiven(serve, getenv)
	if err != nil {
		return "", fmt.Errorf("read the serve settings: %w", err)
	}
	host, port, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return "", fmt.Errorf("listen address %q: %w", s.Addr, err)
	}
	if port == "0" {
		return "", errors.New("the mock listens on a port picked at start (port 0)")
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	scheme := "http"
	if s.TLS || s.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + Path, nil
}

// Usage writes the help of the health command.
func Usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: sessionmock health [--wait DURATION] [--addr HOST:PORT] [--tls] [flags]

Asks a running sessionmock for GET %s and exits 0 when it is
healthy, 1 when it is not or cannot be reached, 2 for a usage mistake.
Without --url it probes where "sessionmock serve" listens when given the
same --addr and --tls flags, SESSIONMOCK_* variables and config file (on
127.0.0.1 when that is 0.0.0.0). Meant for container health checks, and
with --wait for scripts that start the mock in the background:

  sessionmock serve &
  sessionmock health --wait 30s && go test ./...

`, Path)
	cli.WriteFlags(w, flags())
}
