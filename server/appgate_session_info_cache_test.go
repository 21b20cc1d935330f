package server

import (
	"bytes"
	"testing"
	"time"
)

// TestSessionInfoFollowsTheWorld asks for the session-info of every client
// while the world moves, on a mock that keeps its answers and on one that
// answers each for the first time, and requires the same status and bytes:
// a kept answer never outlives the clock's instant or the changes it was
// answered under.
func TestSessionInfoFollowsTheWorld(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	dns := listedDNs(t, m)
	// The client that fails over is chosen on the first new mock and
	// kept, so that every mock moves the same one.
	mover := ""
	before := map[string]string{}
	followSteps(t, m, []worldStep{
		{"start", func(*mock) {}},
		{"a failover", func(x *mock) {
			if mover == "" {
				mover = failOverOne(t, x, dns)
			} else {
				failOverOne(t, x, []string{mover})
			}
		}},
		{"two hours on", func(x *mock) { x.advance(t, 2*time.Hour) }},
	}, func(step string, m, fresh *mock) {
		tok, freshTok := m.appgateToken(t, "admin", "admin"), fresh.appgateToken(t, "admin", "admin")
		changed := 0
		for _, dn := range dns {
			status, _, first := m.sessionInfo(t, tok, dn)
			_, _, again := m.sessionInfo(t, tok, dn)
			wantStatus, _, want := fresh.sessionInfo(t, freshTok, dn)
			if status != wantStatus || !bytes.Equal(first, want) || !bytes.Equal(again, want) {
				t.Errorf("%s, %s: the mock answered %d\n%s\nthen\n%s\nwant %d\n%s", step, dn, status, first, again, wantStatus, want)
			}
			if was, ok := before[dn]; ok && was != string(want) {
				changed++
			}
			before[dn] = string(want)
		}
		if step != "start" && changed == 0 {
			t.Errorf("%s changed no answer, so the step proves nothing", step)
		}
	})
}
