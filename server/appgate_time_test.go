package server

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

func (m *mock) sessionInfo(t testing.TB, tok, dn string) (int, fixtures.SessionInfo, []byte) {
	t.Helper()
	resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", accept23, "Authorization", "Bearer "+tok))
	var info fixtures.SessionInfo
	if resp.StatusCode == 200 {
		mustUnmarshal(t, body, &info)
	}
	return resp.StatusCode, info, body
}

func gateways(info fixtures.SessionInfo) []string {
	var out []string
	for k := range info.Data {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestAppgateClientDisappearsExactlyAfterTheGrace(t *testing.T) {
	m := start(t, nil)
	p := m.pages(t, "&vendor=appgate")
	c := p.Appgate.Clients[4]
	gone := *c.Lifecycle.Gone
	if !gone.Equal(c.Lifecycle.Disconnected.Add(5 * time.Minute)) {
		t.Fatalf("lifecycle %+v: gone is not 5 minutes after the disconnect", c.Lifecycle)
	}
	dn := c.DN.String()
	m.setClock(t, gone.Add(-time.Millisecond))
	tok := m.appgateToken(t, "admin", "admin")
	if status, _, body := m.sessionInfo(t, tok, dn); status != 200 {
		t.Fatalf("a millisecond before it is gone: %d %s", status, body)
	}
	var one sessionsPage
	m.adminJSON(t, "GET", mockapi.PathSessions+"?vendor=appgate&limit=10000", "", 200, &one)
	found := false
	for _, e := range one.Appgate.Clients {
		if e.DN == c.DN {
			found = e.Lifecycle.State == fixtures.StateDisconnected
		}
	}
	if !found {
		t.Fatal("the sessions page does not show it disconnected during the grace")
	}
	m.setClock(t, gone)
	status, _, body := m.sessionInfo(t, tok, dn)
	if status != 404 || !strings.Contains(string(body), "No active client session") {
		t.Fatalf("once the grace has passed: %d %s", status, body)
	}
	m.adminJSON(t, "GET", mockapi.PathSessions+"?vendor=appgate&limit=10000", "", 200, &one)
	for _, e := range one.Appgate.Clients {
		if e.DN == c.DN {
			t.Fatal("the sessions page still lists it")
		}
	}
}

func TestAppgateAdminDisconnectAndFailover(t *testing.T) {
	m := start(t, nil)
	m.advance(t, 30*time.Minute)
	tok := m.appgateToken(t, "admin", "admin")
	p := m.pages(t, "&vendor=appgate")
	var target, mover string
	for _, c := range p.Appgate.Clients {
		if c.Lifecycle.State != fixtures.StateConnected || c.Lifecycle.Disconnected.Before(m.clock.Now().Add(time.Hour)) {
			continue
		}
		switch {
		case target == "":
			target = c.DN.String()
		case mover == "" && len(c.Info.Data) == 1 && len(c.Lifecycle.Failovers) == 0:
			mover = c.DN.String()
		}
	}
	if target == "" || mover == "" {
		t.Fatal("no client to change")
	}
	now := m.clock.Now()
	var ch struct {
		DN        string                    `json:"dn"`
		Lifecycle fixtures.AppgateLifecycle `json:"lifecycle"`
	}
	m.adminJSON(t, "POST", mockapi.PathAppgateDisconnect, `{"dn":"`+target+`"}`, 200, &ch)
	if ch.DN != target || !ch.Lifecycle.Disconnected.Equal(now) || ch.Lifecycle.State != fixtures.StateDisconnected {
		t.Fatalf("disconnect answer %+v", ch)
	}
	var e adminErrorBody
	m.adminJSON(t, "POST", mockapi.PathAppgateDisconnect, `{"dn":"`+target+`"}`, 409, &e)
	if !strings.Contains(e.Error, "already disconnected") {
		t.Fatalf("second disconnect: %q", e.Error)
	}

	// Warm the cache before the failover: the answer after it must not be
	// the cached one.
	_, before, _ := m.sessionInfo(t, tok, mover)
	m.adminJSON(t, "POST", mockapi.PathAppgateFailover, `{"dn":"`+mover+`"}`, 200, &ch)
	if len(ch.Lifecycle.Failovers) != 1 || !ch.Lifecycle.Failovers[0].Equal(now) {
		t.Fatalf("failover answer %+v", ch)
	}
	_, during, _ := m.sessionInfo(t, tok, mover)
	if len(during.Data) != 2 || during.Data[gateways(before)[0]].Site == "" {
		t.Fatalf("during the failover: %v, before %v", gateways(during), gateways(before))
	}
	m.advance(t, 5*time.Minute)
	_, after, _ := m.sessionInfo(t, tok, mover)
	if len(after.Data) != 1 || gateways(after)[0] == gateways(before)[0] {
		t.Fatalf("after the grace: %v, before %v", gateways(after), gateways(before))
	}
	if status, _, _ := m.sessionInfo(t, tok, target); status != 404 {
		t.Fatalf("the disconnected client after the grace: %d", status)
	}
	for _, tc := range []struct {
		path, body string
		status     int
		want       string
	}{
		{mockapi.PathAppgateFailover, `{"dn":"` + target + `"}`, 404, "no client"},
		{mockapi.PathAppgateDisconnect, `{"dn":"CN=00000000000040008000000000000000,CN=x,OU=local"}`, 404, "no client"},
		{mockapi.PathAppgateDisconnect, `{"dn":"not a dn"}`, 400, "dn:"},
		{mockapi.PathAppgateDisconnect, `{}`, 400, `needs "dn"`},
		{mockapi.PathAppgateFailover, `{"dn":"` + mover + `","when":"now"}`, 400, "unknown field"},
	} {
		var e adminErrorBody
		m.adminJSON(t, "POST", tc.path, tc.body, tc.status, &e)
		if !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s %s: %q, want %q", tc.path, tc.body, e.Error, tc.want)
		}
	}
	// Reset forgets both changes.
	m.adminJSON(t, "POST", mockapi.PathReset, "", 200, nil)
	m.advance(t, 30*time.Minute)
	tok = m.appgateToken(t, "admin", "admin")
	if status, info, _ := m.sessionInfo(t, tok, target); status != 200 || len(info.Data) == 0 {
		t.Fatalf("after reset the disconnected client: %d", status)
	}
	if _, info, _ := m.sessionInfo(t, tok, mover); asJSON(info) != asJSON(before) {
		t.Fatal("after reset the failed-over client is not as it was")
	}
}

// A planned failover shows up on time even when the answer before it is
// cached.
func TestAppgatePlannedFailoverThroughTheCache(t *testing.T) {
	m := start(t, nil)
	var dn string
	var move time.Time
	m.world.View(m.clock.Now().Add(3*time.Hour), nil).Appgate().Each(func(r fixtures.AppgateRef) bool {
		if len(r.Lifecycle.Failovers) > 0 && r.Lifecycle.Failovers[0].After(m.clock.Now()) {
			dn, move = r.DN.String(), r.Lifecycle.Failovers[0]
			return false
		}
		return true
	})
	if dn == "" {
		t.Fatal("no client fails over in the three hours after the start")
	}
	m.setClock(t, move.Add(-time.Millisecond))
	tok := m.appgateToken(t, "admin", "admin")
	_, one, _ := m.sessionInfo(t, tok, dn)
	_, again, _ := m.sessionInfo(t, tok, dn) // from the cache
	m.setClock(t, move)
	_, two, _ := m.sessionInfo(t, tok, dn)
	if len(one.Data) != 1 || asJSON(again) != asJSON(one) || len(two.Data) != 2 {
		t.Fatalf("%s around %v: %v then %v", dn, move, gateways(one), gateways(two))
	}
}

// Two servers with the same seed, clock and changes answer the same bytes.
func TestTwoServersSameSeedClockAndChangesSameBytes(t *testing.T) {
	run := func() []byte {
		m := start(t, nil)
		m.advance(t, 47*time.Minute)
		seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
		rs, _ := m.seguraList(t, seg)
		active, _ := inProgressAndEnded(t, rs)
		m.call(t, m.request(t, "DELETE", "/api/pam/session/drop/"+active.SessionID, nil, "Authorization", "Bearer "+seg))
		p := m.pages(t, "&vendor=appgate")
		dn := p.Appgate.Clients[len(p.Appgate.Clients)-1].DN.String()
		m.adminJSON(t, "POST", mockapi.PathAppgateFailover, `{"dn":"`+dn+`"}`, 200, nil)
		m.advance(t, time.Minute)
		_, list := m.seguraList(t, seg)
		_, _, info := m.sessionInfo(t, m.appgateToken(t, "admin", "admin"), dn)
		_, pages := m.call(t, m.request(t, "GET", mockapi.PathSessions+"?limit=10000", nil))
		return bytes.Join([][]byte{list, info, pages}, []byte("\n"))
	}
	a, b := run(), run()
	if !bytes.Equal(a, b) {
		t.Fatal("two servers with the same seed, clock and changes answered differently")
	}
	var check map[string]json.RawMessage
	mustUnmarshal(t, bytes.SplitN(a, []byte("\n"), 2)[0], &check)
}

// The active-session list and the dashboard follow the clock: they count
// and list the clients session-info answers for, with the Gateways it
// shows, and lose a client once the grace after it leaves has passed.
func TestActiveSessionsFollowTheClock(t *testing.T) {
	m := start(t, nil)
	m.advance(t, 40*time.Minute)
	p := m.pages(t, "&vendor=appgate")
	var gone, mover string
	for _, c := range p.Appgate.Clients {
		if c.Lifecycle.State != fixtures.StateConnected || c.Lifecycle.Disconnected.Before(m.clock.Now().Add(time.Hour)) {
			continue
		}
		if gone == "" {
			gone = c.DN.String()
		} else if mover == "" && len(c.Info.Data) == 1 && len(c.Lifecycle.Failovers) == 0 {
			mover = c.DN.String()
		}
	}
	m.adminJSON(t, "POST", mockapi.PathAppgateDisconnect, `{"dn":"`+gone+`"}`, 200, nil)
	m.adminJSON(t, "POST", mockapi.PathAppgateFailover, `{"dn":"`+mover+`"}`, 200, nil)
	check := func(when string, wantGone bool) {
		t.Helper()
		tok := m.appgateToken(t, "admin", "admin")
		_, list, _ := m.list(t, tok, 0, "range=0-999")
		resp, db := m.call(t, m.request(t, "GET", "/admin/stats/active-sessions/dashboard", nil, "Accept", accept23, "Authorization", "Bearer "+tok))
		var d dashboardAnswer
		mustUnmarshal(t, db, &d)
		pages := m.pages(t, "&vendor=appgate")
		if resp.StatusCode != 200 || d.TotalCount != list.TotalCount || list.TotalCount != pages.Appgate.Total || len(list.Data) != list.TotalCount {
			t.Fatalf("%s: dashboard %d, list %d (%d listed), sessions page %d", when, d.TotalCount, list.TotalCount, len(list.Data), pages.Appgate.Total)
		}
		found := false
		for _, e := range list.Data {
			dn := e["distinguishedName"].(string)
			status, info, _ := m.sessionInfo(t, tok, dn)
			if status != 200 {
				t.Fatalf("%s: listed %s answers session-info %d", when, dn, status)
			}
			var listed []string
			for _, g := range e["gateways"].([]any) {
				listed = append(listed, g.(string))
			}
			sort.Strings(listed)
			if strings.Join(listed, ",") != strings.Join(gateways(info), ",") {
				t.Fatalf("%s: %s listed on %v, session-info on %v", when, dn, listed, gateways(info))
			}
			if dn == mover && !wantGone && len(listed) != 2 {
				t.Fatalf("%s: the client failing over is listed on %v", when, listed)
			}
			found = found || dn == gone
		}
		if found == wantGone {
			t.Fatalf("%s: the disconnected client listed: %v", when, found)
		}
	}
	check("during the grace", false)
	m.advance(t, 5*time.Minute)
	check("after the grace", true)
}
