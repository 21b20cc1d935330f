// Package healthcheck is the "sessionmock health" command: it asks a running
// sessionmock for GET /__mock/health and exits 0 when the mock answers that it
// is healthy, 1 when not. It exists so that a container image without a shell
// or curl (distroless) can still have a HEALTHCHECK.
package healthcheck

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/internal/config"
)

// Path is where a sessionmock reports its health.
const Path = "/__mock/health"

// DefaultTimeout bounds the probe; a container health check has its own
// time-out, and the probe should give up before it.
const DefaultTimeout = 3 * time.Second

// Error carries the exit status of the command: 1 for an unhealthy or
// unreachable mock, 2 for a usage mistake.
type Error struct {
	Code int
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ExitCode is the status the process should exit with.
func (e *Error) ExitCode() int { return e.Code }

// Main probes the mock. Without --url it probes where "sessionmock serve"
// listens given the same environment and config file (SESSIONMOCK_ADDR,
// SESSIONMOCK_TLS, SESSIONMOCK_CONFIG...), on the loopback address when the
// mock listens on all of them. The certificate is not verified: the probe
// talks to its own host, and a generated certificate names no host.
func Main(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rawURL := fs.String("url", "", "")
	timeout := fs.Duration("timeout", DefaultTimeout, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			Usage(stdout)
			return nil
		}
		return &Error{Code: 2, Err: fmt.Errorf("health: %w (see sessionmock health --help)", err)}
	}
	if fs.NArg() > 0 {
		return &Error{Code: 2, Err: fmt.Errorf("health: unexpected argument %q", fs.Arg(0))}
	}
	if *timeout <= 0 {
		return &Error{Code: 2, Err: fmt.Errorf("health: --timeout %v: want a positive duration", *timeout)}
	}
	target := *rawURL
	if target == "" {
		var err error
		if target, err = fromSettings(getenv); err != nil {
			return &Error{Code: 2, Err: fmt.Errorf("health: %w; give the address with --url", err)}
		}
	} else if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &Error{Code: 2, Err: fmt.Errorf("health: --url %q: want an http or https URL", target)}
	} else if u.Path == "" || u.Path == "/" {
		// The mock's address alone: probe its health route.
		u.Path = "/__mock/health"
		target = u.String()
	}
	if err := probe(ctx, target, *timeout); err != nil {
		return &Error{Code: 1, Err: fmt.Errorf("health: %s: %w", target, err)}
	}
	fmt.Fprintf(stdout, "healthy: %s\n", target)
	return nil
}

// fromSettings is the health URL of the mock that the serve settings of
// this environment describe.
func fromSettings(getenv func(string) string) (string, error) {
	s, err := config.Load(nil, getenv)
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

func probe(ctx context.Context, target string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // a probe of its own host; see Main
		Proxy:           nil,                                   // a proxy cannot reach the container's loopback
	}}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("answered %d %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var h struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(body, &h); err != nil || h.Status != "ok" {
		return fmt.Errorf("answered 200 without {\"status\":\"ok\"}: %.200s", body)
	}
	return nil
}

// Usage writes the help of the health command.
func Usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: sessionmock health [--url URL] [--timeout DURATION]

Asks a running sessionmock for GET %s and exits 0 when it is healthy,
1 when it is not or cannot be reached. Without --url it probes the address
"sessionmock serve" would listen on with the same SESSIONMOCK_* variables
and config file (on 127.0.0.1 when that is 0.0.0.0). Meant for container
health checks.

  --url URL            the health URL to probe (a bare http://host:port
                       probes its /__mock/health)
  --timeout DURATION   give up after this long (default %s)
`, Path, DefaultTimeout)
}
