package server

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// TestListPagesFollowTheWorld asks for the same pages while the world
// moves, on a mock that keeps its pages and on one that answers each for
// the first time, and requires the same bytes: a kept page never
// outlives the clock's instant or the changes it was answered under.
func TestListPagesFollowTheWorld(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	queries := []string{"range=0-9", "range=5-14&orderBy=username&descending=true", ""}
	var prev []byte
	followSteps(t, m, []worldStep{
		{"start", func(*mock) {}},
		{"an hour on", func(x *mock) { x.advance(t, time.Hour) }},
		// A failover changes the Gateways the v23 list shows, and
		// nothing else: only the changes' version moves.
		{"a failover", func(x *mock) { failOverOne(t, x, listedDNs(t, x)) }},
		{"a reset", func(x *mock) { x.adminJSON(t, "POST", mockapi.PathReset, "", 200, nil) }},
	}, func(step string, m, fresh *mock) {
		freshTok := fresh.appgateToken(t, "admin", "admin")
		tok := m.appgateToken(t, "admin", "admin") // one from before lives an hour
		for _, v := range []int{22, 23} {
			for _, q := range queries {
				_, _, first := m.list(t, tok, v, q)
				_, _, again := m.list(t, tok, v, q)
				_, _, want := fresh.list(t, freshTok, v, q)
				if !bytes.Equal(first, want) || !bytes.Equal(again, want) {
					t.Errorf("%s, v%d %q: the mock answered\n%s\nthen\n%s\nwant\n%s", step, v, q, first, again, want)
				}
				if v == 23 && q == "" {
					if step != "start" && step != "a reset" && bytes.Equal(prev, want) {
						t.Errorf("%s: the whole list did not change, so the step proves nothing", step)
					}
					prev = want
				}
			}
		}
	})
}

// TestListPagesKeptOnlyWhenSmallAndFixed: a small page under a fixed
// clock goes out whole with its length; a page of more clients than are
// kept, or any page under a live clock, is streamed.
func TestListPagesKeptOnlyWhenSmallAndFixed(t *testing.T) {
	t.Parallel()
	length := func(m *mock, q string) string {
		t.Helper()
		resp, body := m.call(t, m.request(t, "GET", "/admin/stats/active-sessions/dn?"+q, nil,
			"Accept", accept23, "Authorization", "Bearer "+m.appgateToken(t, "admin", "admin")))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", q, resp.StatusCode, body)
		}
		return resp.Header.Get("Content-Length")
	}
	big := start(t, func(c *Config) { c.World = mustWorld(t, 1, 0, maxKeptListEntries+50) })
	if got := length(big, "range=0-9"); got == "" {
		t.Error("a page of 10 clients under a fixed clock was streamed")
	}
	if got := length(big, "range=0-"+strconv.Itoa(maxKeptListEntries+20)); got != "" {
		t.Errorf("a page of more than %d clients was kept (Content-Length %s)", maxKeptListEntries, got)
	}
	live := start(t, func(c *Config) {
		w, err := fixtures.NewWorld(fixtures.Options{Seed: 1, AppgateClients: 20})
		if err != nil {
			t.Fatal(err)
		}
		c.World = w
		c.Clock, _ = clock.NewLive(w.Start(), nil)
	})
	if got := length(live, "range=0-9"); got != "" {
		t.Errorf("a page under a live clock was kept (Content-Length %s)", got)
	}
}
