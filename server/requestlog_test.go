package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// logBuffer collects what a JSON slog handler writes, for the server's
// goroutines to write into while the test reads.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lines decodes every line logged so far.
func (l *logBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(l.String()))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func startLogged(t *testing.T, level slog.Level, edit func(*Config)) (*mock, *logBuffer) {
	t.Helper()
	buf := &logBuffer{}
	m := start(t, func(c *Config) {
		c.Logger = slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: level}))
		if edit != nil {
			edit(c)
		}
	})
	return m, buf
}

func TestRequestLogOneLinePerVendorRequest(t *testing.T) {
	t.Parallel()
	m, buf := startLogged(t, slog.LevelInfo, func(c *Config) {
		c.Faults = []fault.Rule{{ID: "slowish", Match: fault.Match{Route: "remotesessions"}, Action: fault.Action{Latency: fault.Fixed(time.Millisecond)}}}
	})
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok, "Prefer", "code=503"))
	m.call(t, m.request(t, "GET", mockapi.PathRequests, nil)) // admin: not at info

	lines := buf.lines(t)
	if len(lines) != 2 {
		t.Fatalf("%d lines at info level, want one per vendor request (2):\n%s", len(lines), buf)
	}
	want := map[string]any{
		"level": "INFO", "msg": "request", "vendor": "segura", "route": "remotesessions", "method": "GET",
		"path": "/api/session/remotesessions", "status": float64(503), "fault": "status",
		"rules": "slowish,prefer", "client": "sessionmock",
	}
	got := lines[1]
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (line %v)", k, got[k], v, got)
		}
	}
	for _, k := range []string{"time", "duration_ms", "remote", "bytes"} {
		if _, ok := got[k]; !ok {
			t.Errorf("line has no %s: %v", k, got)
		}
	}
	if d, _ := got["duration_ms"].(float64); d < 1 {
		t.Errorf("duration_ms %v, want at least the rule's 1ms", d)
	}
	if lines[0]["route"] != "token" || lines[0]["client"] != "sessionmock" || lines[0]["status"] != float64(200) {
		t.Errorf("token line %v", lines[0])
	}
}

// TestRequestLogNeverASecret sends every kind of credential the vendors
// take, in bodies, headers and the query, and finds none in the log.
func TestRequestLogNeverASecret(t *testing.T) {
	t.Parallel()
	m, buf := startLogged(t, slog.LevelDebug, func(c *Config) {
		c.AppgateUsers = []AppgateUser{{Provider: "local", Username: "admin", Password: "admin-password-not-logged", SessionInfo: true}}
	})
	// Segura: the secret in the body, then as HTTP Basic.
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	basic := m.request(t, "POST", "/iso/oauth2/token", strings.NewReader("grant_type=client_credentials"),
		"Content-Type", "application/x-www-form-urlencoded")
	basic.SetBasicAuth("sessionmock", "sessionmock-secret")
	m.call(t, basic)
	m.call(t, m.request(t, "GET", "/api/session/remotesessions?client_secret=query-secret&token=query-token", nil,
		"Authorization", "Bearer "+tok, "Cookie", "session=cookie-secret"))
	// Appgate: the password in the login body, then the token.
	atok := m.appgateToken(t, "admin", "admin-password-not-logged")
	m.call(t, m.request(t, "GET", "/admin/session-info/"+url.PathEscape(m.world.Appgate().At(0).DN.String()), nil,
		"Accept", accept23, "Authorization", "Bearer "+atok))
	// The admin API, with a token.
	m.call(t, m.request(t, "GET", mockapi.PathConfig+"?admin_token=admin-query-secret", nil, "Authorization", "Bearer admin-header-secret"))

	out := buf.String()
	for _, secret := range []string{"sessionmock-secret", tok, atok, "query-secret", "query-token", "cookie-secret",
		"admin-password-not-logged", "admin-query-secret", "admin-header-secret", "c2Vzc2lvbm1vY2s6c2Vzc2lvbm1vY2stc2VjcmV0"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log shows %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, `"msg":"admin"`) || !strings.Contains(out, `"path":"/__mock/config"`) {
		t.Errorf("no admin line at debug level:\n%s", out)
	}
}

// The admin API's calls are logged at debug level only.
func TestRequestLogAdminAtDebug(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		level slog.Level
		want  int
	}{{slog.LevelInfo, 0}, {slog.LevelDebug, 1}} {
		m, buf := startLogged(t, tc.level, nil)
		m.call(t, m.request(t, "GET", mockapi.PathHealth, nil))
		if got := len(buf.lines(t)); got != tc.want {
			t.Errorf("level %v: %d lines for one admin call, want %d:\n%s", tc.level, got, tc.want, buf)
		}
	}
}

// A logger above info level (what --quiet makes) gets no request lines.
func TestRequestLogQuiet(t *testing.T) {
	t.Parallel()
	m, buf := startLogged(t, slog.LevelWarn, nil)
	m.seguraToken(t, "sessionmock", "sessionmock-secret")
	m.call(t, m.request(t, "GET", "/nowhere", nil))
	if out := buf.String(); out != "" {
		t.Errorf("quiet log has lines:\n%s", out)
	}
}
