package server

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/mockapi"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// inProgress returns the first session in progress and the first ended one
// of the list.
func inProgressAndEnded(t testing.TB, rs []fixtures.SeguraSession) (active, ended fixtures.SeguraSession) {
	t.Helper()
	for _, r := range rs {
		if r.InProgress() && active.ID == "" {
			active = r
		}
		if !r.InProgress() && ended.ID == "" {
			ended = r
		}
	}
	if active.ID == "" || ended.ID == "" {
		t.Fatal("need a session in progress and an ended one")
	}
	return active, ended
}

func TestSeguraDropEndsTheSessionNow(t *testing.T) {
	m := start(t, nil)
	m.advance(t, 10*time.Minute)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	rs, _ := m.seguraList(t, tok)
	active, ended := inProgressAndEnded(t, rs)
	resp, body := m.call(t, m.request(t, "DELETE", "/api/pam/session/drop/"+active.SessionID, nil, "Authorization", "Bearer "+tok))
	if resp.StatusCode != 200 {
		t.Fatalf("drop: %d %s", resp.StatusCode, body)
	}
	wantJSON(t, body, `{"code":200,"response":{"status":200,"message":"Session dropped successfully","error":false,"error_code":0,"detail":"","mensagem":"Sessão encerrada com sucesso","erro":false,"cod_erro":0},"tenant":"Segura"}`)
	now := clockDate(m.clock.Now())
	after, _ := m.seguraList(t, tok)
	for _, r := range after {
		if r.ID != active.ID {
			continue
		}
		d := segTime(t, r.End).Sub(segTime(t, r.Start))
		if r.End != now || r.Time != fixturesClock(d) {
			t.Fatalf("dropped session: end %q time %q, want %s and end - start", r.End, r.Time, now)
		}
	}
	// It stays ended as the clock moves on, also by id.
	m.advance(t, 5*time.Hour)
	tok = m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, one := m.call(t, m.request(t, "GET", "/api/session/remotesessions/"+active.ID, nil, "Authorization", "Bearer "+tok))
	if !strings.Contains(string(one), `"end":"`+now+`"`) {
		t.Fatalf("by id, hours later: %s", one)
	}
	dropErr := `{"code":400,"response":{"status":400,"message":"An error occurred while droping session","error":true,"error_code":400,"detail":"","mensagem":"An error occurred while droping session","erro":true,"cod_erro":400}}`
	for _, sid := range []string{active.SessionID, ended.SessionID, strings.Repeat("ab", 20), "nothex", "%2F"} {
		resp, body := m.call(t, m.request(t, "DELETE", "/iso/session/drop/"+sid, nil, "Authorization", "Bearer "+tok))
		if resp.StatusCode != 400 {
			t.Errorf("drop %s: %d %s", sid, resp.StatusCode, body)
			continue
		}
		wantJSON(t, body, dropErr)
	}
	// Reset forgets the drop.
	m.adminJSON(t, "POST", mockapi.PathReset, "", 200, nil)
	tok = m.seguraToken(t, "sessionmock", "sessionmock-secret")
	m.advance(t, 10*time.Minute)
	again, _ := m.seguraList(t, tok)
	for _, r := range again {
		if r.ID == active.ID && !r.InProgress() {
			t.Fatalf("after reset the dropped session reads %+v", r)
		}
	}
}

func fixturesClock(d time.Duration) string {
	s := int(d / time.Second)
	return strings.Join([]string{two(s / 3600), two(s / 60 % 60), two(s % 60)}, ":")
}

func two(v int) string { return string([]byte{byte('0' + v/10), byte('0' + v%10)}) }

func TestSeguraDropNeedsWritePermission(t *testing.T) {
	m := start(t, nil)
	rs, _ := m.seguraList(t, m.seguraToken(t, "sessionmock", "sessionmock-secret"))
	active, _ := inProgressAndEnded(t, rs)
	forbidden := `{"code":403,"response":{"status":403,"message":"You are not authorized to access this resource.","error":true,"error_code":3,"detail":"","mensagem":"You are not authorized to access this resource.","erro":true,"cod_erro":3}}`
	for _, client := range []string{"read-only", "no-sessions"} {
		tok := m.seguraToken(t, client, client+"-secret")
		resp, body := m.call(t, m.request(t, "DELETE", "/api/pam/session/drop/"+active.SessionID, nil, "Authorization", "Bearer "+tok))
		if resp.StatusCode != 403 {
			t.Fatalf("%s drops: %d %s", client, resp.StatusCode, body)
		}
		wantJSON(t, body, forbidden)
	}
	ro := m.seguraToken(t, "read-only", "read-only-secret")
	if rs, _ := m.seguraList(t, ro); len(rs) != 50 {
		t.Fatalf("read-only lists %d", len(rs))
	}
	resp, body := m.call(t, m.request(t, "DELETE", "/api/pam/session/drop/"+active.SessionID, nil))
	if resp.StatusCode != 404 || !strings.Contains(string(body), segura.MsgKongNoRoute) {
		t.Fatalf("drop without a token: %d %s", resp.StatusCode, body)
	}
	if rs, _ := m.seguraList(t, ro); !rs[indexOf(rs, active.ID)].InProgress() {
		t.Fatal("a refused drop ended the session")
	}
}

