package server

import (
	"fmt"
	"testing"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// The kept answers of peerVersion must be the ones Negotiate gives, for
// each spelling, however often and in whatever order the spellings come.
func TestKeptAcceptAnswersAreNegotiates(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	cfg := m.srv.Config()
	accepts := [][]string{
		{accept23},
		{"application/vnd.appgate.peer-v5+json"},
		{"application/vnd.appgate.peer-v24+json"},
		{"application/json"},
		{""},
		{"application/vnd.appgate.peer-v22+json, application/json"},
		{"application/vnd.appgate.peer-v23+json", "application/vnd.appgate.peer-v99+json"},
	}
	for round := range 3 {
		for _, a := range accepts {
			wantV, wantOK := appgate.Negotiate(a, cfg.LowestPeerVersion, cfg.PeerVersion)
			gotV, gotOK := m.srv.peerVersion(a)
			if gotV != wantV || gotOK != wantOK {
				t.Fatalf("round %d: peerVersion(%q) = %d, %v; Negotiate says %d, %v", round, a, gotV, gotOK, wantV, wantOK)
			}
		}
	}
	// Over the wire too: a refused version stays refused after an
	// accepted one was kept, and the other way round.
	token := m.appgateToken(t, "admin", "admin")
	for _, c := range []struct {
		accept string
		status int
	}{{accept23, 404}, {"application/vnd.appgate.peer-v5+json", 406}, {accept23, 404}, {"application/vnd.appgate.peer-v5+json", 406}} {
		// An unknown name: 404 once the version is accepted.
		resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/CN=nobody,CN=nobody,OU=local", nil,
			"Accept", c.accept, "Authorization", "Bearer "+token))
		if resp.StatusCode != c.status {
			t.Fatalf("Accept %q: status %d %s; want %d", c.accept, resp.StatusCode, body, c.status)
		}
	}
}

// A client that sends a new spelling on every call fills the cache up to
// its bound and no further.
func TestAcceptCacheIsBounded(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	for i := range 3 * acceptCacheSize {
		m.srv.peerVersion([]string{fmt.Sprintf("application/vnd.appgate.peer-v%d+json", i)})
	}
	m.srv.acceptVersions.mu.RLock()
	n := len(m.srv.acceptVersions.m)
	m.srv.acceptVersions.mu.RUnlock()
	if n > acceptCacheSize {
		t.Fatalf("%d Accept spellings kept; want at most %d", n, acceptCacheSize)
	}
}
