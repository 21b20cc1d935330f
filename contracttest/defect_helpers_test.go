package contracttest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// A defect turns the clean mock into a server that departs from the contract
// in exactly one way.
type defect func(t testing.TB, next http.Handler) http.Handler

// answer is a recorded response that a defect may change before it is sent.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// alter lets the mock answer requests that match and then edits the answer.
func alter(match func(*http.Request) bool, edit func(t testing.TB, a *answer)) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !match(r) {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			a := &answer{status: rec.Code, header: rec.Header().Clone(), body: rec.Body.Bytes()}
			edit(t, a)
			for k, v := range a.header {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
			w.WriteHeader(a.status)
			_, _ = w.Write(a.body)
		})
	}
}

// alterOK is alter for answers with status 200 only: the records of a
// list or a session, not the errors of the same route.
func alterOK(match func(*http.Request) bool, edit func(t testing.TB, a *answer)) defect {
	return alter(match, func(t testing.TB, a *answer) {
		if a.status == http.StatusOK {
			edit(t, a)
		}
	})
}

// rewrite changes the request before the mock sees it.
func rewrite(match func(*http.Request) bool, edit func(next http.Handler, r *http.Request)) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if match(r) {
				r = r.Clone(r.Context())
				edit(next, r)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// editJSON decodes the body, lets edit change it and encodes it again.
func editJSON(edit func(v map[string]any)) func(testing.TB, *answer) {
	return func(t testing.TB, a *answer) {
		dec := json.NewDecoder(bytes.NewReader(a.body))
		dec.UseNumber()
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Errorf("defect: body is not a JSON object: %v", err)
			return
		}
		edit(v)
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("defect: encode: %v", err)
			return
		}
		a.body = b
	}
}

// records returns the remote sessions of a Segura list body, or the one
// of a by-id body.
func records(v map[string]any) []map[string]any {
	var out []map[string]any
	list, _ := v["remote_sessions"].([]any)
	if one, ok := v["remote_session"].([]any); ok {
		list = one
	}
	for _, r := range list {
		if m, ok := r.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// entitlements calls f with every entitlement of a session-info body.
func entitlements(v map[string]any, f func(ent map[string]any)) {
	data, _ := v["data"].(map[string]any)
	for _, gw := range sortedKeys(data) {
		s, _ := data[gw].(map[string]any)
		ents, _ := s["entitlementInfos"].(map[string]any)
		for _, name := range sortedKeys(ents) {
			if e, ok := ents[name].(map[string]any); ok {
				f(e)
			}
		}
	}
}

func all(r *http.Request) bool { return true }

func path(method, p string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == method && r.URL.Path == p }
}

func prefix(method, p string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == method && strings.HasPrefix(r.URL.Path, p) }
}

func and(fs ...func(*http.Request) bool) func(*http.Request) bool {
	return func(r *http.Request) bool {
		for _, f := range fs {
			if !f(r) {
				return false
			}
		}
		return true
	}
}

func noAuth(r *http.Request) bool   { return r.Header.Get("Authorization") == "" }
func withAuth(r *http.Request) bool { return r.Header.Get("Authorization") != "" }

var (
	seguraList = path(http.MethodGet, "/api/session/remotesessions")
	// seguraRecs are the answers that carry records: the list and one
	// session by its id.
	seguraRecs = prefix(http.MethodGet, "/api/session/remotesessions")
	seguraTok  = path(http.MethodPost, "/iso/oauth2/token")
	appgateDN  = prefix(http.MethodGet, "/admin/session-info/")
	appgateIn  = path(http.MethodPost, "/admin/login")
)

// mockToken asks the wrapped mock itself for a good token.
func mockToken(t testing.TB, next http.Handler, vendor string) string {
	t.Helper()
	var req *http.Request
	if vendor == "segura" {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {mockClientID}, "client_secret": {mockClientSecret}}
		req = httptest.NewRequest(http.MethodPost, "/iso/oauth2/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		body := `{"providerName":"local","username":"admin","password":"admin","deviceId":"` + contractDeviceID + `"}`
		req = httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", appgate.PeerMediaType(23))
	}
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, req)
	var tok struct {
		AccessToken string `json:"access_token"`
		Token       string `json:"token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken+tok.Token == "" {
		t.Fatalf("defect: no token from the mock: %d %s", rec.Code, rec.Body)
	}
	return tok.AccessToken + tok.Token
}

// authorize makes the mock see a good token on requests that match, as a
// server that does not check credentials would.
func authorize(vendor string, match func(*http.Request) bool) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		tok := mockToken(t, next, vendor)
		return rewrite(match, func(_ http.Handler, r *http.Request) {
			r.Header.Set("Authorization", "Bearer "+tok)
		})(t, next)
	}
}

// respond answers matching requests itself, without the mock.
func respond(match func(*http.Request) bool, status int, contentType, body string) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !match(r) {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		})
	}
}

// nothingWrong leaves the server as it is: the case changes the run.
func nothingWrong(_ testing.TB, next http.Handler) http.Handler { return next }

// firstOnly applies d to the first request that matches and no other.
func firstOnly(match func(*http.Request) bool, d defect) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		var once sync.Once
		changed := d(t, next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			first := false
			if match(r) {
				once.Do(func() { first = true })
			}
			if first {
				changed.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// chain applies the defects in order: the first is nearest the server.
func chain(ds ...defect) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		for _, d := range ds {
			next = d(t, next)
		}
		return next
	}
}

// requests applies d to the matching requests from the from-th to the
// to-th (counted from 1), and to no other.
func requests(match func(*http.Request) bool, from, to int, d defect) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		var n atomic.Int64
		changed := d(t, next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if match(r) {
				if k := int(n.Add(1)); k >= from && k <= to {
					changed.ServeHTTP(w, r)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}
