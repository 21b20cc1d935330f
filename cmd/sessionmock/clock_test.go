package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// serve's clock settings reach the running mock: a fixed clock at a given
// instant with the history ending there, and a live one.
func TestServeClockSettings(t *testing.T) {
	client := &http.Client{Timeout: hangGuard}
	get := func(m *mock, path string, v any) {
		t.Helper()
		resp, err := client.Get(m.base + path)
		if err != nil {
			t.Fatal(err)
		}
		decodeJSON(t, resp, v)
	}
	fixed := startServe(t, nil, "--addr", "127.0.0.1:0", "--clock", "2026-03-02T09:30:00Z", "--segura-sessions", "7")
	var c mockapi.Clock
	get(fixed, mockapi.PathClock, &c)
	if c.Now != "2026-03-02T09:30:00Z" || c.Mode != "fixed" {
		t.Fatalf("fixed at an instant: %+v", c)
	}
	var page mockapi.Sessions[map[string]any, map[string]any]
	get(fixed, mockapi.PathSessions+"?vendor=segura", &page)
	last := page.Segura.Sessions[len(page.Segura.Sessions)-1]
	if page.Segura.Total != 7 || !strings.HasPrefix(last["start"].(string), "2026-03-02 09:") {
		t.Fatalf("the history does not end at the start instant: %d sessions, the last begun %v", page.Segura.Total, last["start"])
	}
	if !strings.Contains(strings.Join(fixed.banner, "\n"), "clock fixed at the start instant 2026-03-02T09:30:00Z") {
		t.Errorf("banner:\n%s", strings.Join(fixed.banner, "\n"))
	}

	start := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Second)
	live := startServe(t, map[string]string{"SESSIONMOCK_CLOCK": "live"}, "--addr", "127.0.0.1:0", "--clock-start", start.Format(time.RFC3339))
	get(live, mockapi.PathClock, &c)
	now, err := time.Parse(time.RFC3339Nano, c.Now)
	if err != nil || c.Mode != "live" || now.Sub(start) < 2*time.Hour || time.Since(now) > time.Minute {
		t.Fatalf("live from two hours ago: %+v", c)
	}
	resp, err := client.Post(live.base+mockapi.PathClock, "application/json", strings.NewReader(`{"advance":"1h"}`))
	if err != nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("moving a live clock: %v %v", resp, err)
	}
	resp.Body.Close()
}
