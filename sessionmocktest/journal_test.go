package sessionmocktest_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

func TestRequests(t *testing.T) {
	m := sessionmocktest.New(t)
	segura, appgate := m.SeguraToken(), m.AppgateToken()
	listSessions(t, m)
	sessionInfo(t, m)

	got := m.Requests()
	var routes []string
	for _, e := range got {
		routes = append(routes, e.Vendor+" "+e.Route+" "+e.Method)
	}
	want := []string{"segura token POST", "appgate login POST", "segura remotesessions GET", "appgate session-info GET"}
	if !slices.Equal(routes, want) {
		t.Fatalf("journal %q, want %q", routes, want)
	}
	for _, e := range got[2:] {
		if auth := e.Headers["Authorization"]; !slices.Equal(auth, []string{"Bearer [redacted]"}) || e.Status != 200 {
			t.Errorf("%s: status %d, Authorization %q, want 200 and the redacted bearer", e.Route, e.Status, auth)
		}
	}
	if dn := m.World.Appgate().At(0).DN.String(); got[3].Path != "/admin/session-info/"+dn {
		t.Errorf("session-info path %q, want the DN decoded", got[3].Path)
	}
	// No secret of any kind reaches the journal.
	all, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{segura, appgate, "sessionmock-secret"} {
		if strings.Contains(string(all), secret) {
			t.Errorf("the journal holds the secret %.20q...", secret)
		}
	}

	m.ClearRequests()
	if n := len(m.Requests()); n != 0 {
		t.Errorf("%d entries after ClearRequests", n)
	}
	listSessions(t, m)
	if n := len(m.Requests()); n != 1 {
		t.Errorf("%d entries after one more call, want 1", n)
	}
}

func TestRequestsRecordFaults(t *testing.T) {
	m := sessionmocktest.New(t)
	m.SeguraToken()
	m.ClearRequests()
	id := m.AddFault(fault.Rule{Match: fault.Match{Route: fault.RouteRemoteSessions}, Action: fault.Action{Status: 429}})
	listSessions(t, m)
	got := m.Requests()
	if len(got) != 1 || got[0].Status != 429 || got[0].Fault != "status" || !slices.Equal(got[0].Rules, []string{id}) {
		t.Errorf("journal %+v, want the faulted call with its rule", got)
	}
}

func TestResetKeepsTokens(t *testing.T) {
	m := sessionmocktest.New(t)
	listSessions(t, m)
	m.AddFault(fault.Rule{Action: fault.Action{Status: 500}})
	m.Reset()
	if n, rules := len(m.Requests()), len(m.Faults()); n != 0 || rules != 0 {
		t.Fatalf("after Reset: %d entries, %d rules", n, rules)
	}
	// The token from before still works and is not fetched again.
	if status, _ := listSessions(t, m); status != 200 {
		t.Errorf("list after Reset: status %d", status)
	}
	if got := m.Requests(); len(got) != 1 || got[0].Route != "remotesessions" {
		t.Errorf("journal after Reset %+v, want the list call alone", got)
	}
}
