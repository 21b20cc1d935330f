package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

func TestAdminClock(t *testing.T) {
	m := start(t, nil)
	start := m.world.Start()
	var c mockapi.Clock
	m.adminJSON(t, "GET", mockapi.PathClock, "", 200, &c)
	if c.Mode != "fixed" || c.Now != clock.FormatInstant(start) {
		t.Fatalf("clock %+v, want fixed at %v", c, start)
	}
	m.adminJSON(t, "POST", mockapi.PathClock, `{"advance":"90m"}`, 200, &c)
	if c.Now != clock.FormatInstant(start.Add(90*time.Minute)) || !m.clock.Now().Equal(start.Add(90*time.Minute)) {
		t.Fatalf("after advancing 90m: %+v", c)
	}
	later := start.Add(48 * time.Hour)
	m.adminJSON(t, "POST", mockapi.PathClock, `{"set":"`+clock.FormatInstant(later)+`"}`, 200, &c)
	if c.Now != clock.FormatInstant(later) {
		t.Fatalf("after set: %+v", c)
	}
	for _, tc := range []struct{ body, want string }{
		{`{"set":"` + clock.FormatInstant(start) + `"}`, "cannot move back"},
		{`{"advance":"-1m"}`, "negative"},
		{`{"advance":"1d"}`, "not a duration"},
		{`{"set":"tomorrow"}`, "not an RFC 3339 instant"},
		{`{"set":"9999-06-01T00:00:00Z"}`, "outside the years"},
		{`{"advance":"1h","set":"` + clock.FormatInstant(later) + `"}`, "not both"},
		{`{}`, `needs "advance"`},
		{``, "empty"},
		{`{"advance":"1h","speed":2}`, "unknown field"},
		{`{"advance":"1h"} {"advance":"1h"}`, "more than one"},
		{`{"advance":3600}`, "must be a"},
	} {
		var e adminErrorBody
		m.adminJSON(t, "POST", mockapi.PathClock, tc.body, 400, &e)
		if !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s: %q, want %q", tc.body, e.Error, tc.want)
		}
	}
	if !m.clock.Now().Equal(later) {
		t.Fatalf("a refused move moved the clock to %v", m.clock.Now())
	}
	m.adminJSON(t, "POST", mockapi.PathReset, "", 200, nil)
	m.adminJSON(t, "GET", mockapi.PathClock, "", 200, &c)
	if c.Now != clock.FormatInstant(start) {
		t.Fatalf("after reset: %+v, want the start", c)
	}
}

func TestAdminClockLive(t *testing.T) {
	wall := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	m := start(t, func(c *Config) {
		w, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 50, Timeline: fixtures.Timeline{Start: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)}})
		if err != nil {
			t.Fatal(err)
		}
		c.World = w
		c.Clock, _ = clock.NewLive(w.Start(), func() time.Time { return wall })
	})
	var c mockapi.Clock
	m.adminJSON(t, "GET", mockapi.PathClock, "", 200, &c)
	if c.Mode != "live" || c.Now != "2026-05-04T10:00:00Z" {
		t.Fatalf("live clock %+v", c)
	}
	var e adminErrorBody
	m.adminJSON(t, "POST", mockapi.PathClock, `{"advance":"1h"}`, 409, &e)
	if !strings.Contains(e.Error, "live") {
		t.Fatalf("moving a live clock: %q", e.Error)
	}
	// Ten hours after its start, the live world has the sessions of ten
	// hours more than the start's 50.
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	if rs, _ := m.seguraList(t, seg); len(rs) <= 50 {
		t.Fatalf("%d sessions ten hours after the start", len(rs))
	}
}

func TestNewRejectsAClockThatDoesNotStartWithTheWorld(t *testing.T) {
	w := mustWorld(t, 1, 5, 5)
	c, _ := clock.NewFixed(w.Start().Add(time.Hour))
	if _, err := New(Config{World: w, Clock: c}); err == nil || !strings.Contains(err.Error(), "history ends") {
		t.Fatalf("New: %v", err)
	}
	if _, err := New(Config{World: w, SeguraRelease: 5}); err == nil || !strings.Contains(err.Error(), "release 5") {
		t.Fatalf("release 5: %v", err)
	}
}

func TestSeguraSessionsAppearAfterAnAdvance(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	before, _ := m.seguraList(t, tok)
	if len(before) != 50 {
		t.Fatalf("%d sessions at the start", len(before))
	}
	m.advance(t, time.Second) // the next session begins a second after the start
	if after, _ := m.seguraList(t, tok); len(after) != 51 || after[50].Start != clockDate(m.clock.Now()) {
		t.Fatalf("a second on: %d sessions, last %+v", len(after), after[len(after)-1])
	}
	m.advance(t, 2*time.Hour)
	tok = m.seguraToken(t, "sessionmock", "sessionmock-secret") // the first has expired meanwhile
	after, _ := m.seguraList(t, tok)
	if len(after) < 100 {
		t.Fatalf("two hours on: %d sessions", len(after))
	}
	for i := 50; i < len(after); i++ {
		if after[i].ID <= after[i-1].ID && len(after[i].ID) <= len(after[i-1].ID) || segTime(t, after[i].Start).After(m.clock.Now()) {
			t.Fatalf("new session %d: %+v", i, after[i])
		}
	}
}

