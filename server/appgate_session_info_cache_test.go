package server

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// TestSessionInfoFollowsTheWorld asks for the session-info of every client
// while the world moves, on a mock that keeps its answers and on one that
// answers each for the first time, and requires the same status and bytes:
// a kept answer never outlives the clock's instant or the changes it was
// answered under.
func TestSessionInfoFollowsTheWorld(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	_, l, _ := m.list(t, m.appgateToken(t, "admin", "admin"), 23, "")
	var dns []string
	for _, e := range l.Data {
		dn, _ := e["distinguishedName"].(string)
		dns = append(dns, dn)
	}
	// The client that fails over, chosen on a fresh mock so that m keeps
	// none of its answers from the choice.
	mover := ""
	steps := []struct {
		name string
		do   func(*mock)
	}{
		{"start", func(*mock) {}},
		{"a failover", func(x *mock) {
			for _, dn := range dns {
				if mover != "" && dn != mover {
					continue
				}
				resp, _ := x.call(t, x.request(t, "POST", mockapi.PathAppgateFailover, strings.NewReader(`{"dn":"`+dn+`"}`),
					"Content-Type", "application/json"))
				if resp.StatusCode == 200 {
					mover = dn
					return
				}
			}
			t.Fatal("no client could fail over")
		}},
		{"two hours on", func(x *mock) { x.advance(t, 2*time.Hour) }},
	}
	var done []func(*mock)
	before := map[string]string{}
	for _, st := range steps {
		fresh := start(t, nil)
		for _, do := range append(done, st.do) {
			do(fresh)
		}
		st.do(m)
		done = append(done, st.do)
		tok, freshTok := m.appgateToken(t, "admin", "admin"), fresh.appgateToken(t, "admin", "admin")
		changed := 0
		for _, dn := range dns {
			status, _, first := m.sessionInfo(t, tok, dn)
			_, _, again := m.sessionInfo(t, tok, dn)
			wantStatus, _, want := fresh.sessionInfo(t, freshTok, dn)
			if status != wantStatus || !bytes.Equal(first, want) || !bytes.Equal(again, want) {
				t.Errorf("%s, %s: the mock answered %d\n%s\nthen\n%s\nwant %d\n%s", st.name, dn, status, first, again, wantStatus, want)
			}
			if was, ok := before[dn]; ok && was != string(want) {
				changed++
			}
			before[dn] = string(want)
		}
		if st.name != "start" && changed == 0 {
			t.Errorf("%s changed no answer, so the step proves nothing", st.name)
		}
	}
}
