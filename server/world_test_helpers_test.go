package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// adminJSON calls the admin API and decodes a JSON answer.
func (m *mock) adminJSON(t testing.TB, method, path, body string, want int, v any) {
	t.Helper()
	var r *strings.Reader
	if body != "" {
		r = strings.NewReader(body)
	} else {
		r = strings.NewReader("")
	}
	resp, out := m.call(t, m.request(t, method, path, r, "Content-Type", "application/json"))
	if resp.StatusCode != want {
		t.Fatalf("%s %s %s: %d %s, want %d", method, path, body, resp.StatusCode, out, want)
	}
	if v != nil {
		mustUnmarshal(t, out, v)
	}
}

// advance moves the mock's clock through the admin API.
func (m *mock) advance(t testing.TB, d time.Duration) {
	t.Helper()
	m.adminJSON(t, "POST", mockapi.PathClock, `{"advance":"`+d.String()+`"}`, 200, nil)
}

// setClock moves the mock's clock to at through the admin API.
func (m *mock) setClock(t testing.TB, at time.Time) {
	t.Helper()
	m.adminJSON(t, "POST", mockapi.PathClock, `{"set":"`+at.UTC().Format(time.RFC3339Nano)+`"}`, 200, nil)
}

// list returns the Segura list as the mock answers it now.
func (m *mock) seguraList(t testing.TB, token string) ([]fixtures.SeguraSession, []byte) {
	t.Helper()
	resp, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+token))
	if resp.StatusCode != 200 {
		t.Fatalf("list: %d %s", resp.StatusCode, body)
	}
	var got struct {
		RemoteSessions []fixtures.SeguraSession `json:"remote_sessions"`
	}
	mustUnmarshal(t, body, &got)
	return got.RemoteSessions, body
}

// pages returns the admin sessions page of both vendors.
func (m *mock) pages(t testing.TB, query string) sessionsPage {
	t.Helper()
	var p sessionsPage
	m.adminJSON(t, "GET", mockapi.PathSessions+"?limit=10000"+query, "", 200, &p)
	return p
}

func segTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func asJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// validateAnswer checks body as the answer resp carried to req under the
// Segura document, returning the violation instead of failing the test.
func validateAnswer(t testing.TB, req *http.Request, resp *http.Response, body []byte) error {
	t.Helper()
	return spectest.Validator(t, wire.Segura).ValidateResponse(req.Context(), req, resp.StatusCode, resp.Header, body)
}

// worldStep is one move of the world in a test.
type worldStep struct {
	name string
	do   func(*mock)
}

// followSteps does each step to m and then hands m and a new mock, brought
// through the same steps so far, to check: m may answer from what it
// kept, the new one answers everything for the first time.
func followSteps(t *testing.T, m *mock, steps []worldStep, check func(step string, m, fresh *mock)) {
	t.Helper()
	for k, st := range steps {
		fresh := start(t, nil)
		for _, done := range steps[:k+1] {
			done.do(fresh)
		}
		st.do(m)
		check(st.name, m, fresh)
	}
}

// failOverOne fails over the first of dns that can fail over, through
// the admin API, and returns it.
func failOverOne(t testing.TB, x *mock, dns []string) string {
	t.Helper()
	for _, dn := range dns {
		resp, _ := x.call(t, x.request(t, "POST", mockapi.PathAppgateFailover, strings.NewReader(`{"dn":"`+dn+`"}`),
			"Content-Type", "application/json"))
		if resp.StatusCode == http.StatusOK {
			return dn
		}
	}
	t.Fatal("no client could fail over")
	return ""
}

// listedDNs are the names of the clients the active-session list shows
// now.
func listedDNs(t testing.TB, x *mock) []string {
	t.Helper()
	_, l, _ := x.list(t, x.appgateToken(t, "admin", "admin"), 23, "")
	var dns []string
	for _, e := range l.Data {
		dn, _ := e["distinguishedName"].(string)
		dns = append(dns, dn)
	}
	return dns
}