func clockDate(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

func TestSeguraSessionInProgressEnds(t *testing.T) {
	m := start(t, nil)
	p := m.pages(t, "&vendor=segura")
	k := -1
	for i, s := range p.Segura.Sessions {
		if s.Lifecycle.State == fixtures.StateActive {
			k = i
			break
		}
	}
	if k < 0 {
		t.Fatal("no session in progress at the start")
	}
	s := p.Segura.Sessions[k]
	if s.End != "" || s.Time != "" || s.Lifecycle.End.Before(m.clock.Now()) {
		t.Fatalf("in progress: %+v", s)
	}
	m.setClock(t, s.Lifecycle.End.Add(-time.Second))
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret") // tokens age with the clock
	if rs, _ := m.seguraList(t, tok); !rs[k].InProgress() {
		t.Fatalf("ended a second early: %+v", rs[k])
	}
	m.setClock(t, s.Lifecycle.End)
	rs, _ := m.seguraList(t, tok)
	if rs[k].InProgress() || rs[k].End != clockDate(s.Lifecycle.End) {
		t.Fatalf("at its end: %+v", rs[k])
	}
	planned := m.world.Segura().At(k)
	if asJSON(rs[k]) != asJSON(planned) {
		t.Fatalf("ended session %s\n got %s\nwant %s", s.ID, asJSON(rs[k]), asJSON(planned))
	}
}

func TestTokensExpireOnTheWorldClock(t *testing.T) {
	m := start(t, nil)
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	app := m.appgateToken(t, "admin", "admin")
	dn := m.world.Appgate().At(0).DN.String()
	m.advance(t, DefaultTokenTTL-time.Second)
	if resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+seg)); resp.StatusCode != 200 {
		t.Fatalf("a second before expiry: %d", resp.StatusCode)
	}
	m.advance(t, time.Second)
	if resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+seg)); resp.StatusCode != 401 {
		t.Fatalf("Segura token past its expiry: %d, want 401", resp.StatusCode)
	}
	if resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", accept23, "Authorization", "Bearer "+app)); resp.StatusCode != 401 || !strings.Contains(string(body), "expired") {
		t.Fatalf("Appgate token past its expiry: %d %s", resp.StatusCode, body)
	}
	// The client refreshes and goes on.
	if _, body := m.seguraList(t, m.seguraToken(t, "sessionmock", "sessionmock-secret")); len(body) == 0 {
		t.Fatal("no list with a fresh token")
	}
}

func TestJournalRecordsTheClockTime(t *testing.T) {
	m := start(t, nil)
	m.call(t, m.request(t, "GET", "/admin/version", nil))
	m.advance(t, 90*time.Minute)
	m.call(t, m.request(t, "GET", "/admin/version", nil))
	var got requestsBody
	m.adminJSON(t, "GET", mockapi.PathRequests, "", 200, &got)
	if len(got.Requests) != 2 || !got.Requests[0].Clock.Equal(m.world.Start()) ||
		!got.Requests[1].Clock.Equal(m.world.Start().Add(90*time.Minute)) {
		t.Fatalf("journal clock times: %+v", got.Requests)
	}
	if got.Requests[1].Time.Sub(got.Requests[0].Time) > time.Hour {
		t.Fatal("the wall time moved with the world clock")
	}
}

func TestAdminSessionsListWhatExistsNowWithLifecycles(t *testing.T) {
	m := start(t, nil)
	p := m.pages(t, "")
	if p.Segura.Total != 50 || len(p.Segura.Sessions) != 50 || p.Appgate.Total != 20 {
		t.Fatalf("at the start: %d sessions, %d clients", p.Segura.Total, p.Appgate.Total)
	}
	now := m.clock.Now()
	for _, s := range p.Segura.Sessions {
		lc := s.Lifecycle
		if lc.Start.After(now) || (lc.State == fixtures.StateEnded) != !lc.End.After(now) || !lc.Start.Equal(segTime(t, s.Start)) {
			t.Fatalf("session %s lifecycle %+v at %v", s.ID, lc, now)
		}
	}
	for _, c := range p.Appgate.Clients {
		lc := c.Lifecycle
		if lc.Connected == nil || lc.Connected.After(now) || lc.Gone == nil || !lc.Gone.After(now) || lc.State != fixtures.StateConnected {
			t.Fatalf("client %s lifecycle %+v", c.DN, lc)
		}
	}
	m.advance(t, 12*time.Hour)
	later := m.pages(t, "")
	if later.Segura.Total <= 50 || later.Segura.Total != len(later.Segura.Sessions) {
		t.Fatalf("12 hours on: total %d, %d listed", later.Segura.Total, len(later.Segura.Sessions))
	}
	if later.Appgate.Total != len(later.Appgate.Clients) {
		t.Fatalf("12 hours on: Appgate total %d, %d listed", later.Appgate.Total, len(later.Appgate.Clients))
	}
	// Paging visits the same sessions.
	var paged []string
	for off := 0; off < later.Segura.Total; off += 37 {
		var p sessionsPage
		m.adminJSON(t, "GET", fmt.Sprintf("%s?vendor=segura&offset=%d&limit=37", mockapi.PathSessions, off), "", 200, &p)
		for _, s := range p.Segura.Sessions {
			paged = append(paged, s.ID)
		}
	}
	var all []string
	for _, s := range later.Segura.Sessions {
		all = append(all, s.ID)
	}
	if strings.Join(paged, ",") != strings.Join(all, ",") {
		t.Fatal("paging does not visit the sessions of one page")
	}
	var ap sessionsPage
	m.adminJSON(t, "GET", mockapi.PathSessions+"?vendor=appgate&offset=2&limit=3", "", 200, &ap)
	if len(ap.Appgate.Clients) != 3 || ap.Appgate.Clients[0].DN != later.Appgate.Clients[2].DN {
		t.Fatalf("appgate page from offset 2: %+v", ap.Appgate)
	}
}
