package server

import (
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/internal/logformat"
)

// TestRequestLinesAsSlogWritesThem sends the same requests, a routed one,
// an unknown path and a faulted one, to a mock logging through serve's
// handler, which takes a route's lines in parts, and to one logging
// through slog's own, and requires the same lines, but for what differs
// from one request to the next (time, duration, client port).
func TestRequestLinesAsSlogWritesThem(t *testing.T) {
	t.Parallel()
	varying := regexp.MustCompile(`(time|duration_ms|remote)=("[^"]*"|\S+)`)
	for _, format := range []string{"text", "json"} {
		if format == "json" {
			varying = regexp.MustCompile(`"(time|duration_ms|remote)":("[^"]*"|[^,}]+)`)
		}
		lines := func(h func(*logBuffer) slog.Handler) []string {
			buf := &logBuffer{}
			m := start(t, func(c *Config) { c.Logger = slog.New(h(buf)) })
			tok := m.appgateToken(t, "admin", "admin")
			_, l, _ := m.list(t, tok, 23, "range=0-0")
			dn, _ := l.Data[0]["distinguishedName"].(string)
			m.sessionInfo(t, tok, dn)
			m.call(t, m.request(t, "GET", "/admin/no-such-route", nil, "Accept", accept23))
			m.call(t, m.request(t, "GET", "/admin/session-info/"+dn+"?__code=503", nil, "Accept", accept23, "Authorization", "Bearer "+tok))
			var out []string
			for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				out = append(out, varying.ReplaceAllString(line, "$1=*"))
			}
			return out
		}
		got := lines(func(w *logBuffer) slog.Handler { return logformat.New(w, format, nil) })
		want := lines(func(w *logBuffer) slog.Handler {
			if format == "json" {
				return slog.NewJSONHandler(w, nil)
			}
			return slog.NewTextHandler(w, nil)
		})
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s lines differ from slog's:\n got %s\nwant %s", format, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(got) < 5 || !strings.Contains(strings.Join(got, "\n"), "session-info") {
			t.Errorf("%s: %d lines, want the login, the list, session-info, the unknown path and the fault:\n%s", format, len(got), strings.Join(got, "\n"))
		}
	}
}
