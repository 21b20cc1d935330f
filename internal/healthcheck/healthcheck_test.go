package healthcheck

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/server"
)

func mock(t *testing.T) http.Handler {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(server.Config{World: world})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// code is the exit status of err, -1 for an error without one.
func code(err error) int {
	if e, ok := errors.AsType[*cli.Error](err); ok {
		return e.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// fast spaces the probes of --wait far closer than the command does, so
// the tests wait milliseconds, not seconds.
var fast = backoff{first: time.Millisecond, longest: 5 * time.Millisecond}

func TestHealth(t *testing.T) {
	t.Parallel()
	healthy := httptest.NewServer(mock(t))
	t.Cleanup(healthy.Close)
	tlsMock := httptest.NewTLSServer(mock(t))
	t.Cleanup(tlsMock.Close)
	sick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"status":"starting"}`, http.StatusServiceUnavailable)
	}))
	t.Cleanup(sick.Close)
	notMock := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<html>hello</html>"))
	}))
	t.Cleanup(notMock.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	hostPort := func(u string) string { return strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://") }
	_, port, _ := net.SplitHostPort(hostPort(healthy.URL))

	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		msg  string
	}{
		{"url", []string{"--url", healthy.URL + Path}, nil, 0, "healthy"},
		{"bare address", []string{"--url", healthy.URL}, nil, 0, "healthy: " + healthy.URL + Path},
		{"from SESSIONMOCK_ADDR", nil, map[string]string{"SESSIONMOCK_ADDR": hostPort(healthy.URL)}, 0, "healthy"},
		{"from --addr", []string{"--addr", hostPort(healthy.URL)}, nil, 0, "healthy: " + healthy.URL + Path},
		{"--addr over SESSIONMOCK_ADDR", []string{"--addr", hostPort(healthy.URL)}, map[string]string{"SESSIONMOCK_ADDR": hostPort(closed.URL)}, 0, "healthy"},
		{"all interfaces probed on loopback", nil, map[string]string{"SESSIONMOCK_ADDR": "0.0.0.0:" + port}, 0, "http://127.0.0.1:" + port},
		{"TLS from the environment", nil, map[string]string{"SESSIONMOCK_ADDR": hostPort(tlsMock.URL), "SESSIONMOCK_TLS": "true"}, 0, "https://"},
		{"TLS from --tls", []string{"--addr", hostPort(tlsMock.URL), "--tls"}, nil, 0, "healthy: " + tlsMock.URL + Path},
		{"TLS port probed without --tls", []string{"--addr", hostPort(tlsMock.URL)}, nil, 1, "answered 400"},
		{"unhealthy", []string{"--url", sick.URL + Path}, nil, 1, "answered 503"},
		{"not a sessionmock", []string{"--url", notMock.URL + Path}, nil, 1, `without {"status":"ok"}`},
		{"nothing listens", []string{"--url", closed.URL + Path}, nil, 1, "refused"},
		{"nothing listens, waited for", []string{"--url", closed.URL + Path, "--wait", "20ms"}, nil, 1, " in 20ms)"},
		{"port picked at start", nil, map[string]string{"SESSIONMOCK_ADDR": "127.0.0.1:0"}, 2, "port 0"},
		{"bad settings", nil, map[string]string{"SESSIONMOCK_SEED": "x"}, 2, `SESSIONMOCK_SEED: "x" is not a whole number`},
		{"bad url", []string{"--url", "localhost:8080"}, nil, 2, `--url: "localhost:8080" is not an http or https URL; want a URL such as http://127.0.0.1:8080`},
		{"url and addr", []string{"--url", healthy.URL, "--addr", "127.0.0.1:1"}, nil, 2, "--url and --addr both say where to probe; want one of them"},
		{"bad addr", []string{"--addr", "8080"}, nil, 2, `--addr: "8080" is not host:port`},
		{"bad flag", []string{"--port", "1"}, nil, 2, "unknown flag --port; sessionmock health --help lists the flags"},
		{"misspelt flag", []string{"--wiat", "1s"}, nil, 2, "unknown flag --wiat; did you mean --wait?"},
		{"serve flag health does not take", []string{"--seed", "1"}, nil, 2, "unknown flag --seed"},
		{"timeout word", []string{"--timeout", "abc"}, nil, 2, `--timeout: "abc" is not a duration; want a duration from 1ms to 10m`},
		{"zero timeout", []string{"--timeout", "0s"}, nil, 2, "--timeout: 0s is below the minimum; want a duration from 1ms to 10m"},
		{"wait too long", []string{"--wait", "2h"}, nil, 2, "--wait: 2h is above the maximum; want a duration from 0 to 1h"},
		{"wait without unit", []string{"--wait", "30"}, nil, 2, `--wait: "30" is not a duration (a number needs a unit: ms, s, m or h)`},
		{"help", []string{"--help"}, nil, 0, "Usage: sessionmock health"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(context.Background(), tt.args, func(k string) string { return tt.env[k] }, &out, io.Discard, fast)
			if got := code(err); got != tt.code {
				t.Fatalf("exit status %d (%v), want %d", got, err, tt.code)
			}
			text := out.String()
			if err != nil {
				text = err.Error()
			}
			if !strings.Contains(text, tt.msg) {
				t.Errorf("%q does not contain %q", text, tt.msg)
			}
		})
	}
}

// lineWriter sends each write to lines, so a test can wait for what the
// command says instead of sleeping.
type lineWriter chan string

func (w lineWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

// TestWaitForALateMock: the listener is bound but nothing serves on it
// yet, as while a mock starts; every probe times out until the mock
// serves, and then the next one finds it healthy.
func TestWaitForALateMock(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mock(t)}
	t.Cleanup(func() { srv.Close() })

	stderr := make(lineWriter, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- run(context.Background(), []string{"--addr", ln.Addr().String(), "--wait", "10m", "--timeout", "20ms"},
			func(string) string { return "" }, &out, stderr, fast)
	}()
	// The first probe has failed: start serving.
	if line := <-stderr; !strings.Contains(line, "no answer within 20ms; probing again for up to 10m") {
		t.Fatalf("stderr %q", line)
	}
	go srv.Serve(ln)
	if err := <-done; err != nil {
		t.Fatalf("health: %v", err)
	}
	if !strings.HasPrefix(out.String(), "healthy: http://"+ln.Addr().String()+Path) {
		t.Errorf("stdout %q", out.String())
	}
}

// TestWaitEndsWithTheContext: an interrupted wait reports the last
// failure at once instead of waiting on.
func TestWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := make(lineWriter, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--url", closed.URL, "--wait", "1h"}, func(string) string { return "" }, io.Discard, stderr,
			backoff{first: time.Hour, longest: time.Hour})
	}()
	<-stderr
	cancel()
	if err := <-done; code(err) != 1 || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("err = %v", err)
	}
}

// FuzzParse: no command line makes the health flags panic, a refusal is
// one line, and an accepted --url is an http or https URL with a host.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"--url\x00http://127.0.0.1:8080", "--wait\x0030s", "--addr\x00:0\x00--tls", "--url\x00localhost:80", "--timeout\x00-1s", "--url=http://[::1", "-h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		r, err := parse(strings.Split(joined, "\x00"))
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if r.url != "" && !strings.HasPrefix(r.url, "http://") && !strings.HasPrefix(r.url, "https://") {
			t.Fatalf("accepted --url %q", r.url)
		}
		if r.timeout <= 0 || r.wait < 0 {
			t.Fatalf("accepted timeout %v, wait %v", r.timeout, r.wait)
		}
	})
}
