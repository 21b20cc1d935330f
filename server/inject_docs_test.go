package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The faults do what the README and package fault say they do.

// TestSlowHoldGovernsShortBodies: fault=slow dribbles the body out over
// hold, whatever its length; a short body used to end long before.
func TestSlowHoldGovernsShortBodies(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	const hold = time.Second
	for _, path := range []string{"/admin/version", "/api/session/remotesessions"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			_, natural := m.call(t, m.request(t, "GET", path, nil))
			start := time.Now()
			resp, body := m.call(t, m.request(t, "GET", path, nil, "Prefer", "fault=slow, hold="+hold.String()))
			took := time.Since(start)
			if !bytes.Equal(body, natural) {
				t.Fatalf("slow body %q, want the normal one %q", body, natural)
			}
			if took < hold-hold/20 {
				t.Errorf("%d bytes dribbled out in %v, want the hold of %v", len(body), took, hold)
			}
			if resp.Header.Get("Preference-Applied") != "fault=slow, hold=1s" {
				t.Errorf("Preference-Applied %q", resp.Header.Get("Preference-Applied"))
			}
		})
	}
}

// TestQueryPreferencesAreApplied: the browser's __ parameters say what
// Prefer says, and the answer reports them the same way.
func TestQueryPreferencesAreApplied(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	for query, want := range map[string]string{
		"__code=503":              "code=503",
		"__code=500&__delay=1ms":  "code=500, delay=1ms",
		"__fault=slow&__hold=1ms": "fault=slow, hold=1ms",
		"__code=200":              "code=200",
	} {
		resp, body := m.call(t, m.request(t, "GET", "/admin/version?"+query, nil))
		if got := resp.Header.Get("Preference-Applied"); got != want {
			t.Errorf("?%s: Preference-Applied %q, want %q (%d %s)", query, got, want, resp.StatusCode, body)
		}
	}
	// Header and query together: the header's first, the query's
	// replacing what they both say.
	resp, _ := m.call(t, m.request(t, "GET", "/admin/version?__code=502", nil, "Prefer", "code=500, delay=1ms"))
	if got := resp.Header.Get("Preference-Applied"); resp.StatusCode != 502 || got != "delay=1ms, code=502" {
		t.Errorf("header and query: %d, Preference-Applied %q", resp.StatusCode, got)
	}
}

// TestInjected404IsTheNaturalOne: a Segura request without a token gets
// Kong's 404 whether nothing serves it or a 404 is injected; with a token
// both are the appliance's envelope.
func TestInjected404IsTheNaturalOne(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, natural := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil))
	for _, req := range []*http.Request{
		m.request(t, "GET", "/api/session/remotesessions?__code=404", nil),
		m.request(t, "GET", "/api/session/remotesessions", nil, "Prefer", "code=404"),
		m.request(t, "GET", "/api/session/remotesessions/1?__code=404", nil),
		m.request(t, "POST", "/iso/oauth2/token?__code=404", strings.NewReader("grant_type=client_credentials"),
			"Content-Type", "application/x-www-form-urlencoded"),
	} {
		resp, injected := m.call(t, req)
		if resp.StatusCode != 404 || !bytes.Equal(injected, natural) {
			t.Errorf("%s %s without a token: %d %s, want the natural %s", req.Method, req.URL, resp.StatusCode, injected, natural)
		}
	}
	_, natural = m.call(t, m.request(t, "GET", "/api/session/nothing", nil, "Authorization", "Bearer "+tok))
	resp, injected := m.call(t, m.request(t, "GET", "/api/session/remotesessions?__code=404", nil, "Authorization", "Bearer "+tok))
	if resp.StatusCode != 404 || !bytes.Equal(injected, natural) || !strings.Contains(string(natural), `"code":404`) {
		t.Errorf("with a token: injected %s, natural %s", injected, natural)
	}
}

// TestJournalRecordsTheClient: the journal names the caller whenever the
// request does, with no fault rule asking for it.
func TestJournalRecordsTheClient(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	reqs := m.vendorRequests(t) // a token and a login of their own, journaled too
	m.srv.ClearRequests()
	for _, route := range []string{"token", "remotesessions", "remotesession", "login", "session-info", "version"} {
		m.call(t, reqs[route]())
	}
	basic := m.request(t, "POST", "/iso/oauth2/token", strings.NewReader("grant_type=client_credentials"),
		"Content-Type", "application/x-www-form-urlencoded")
	basic.SetBasicAuth("no-sessions", "wrong")
	m.call(t, basic)
	m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer forged"))

	entries, _ := m.srv.Requests()
	want := []string{"sessionmock", "sessionmock", "sessionmock", "admin", "admin", "", "no-sessions", ""}
	if len(entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(entries), len(want))
	}
	for i, e := range entries {
		if e.Client != want[i] {
			t.Errorf("%s %s: client %q, want %q", e.Method, e.Path, e.Client, want[i])
		}
	}
	// And the admin API shows it.
	_, body := m.call(t, m.request(t, "GET", "/__mock/requests?route=session-info", nil))
	var got requestsBody
	if err := json.Unmarshal(body, &got); err != nil || len(got.Requests) != 1 || got.Requests[0].Client != "admin" {
		t.Errorf("GET /__mock/requests: %s", body)
	}
}
