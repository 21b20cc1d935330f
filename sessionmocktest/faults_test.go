package sessionmocktest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

func ruleIDs(m *sessionmocktest.Mock) []string {
	var ids []string
	for _, r := range m.Faults() {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestAddAndRemoveFault(t *testing.T) {
	cases := []struct {
		name  string
		route string
		call  func(testing.TB, *sessionmocktest.Mock, ...string) (int, []byte)
		check func(t *testing.T, body []byte)
	}{
		{"segura", fault.RouteRemoteSessions, listSessions, func(t *testing.T, body []byte) {
			// Segura's bilingual envelope.
			var e struct {
				Code     int `json:"code"`
				Response struct {
					Status   int    `json:"status"`
					Error    bool   `json:"error"`
					Message  string `json:"message"`
					Mensagem string `json:"mensagem"`
				} `json:"response"`
			}
			decode(t, body, &e)
			if e.Code != 503 || e.Response.Status != 503 || !e.Response.Error || e.Response.Message == "" ||
				e.Response.Mensagem != e.Response.Message {
				t.Errorf("Segura error body %s", body)
			}
		}},
		{"appgate", fault.RouteSessionInfo, sessionInfo, func(t *testing.T, body []byte) {
			var e map[string]any
			decode(t, body, &e)
			if e["id"] != "service unavailable" || e["message"] == "" || len(e) != 2 {
				t.Errorf("Appgate error body %s", body)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := sessionmocktest.New(t)
			if status, _ := tc.call(t, m); status != 200 {
				t.Fatalf("before the fault: status %d", status)
			}
			id := m.AddFault(fault.Rule{Match: fault.Match{Route: tc.route}, Action: fault.Action{Status: 503}})
			if id != "r1" || !slices.Equal(ruleIDs(m), []string{"r1"}) {
				t.Fatalf("AddFault returned %q; rules %v", id, ruleIDs(m))
			}
			status, body := tc.call(t, m)
			if status != 503 {
				t.Fatalf("with the fault: status %d %s", status, body)
			}
			tc.check(t, body)
			m.RemoveFault(id)
			if len(m.Faults()) != 0 {
				t.Errorf("rules after RemoveFault: %v", ruleIDs(m))
			}
			if status, body := tc.call(t, m); status != 200 {
				t.Errorf("after RemoveFault: status %d %s", status, body)
			}
		})
	}
}

func TestAddFaultKeepsGivenID(t *testing.T) {
	m := sessionmocktest.New(t)
	if id := m.AddFault(fault.Rule{ID: "slow-list", Action: fault.Action{Latency: fault.Fixed(1)}}); id != "slow-list" {
		t.Errorf("id %q, want slow-list", id)
	}
}

func TestFaultMethodsFail(t *testing.T) {
	tb := &fatalTB{TB: t}
	m := sessionmocktest.New(tb)
	m.AddFault(fault.Rule{ID: "taken", Action: fault.Action{Status: 500}})
	cases := []struct {
		name string
		fn   func()
		want string
	}{
		{"invalid rule", func() { m.AddFault(fault.Rule{When: fault.When{Every: -1}, Action: fault.Action{Status: 500}}) },
			"sessionmocktest: AddFault: when: every -1 is negative"},
		{"taken id", func() { m.AddFault(fault.Rule{ID: "taken", Action: fault.Action{Status: 502}}) },
			`sessionmocktest: AddFault: id: "taken" is already used by another rule`},
		{"unknown id", func() { m.RemoveFault("nope") }, `sessionmocktest: RemoveFault: no fault rule with id "nope"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if msg := expectFatal(t, tb, tc.fn); msg != tc.want {
				t.Errorf("failed with %q, want %q", msg, tc.want)
			}
		})
	}
	if !slices.Equal(ruleIDs(m), []string{"taken"}) {
		t.Errorf("rules after the failures: %v, want only the first", ruleIDs(m))
	}
}

func TestFaultOnTokenRoute(t *testing.T) {
	tb := &fatalTB{TB: t}
	m := sessionmocktest.New(tb)
	id := m.AddFault(fault.Rule{Match: fault.Match{Route: fault.RouteToken}, Action: fault.Action{Status: 503}})

	_, err := m.FetchSeguraToken(context.Background())
	if err == nil || !strings.Contains(err.Error(), "POST /iso/oauth2/token: status 503") {
		t.Errorf("FetchSeguraToken under a 503 rule: %v", err)
	}
	msg := expectFatal(t, tb, func() { m.SeguraToken() })
	if !strings.HasPrefix(msg, `sessionmocktest: SeguraToken: token for client "sessionmock": POST /iso/oauth2/token: status 503: {`) {
		t.Errorf("SeguraToken under a 503 rule failed with %q", msg)
	}
	// The failure is not kept: once the rule is gone the token comes.
	m.RemoveFault(id)
	if status, _ := listSessions(t, m); status != 200 {
		t.Errorf("list after the rule is removed: status %d", status)
	}
}

func TestWithFaultsAndReset(t *testing.T) {
	start := fault.Rule{ID: "every-2nd", Match: fault.Match{Route: fault.RouteRemoteSessions}, When: fault.When{Every: 2}, Action: fault.Action{Status: 500}}
	m := sessionmocktest.New(t, sessionmocktest.WithFaults(start))
	m.SeguraToken()
	statuses := func(n int) []int {
		var out []int
		for range n {
			s, _ := listSessions(t, m)
			out = append(out, s)
		}
		return out
	}
	if got := statuses(3); !slices.Equal(got, []int{200, 500, 200}) {
		t.Fatalf("with the start rule: %v", got)
	}

	m.AddFault(fault.Rule{ID: "extra", Action: fault.Action{Status: 502}})
	m.ClearFaults()
	if len(m.Faults()) != 0 {
		t.Fatalf("rules after ClearFaults: %v", ruleIDs(m))
	}
	if got := statuses(2); !slices.Equal(got, []int{200, 200}) {
		t.Fatalf("after ClearFaults: %v", got)
	}

	m.AddFault(fault.Rule{ID: "extra", Action: fault.Action{Status: 502}})
	m.Reset()
	if !slices.Equal(ruleIDs(m), []string{"every-2nd"}) {
		t.Fatalf("rules after Reset: %v, want the start rule only", ruleIDs(m))
	}
	// Fresh counters: the sequence starts over at the first request.
	if got := statuses(4); !slices.Equal(got, []int{200, 500, 200, 500}) {
		t.Errorf("after Reset: %v", got)
	}
}

func TestPreferStillWorks(t *testing.T) {
	// The mock's per-request preferences reach the server untouched.
	m := sessionmocktest.New(t)
	if status, _ := listSessions(t, m, "Prefer", "code=404"); status != 404 {
		t.Errorf("Prefer: code=404 gave %d", status)
	}
}
