package healthcheck

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
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

func code(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestHealth(t *testing.T) {
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
		{"all interfaces probed on loopback", nil, map[string]string{"SESSIONMOCK_ADDR": "0.0.0.0:" + port}, 0, "http://127.0.0.1:" + port},
		{"TLS from the environment", nil, map[string]string{"SESSIONMOCK_ADDR": hostPort(tlsMock.URL), "SESSIONMOCK_TLS": "true"}, 0, "https://"},
		{"unhealthy", []string{"--url", sick.URL + Path}, nil, 1, "answered 503"},
		{"not a sessionmock", []string{"--url", notMock.URL + Path}, nil, 1, `without {"status":"ok"}`},
		{"nothing listens", []string{"--url", closed.URL + Path}, nil, 1, "refused"},
		{"port picked at start", nil, map[string]string{"SESSIONMOCK_ADDR": "127.0.0.1:0"}, 2, "port 0"},
		{"bad settings", nil, map[string]string{"SESSIONMOCK_SEED": "x"}, 2, "SESSIONMOCK_SEED"},
		{"bad url", []string{"--url", "localhost:8080"}, nil, 2, "want an http or https URL"},
		{"bad flag", []string{"--port", "1"}, nil, 2, "flag provided but not defined"},
		{"bad timeout", []string{"--timeout", "0s"}, nil, 2, "--timeout"},
		{"help", []string{"--help"}, nil, 0, "Usage: sessionmock health"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Main(context.Background(), tt.args, func(k string) string { return tt.env[k] }, &out, &bytes.Buffer{})
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
