package server

import (
	"fmt"
	"strings"
	"testing"
)

func TestJournalRecordsVendorRequests(t *testing.T) {
	m := start(t, nil)
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	m.call(t, m.request(t, "GET", "/api/session/remotesessions?x=1", nil, "Authorization", "Bearer "+seg))
	m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil))
	m.call(t, m.request(t, "GET", "/admin/version", nil))
	m.call(t, m.request(t, "GET", "/admin/nowhere", nil))
	m.call(t, m.request(t, "GET", "/__mock/health", nil))  // admin calls are not journaled,
	m.call(t, m.request(t, "GET", "/__mock/nothing", nil)) // unknown ones neither

	var got requestsBody
	_, body := m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	mustUnmarshal(t, body, &got)
	if got.Seen != 5 || len(got.Requests) != 5 || got.Capacity != DefaultJournalSize {
		t.Fatalf("journal: %s", body)
	}
	want := []struct {
		vendor, route, path string
		status              int
	}{
		{"segura", "token", "/iso/oauth2/token", 200},
		{"segura", "remotesessions", "/api/session/remotesessions", 200},
		{"segura", "remotesessions", "/api/session/remotesessions", 404},
		{"appgate", "version", "/admin/version", 200},
		{"appgate", "", "/admin/nowhere", 404},
	}
	for i, w := range want {
		e := got.Requests[i]
		if e.Vendor != w.vendor || e.Route != w.route || e.Path != w.path || e.Status != w.status || e.ID != uint64(i+1) {
			t.Errorf("entry %d: %+v, want %+v", i, e, w)
		}
	}
	if e := got.Requests[1]; e.Query != "x=1" || e.Bytes == 0 || e.Duration <= 0 {
		t.Errorf("entry 1 details: %+v", e)
	}
	if a := got.Requests[1].Headers["Authorization"]; len(a) != 1 || a[0] != "Bearer [redacted]" {
		t.Errorf("authorization kept as %q", a)
	}
	if strings.Contains(string(body), seg) || strings.Contains(string(body), "sessionmock-secret") {
		t.Error("the journal shows a secret")
	}

	_, body = m.call(t, m.request(t, "GET", "/__mock/requests?vendor=appgate&limit=1", nil))
	got = requestsBody{}
	mustUnmarshal(t, body, &got)
	if len(got.Requests) != 1 || got.Requests[0].Path != "/admin/nowhere" {
		t.Errorf("filtered: %s", body)
	}

	resp, _ := m.call(t, m.request(t, "DELETE", "/__mock/requests", nil))
	if resp.StatusCode != 204 {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
	_, body = m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	wantJSON(t, body, `{"seen":0,"kept":0,"capacity":1000,"requests":[]}`)
}

func TestJournalIsBounded(t *testing.T) {
	m := start(t, func(c *Config) { c.JournalSize = 3 })
	for i := 0; i < 5; i++ {
		m.call(t, m.request(t, "GET", fmt.Sprintf("/admin/version?n=%d", i), nil))
	}
	var got requestsBody
	_, body := m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	mustUnmarshal(t, body, &got)
	if got.Seen != 5 || got.Kept != 3 || len(got.Requests) != 3 {
		t.Fatalf("%s", body)
	}
	for i, e := range got.Requests {
		if e.Query != fmt.Sprintf("n=%d", i+2) || e.ID != uint64(i+3) {
			t.Errorf("entry %d: %+v (oldest must be dropped first)", i, e)
		}
	}
}

func TestJournalOff(t *testing.T) {
	m := start(t, func(c *Config) { c.JournalSize = 0 })
	m.call(t, m.request(t, "GET", "/admin/version", nil))
	_, body := m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	wantJSON(t, body, `{"seen":0,"kept":0,"capacity":0,"requests":[]}`)
}

func TestRedactHeaders(t *testing.T) {
	got := redactHeaders(map[string][]string{
		"Authorization": {"Bearer abc", "opaque"},
		"Cookie":        {"a=b"},
		"Accept":        {"application/json"},
	})
	if got["Authorization"][0] != "Bearer [redacted]" || got["Authorization"][1] != "[redacted]" ||
		got["Cookie"][0] != "[redacted]" || got["Accept"][0] != "application/json" {
		t.Errorf("%v", got)
	}
}

// TestJournalSizeBounds: the journal is allocated whole at start, so a
// size beyond MaxJournalSize is refused rather than tried.
func TestJournalSizeBounds(t *testing.T) {
	t.Parallel()
	for _, size := range []int{-1, MaxJournalSize + 1} {
		if _, err := New(Config{World: mustWorld(t, 1, 1, 1), JournalSize: size}); err == nil ||
			!strings.Contains(err.Error(), "outside 0 to 100000") {
			t.Errorf("JournalSize %d: error %v", size, err)
		}
	}
	if _, err := New(Config{World: mustWorld(t, 1, 1, 1), JournalSize: MaxJournalSize}); err != nil {
		t.Errorf("JournalSize %d: %v", MaxJournalSize, err)
	}
}
