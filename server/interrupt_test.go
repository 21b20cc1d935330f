package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestInterruptedAnswersAreNotPassedOffAsComplete ends the server's base
// context (what a closing server does to requests it holds): a delayed
// answer and a list being streamed must reach the client as broken
// connections, never as an empty 200 or a short list that ends cleanly.
func TestInterruptedAnswersAreNotPassedOffAsComplete(t *testing.T) {
	s, err := New(Config{World: mustWorld(t, 1, 1_000_000_000, 2), JournalSize: DefaultJournalSize})
	if err != nil {
		t.Fatal(err)
	}
	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	ts := httptest.NewUnstartedServer(s)
	ts.Config.BaseContext = func(net.Listener) context.Context { return base }
	ts.Start()
	defer ts.Close()
	m := &mock{Server: ts}
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	cancel()

	for name, req := range map[string]*http.Request{
		"delayed": m.request(t, "GET", "/admin/version", nil, "Prefer", "delay=30s"),
		"list":    m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok),
		"gateway": m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok, "Prefer", "fault=gateway-timeout"),
	} {
		resp, err := ts.Client().Do(req)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if err == nil {
			t.Errorf("%s: a complete answer (status %d) for an interrupted request", name, resp.StatusCode)
		}
	}
	entries, _ := s.Requests()
	for _, e := range entries[1:] { // after the token request
		if e.Status != 0 {
			t.Errorf("%s journaled with status %d", e.Route, e.Status)
		}
	}
}
