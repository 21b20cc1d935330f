package server

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// laterWorld is the test world (seed 1, 50 and 20 records) on another
// timeline, with a fixed clock at its start.
func laterWorld(t testing.TB) (*fixtures.World, *clock.Clock) {
	t.Helper()
	w, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 50, AppgateClients: 20,
		Timeline: fixtures.Timeline{
			Start:      time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC),
			SeguraRate: 12, SeguraInProgress: fixtures.InProgressOmit, AppgateRate: 30, AppgateGrace: time.Minute,
		}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := clock.NewFixed(w.Start())
	if err != nil {
		t.Fatal(err)
	}
	return w, c
}

// worldAnswers are the answers that show the world: the Segura list, a
// session-info answer, the active-sessions list, the clock and the admin
// sessions page.
func (m *mock) worldAnswers(t *testing.T) map[string][]byte {
	t.Helper()
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	ag := m.appgateToken(t, "admin", "admin")
	out := map[string][]byte{}
	_, out["segura list"] = m.seguraList(t, seg)
	_, list, body := m.list(t, ag, 23, "")
	out["active sessions"] = body
	if len(list.Data) == 0 {
		t.Fatal("no client is connected")
	}
	first, _ := list.Data[0]["distinguishedName"].(string)
	_, _, out["session info"] = m.sessionInfo(t, ag, first)
	_, out["clock"] = m.call(t, m.request(t, "GET", mockapi.PathClock, nil))
	_, out["sessions page"] = m.call(t, m.request(t, "GET", mockapi.PathSessions+"?limit=10000", nil))
	return out
}

// TestReloadRestartsTheWorld changes the world through the API (clock,
// drop, disconnect), reloads another timeline and requires the answers a
// server started on that timeline gives, byte for byte; what a reload
// keeps (journal, admin fault rules) stays.
func TestReloadRestartsTheWorld(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	m.advance(t, 3*time.Hour)
	ag := m.appgateToken(t, "admin", "admin")
	_, list, _ := m.list(t, ag, 23, "")
	if len(list.Data) == 0 {
		t.Fatal("no client to disconnect")
	}
	dn, _ := list.Data[0]["distinguishedName"].(string)
	m.adminJSON(t, "POST", mockapi.PathAppgateDisconnect, `{"dn":"`+dn+`"}`, 200, nil)
	fw, fc := laterWorld(t)
	fresh := start(t, func(cfg *Config) { cfg.World, cfg.Clock = fw, fc })
	freshToken := fresh.appgateToken(t, "admin", "admin")
	_, freshList, _ := fresh.list(t, freshToken, 23, "")
	// The old world answers for the names the new one lists, so that its
	// cached answers would show if they outlived it.
	for _, e := range freshList.Data {
		name, _ := e["distinguishedName"].(string)
		m.sessionInfo(t, ag, name)
	}
	rule := m.addRule(t, `{"match":{"route":"drop"},"action":{"status":503}}`)
	_, before := m.srv.Requests()

	sub, err := m.srv.events.subscribe()
	if err != nil {
		t.Fatal(err)
	}
	defer m.srv.events.unsubscribe(sub)
	w, c := laterWorld(t)
	reloaded(t, m, func(cfg *Config) { cfg.World, cfg.Clock = w, c })
	select {
	case e := <-sub.ch:
		if e.name != eventWorld {
			t.Errorf("the event stream said %q, want %q", e.name, eventWorld)
		}
	default:
		t.Error("the event stream did not say the world restarted")
	}

	got, want := m.worldAnswers(t), fresh.worldAnswers(t)
	ag = m.appgateToken(t, "admin", "admin")
	for _, e := range freshList.Data {
		name, _ := e["distinguishedName"].(string)
		_, _, g := m.sessionInfo(t, ag, name)
		_, _, w := fresh.sessionInfo(t, freshToken, name)
		if !bytes.Equal(g, w) {
			t.Errorf("session-info of %s after the reload differs from a fresh server's:\n got %s\nwant %s", name, g, w)
		}
	}
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s after the reload differs from a fresh server's:\n got %s\nwant %s", name, got[name], w)
		}
	}
	if !m.srv.Now().Equal(c.Start()) || m.srv.Clock() != c {
		t.Errorf("the clock shows %v, want the new clock at %v", m.srv.Now(), c.Start())
	}
	if tl := m.config(t).Timeline; tl.Start != clock.FormatInstant(c.Start()) || tl.SeguraArrivalRate != 12 || tl.AppgateGraceSeconds != 60 {
		t.Errorf("GET /__mock/config shows the timeline %+v", tl)
	}
	if _, n := m.srv.Requests(); n <= before {
		t.Errorf("the journal counts %d requests after the reload, %d before: it was not kept", n, before)
	}
	if !slices.Contains(ruleIDsOf(m.srv.Faults().Rules()), rule) {
		t.Error("the rule added through the admin API is gone")
	}
}