func indexOf(rs []fixtures.SeguraSession, id string) int {
	for i, r := range rs {
		if r.ID == id {
			return i
		}
	}
	return -1
}

func TestSeguraPathSpellings(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	get := func(path string) (int, string) {
		resp, body := m.call(t, m.request(t, "GET", path, nil, "Authorization", "Bearer "+tok))
		return resp.StatusCode, string(body)
	}
	_, list := get("/api/session/remotesessions")
	for _, p := range []string{"/api/pam/session/remotesessions", "/iso/session/remotesessions"} {
		if status, body := get(p); status != 200 || body != list {
			t.Errorf("%s: %d, differs from the main route", p, status)
		}
	}
	_, one := get("/api/session/remotesessions/1")
	for _, p := range []string{"/api/pam/session/remotesessions/1", "/iso/session/remotesessions/1",
		"/api/session/remotesessions/%31", "/api/session/remotesessions/01", "/iso/session/remotesessions/%30%31"} {
		if status, body := get(p); status != 200 || body != one {
			t.Errorf("%s: %d %s, want the answer for id 1", p, status, body)
		}
	}
	var got struct {
		RemoteSession []json.RawMessage `json:"remote_session"`
	}
	mustUnmarshal(t, []byte(one), &got)
	if len(got.RemoteSession) != 1 || !strings.Contains(string(got.RemoteSession[0]), `"id":"1"`) {
		t.Fatalf("one session: %s", one)
	}
	// The journal names the aliases by the route they spell.
	var j requestsBody
	m.adminJSON(t, "GET", mockapi.PathRequests+"?route=remotesession", "", 200, &j)
	if len(j.Requests) != 6 {
		t.Fatalf("%d requests journaled as remotesession, want 6", len(j.Requests))
	}
}

func TestSeguraRelease3(t *testing.T) {
	m := start(t, func(c *Config) { c.SeguraRelease = segura.Release3 })
	m.advance(t, 10*time.Minute)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	rs, list := m.seguraList(t, tok)
	if !strings.HasPrefix(string(list), `{"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":"senhasegura","remote_sessions":[`) {
		t.Fatalf("release 3 list head: %.200s", list)
	}
	_, one := m.call(t, m.request(t, "GET", "/api/pam/session/remotesessions/"+rs[0].ID, nil, "Authorization", "Bearer "+tok))
	if !strings.HasPrefix(string(one), `{"response":{"status":200,"message":"","error":false,"mensagem":"","erro":false},"tenant":"senhasegura","remote_session":[{"id":"`+rs[0].ID+`"`) {
		t.Fatalf("release 3 one session: %s", one)
	}
	active, _ := inProgressAndEnded(t, rs)
	resp, body := m.call(t, m.request(t, "DELETE", "/iso/session/drop/"+active.SessionID, nil, "Authorization", "Bearer "+tok))
	if resp.StatusCode != 200 {
		t.Fatalf("drop: %d %s", resp.StatusCode, body)
	}
	wantJSON(t, body, `{"response":{"status":200,"message":"Sessão interrompida com sucesso","error":false,"mensagem":"Sessão interrompida com sucesso","erro":false}}`)
	// Errors keep the full envelope.
	_, e := m.call(t, m.request(t, "GET", "/api/session/remotesessions/2", nil, "Authorization", "Bearer "+tok))
	if !strings.HasPrefix(string(e), `{"code":400,"response":`) || !strings.Contains(string(e), `"exception":{"code":1002`) {
		t.Fatalf("release 3 error: %s", e)
	}
}

// The spec tells the releases apart: a release 4 answer missing one of the
// fields release 3 lacks, but not all, is neither release's.
func TestReleaseEnvelopesAreNotMixed(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	req := m.request(t, "GET", "/api/session/remotesessions/1", nil, "Authorization", "Bearer "+tok)
	resp, body := m.call(t, req)
	mixed := strings.Replace(string(body), `"cod_erro":0`, `"x":0`, 1)
	if mixed == string(body) || resp.StatusCode != 200 {
		t.Fatal("no cod_erro to remove")
	}
	if err := validateAnswer(t, req, resp, []byte(mixed)); err == nil {
		t.Fatal("a status block without cod_erro but with error_code passed the spec")
	}
	legacy := strings.Replace(strings.Replace(string(body), `"error_code":0,"detail":"",`, ``, 1), `,"cod_erro":0`, ``, 1)
	legacy = strings.Replace(legacy, `{"code":200,`, `{`, 1)
	if err := validateAnswer(t, req, resp, []byte(legacy)); err != nil {
		t.Fatalf("the release 3 form of the answer fails the spec: %v\n%s", err, legacy)
	}
}
