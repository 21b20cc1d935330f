package sessionmocktest_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

type listed struct {
	RemoteSessions []struct {
		ID        string  `json:"id"`
		SessionID string  `json:"session_id"`
		End       *string `json:"end"`
	} `json:"remote_sessions"`
}

// The recipe of the README: a poller notices a new session and a
// terminated one, on a clock the test moves.
func TestPollerNoticesANewSessionAndATerminatedOne(t *testing.T) {
	m := sessionmocktest.New(t)
	poll := func() listed {
		t.Helper()
		status, body := listSessions(t, m)
		if status != 200 {
			t.Fatalf("list: %d %s", status, body)
		}
		var l listed
		if err := json.Unmarshal(body, &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	before := poll()
	m.Clock().Advance(10 * time.Minute)
	after := poll()
	if len(after.RemoteSessions) <= len(before.RemoteSessions) {
		t.Fatalf("no new session 10 minutes on: %d then %d", len(before.RemoteSessions), len(after.RemoteSessions))
	}
	// End a session in progress as a SOAR playbook would, and see it
	// ended at the drop's clock time.
	var victim string
	for _, s := range after.RemoteSessions {
		if s.End == nil {
			victim = s.SessionID
			break
		}
	}
	status, body := call(t, m, "DELETE", m.URL+"/api/pam/session/drop/"+victim, "Authorization", "Bearer "+m.SeguraToken())
	if status != 200 || !strings.Contains(string(body), "Session dropped successfully") {
		t.Fatalf("drop: %d %s", status, body)
	}
	now := m.Clock().Now().Format("2006-01-02 15:04:05")
	for _, s := range poll().RemoteSessions {
		if s.SessionID == victim && (s.End == nil || *s.End != now) {
			t.Fatalf("the dropped session reads end %v, want %s", s.End, now)
		}
	}
}

func TestClockMovesTheWorldAndTheTokens(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithTimeline(fixtures.Timeline{Start: time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)}))
	c := m.Clock()
	if !c.Start().Equal(time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)) || !c.Now().Equal(c.Start()) {
		t.Fatalf("start %v now %v", c.Start(), c.Now())
	}
	tok := m.SeguraToken()
	c.Set(c.Start().Add(2 * time.Hour))
	if m.SeguraToken() == tok {
		t.Fatal("a token past its expiry handed out again")
	}
	if status, _ := listSessions(t, m); status != 200 {
		t.Fatalf("list with the renewed token: %d", status)
	}
	if got := m.View().Segura().Len(); got <= fixtures.DefaultSeguraSessions {
		t.Fatalf("two hours on, %d sessions", got)
	}
	m.Reset()
	if !c.Now().Equal(c.Start()) {
		t.Fatalf("Reset left the clock at %v", c.Now())
	}
}

func TestClockRefusalsFailTheTest(t *testing.T) {
	m, err := sessionmocktest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	m.Clock().Advance(time.Hour)
	for name, move := range map[string]func(){
		"back":     func() { m.Clock().Set(m.Clock().Start()) },
		"negative": func() { m.Clock().Advance(-time.Second) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "cannot move back") {
					t.Errorf("%s: %v, want a panic saying the clock cannot move back", name, r)
				}
			}()
			move()
		}()
	}
}

func TestDisconnectAndFailoverAppgate(t *testing.T) {
	m := sessionmocktest.New(t)
	m.Clock().Advance(20 * time.Minute)
	var target, mover fixtures.AppgateRef
	m.View().Appgate().Each(func(r fixtures.AppgateRef) bool {
		if r.Lifecycle.State != fixtures.StateConnected || r.Lifecycle.Disconnected.Before(m.Clock().Now().Add(time.Hour)) {
			return true
		}
		if target.DN.DeviceID == "" {
			target = r
		} else if len(r.Lifecycle.Failovers) == 0 {
			mover = r
			return false
		}
		return true
	})
	lc := m.DisconnectAppgate(target.DN)
	if lc.State != fixtures.StateDisconnected || !lc.Gone.Equal(m.Clock().Now().Add(5*time.Minute)) {
		t.Fatalf("disconnect: %+v", lc)
	}
	m.FailoverAppgate(mover.DN)
	status, body := call(t, m, "GET", m.SessionInfoURL(mover.DN), "Accept", m.AppgateAccept(), "Authorization", "Bearer "+m.AppgateToken())
	var info fixtures.SessionInfo
	if err := json.Unmarshal(body, &info); status != 200 || err != nil || len(info.Data) != 2 {
		t.Fatalf("during the failover: %d %s", status, body)
	}
	m.Clock().Advance(5 * time.Minute)
	if status, _ := call(t, m, "GET", m.SessionInfoURL(target.DN), "Accept", m.AppgateAccept(), "Authorization", "Bearer "+m.AppgateToken()); status != 404 {
		t.Fatalf("the disconnected client after the grace: %d", status)
	}
}