// TestReloadSameWorldKeepsTheClock reloads with the running world and
// requires the moved clock and the API's changes to stay.
func TestReloadSameWorldKeepsTheClock(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	m.advance(t, time.Hour)
	now := m.srv.Now()
	ag := m.appgateToken(t, "admin", "admin")
	_, list, _ := m.list(t, ag, 23, "")
	dn, _ := list.Data[0]["distinguishedName"].(string)
	m.adminJSON(t, "POST", mockapi.PathAppgateDisconnect, `{"dn":"`+dn+`"}`, 200, nil)
	reloaded(t, m, func(cfg *Config) {
		c, err := clock.NewFixed(cfg.World.Start()) // ignored: the world is the same
		if err != nil {
			t.Fatal(err)
		}
		cfg.Clock = c
		cfg.Faults = nil
	})
	if !m.srv.Now().Equal(now) {
		t.Errorf("the clock shows %v after a reload of the same world, want %v", m.srv.Now(), now)
	}
	if m.srv.Changes().Len() == 0 {
		t.Error("the disconnect was forgotten by a reload of the same world")
	}
}

// TestReloadWorldRefused gives worlds a reload cannot take and requires
// an error that says why and nothing changed, the fault rules of the
// same call included.
func TestReloadWorldRefused(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	m.advance(t, time.Hour)
	now := m.srv.Now()
	w, _ := laterWorld(t)
	early, err := clock.NewFixed(w.Start().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	other := mustWorld(t, 2, 50, 20)
	for name, c := range map[string]struct {
		world *fixtures.World
		clock *clock.Clock
		want  string
	}{
		"clock before the world's start": {w, early, "the clock starts at"},
		"another seed":                   {other, nil, "seed 2"},
	} {
		cfg := m.srv.Config()
		cfg.World, cfg.Clock = c.world, c.clock
		cfg.Faults = nil
		err := m.srv.Reload(cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: reload error %v, want one that says %q", name, err, c.want)
		}
	}
	if !m.srv.Now().Equal(now) || m.srv.Config().World != m.world {
		t.Errorf("a refused reload changed the world: clock %v, want %v", m.srv.Now(), now)
	}
}

// TestReloadWorldWhileServing swaps worlds while session-info and list
// requests run, for the race detector; every answer is checked against
// the spec by call.
func TestReloadWorldWhileServing(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	ag := m.appgateToken(t, "admin", "admin")
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, list, _ := m.list(t, ag, 23, "")
	dn, _ := list.Data[0]["distinguishedName"].(string)
	first := m.world
	later, _ := laterWorld(t)
	whileServing(t, 20, func() string {
		// A token lives on the world clock, so one the other world's
		// clock has passed is refused (401).
		if status, _, body := m.sessionInfo(t, ag, dn); status != 200 && status != 404 && status != 401 {
			return fmt.Sprintf("session-info during reloads: %d %s", status, body)
		}
		if status := m.listStatus(t, seg); status != 200 && status != 401 {
			return fmt.Sprintf("Segura list during reloads: %d", status)
		}
		return ""
	}, func(i int) {
		reloaded(t, m, func(cfg *Config) {
			cfg.World, cfg.Clock = first, nil
			if i%2 == 0 {
				cfg.World = later
			}
		})
	})
}
