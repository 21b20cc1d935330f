package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzServeHTTP sends arbitrary requests through the whole server: method,
// path, query, the headers clients control and a body. Whatever comes in,
// the server must not panic and must answer JSON (or nothing, for the
// faults that drop the connection, which a recorder cannot show).
func FuzzServeHTTP(f *testing.F) {
	world := mustWorld(f, 1, 5, 3)
	s, err := New(Config{World: world})
	if err != nil {
		f.Fatal(err)
	}
	dn := world.Appgate().At(0).DN.String()
	final, _ := s.appgateTokens.issue(appgateClaims{stage: stageFinal, provider: "local", username: "admin"})
	partial, _ := s.appgateTokens.issue(appgateClaims{stage: stageNeedsOTP, provider: "local", username: "otp-admin"})
	seeds := []struct{ method, target, accept, prefer, auth, ctype, body string }{
		{"GET", "/api/session/remotesessions", "", "", "Bearer x", "", ""},
		{"POST", "/iso/oauth2/token", "", "", "", "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"},
		{"POST", "/admin/login", accept23, "", "", "application/json", `{"providerName":"local","username":"admin","password":"admin","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`},
		{"GET", "/admin/session-info/" + dn, accept23, "code=503", "Bearer a.b.c", "", ""},
		{"GET", "/admin/session-info/CN%3Dx%2CCN%3Dy%2COU%3Dz?__code=404", "application/vnd.appgate.peer-v99999+json", "", "", "", ""},
		{"POST", "/__mock/faults", "", "", "", "application/json", `[{"match":{"route":"version"},"action":{"latency":"1ms"}}]`},
		{"GET", "/__mock/sessions?limit=3&vendor=appgate", "", "", "", "", ""},
		{"DELETE", "/api/session/remotesessions/1", "", "fault=bogus", "", "", "{"},
		{"GET", "/admin/stats/active-sessions/dn?range=3-10&orderBy=username&descending=true&query=a&query=B&providerName=ldap", accept23, "", "Bearer " + final, "", ""},
		{"GET", "/admin/stats/active-sessions/dn?filterBy=map%5BproviderName%3Aldap%5D&geolocationQuery=%7B%3Cnil%3E%7D&range=-1-x", accept23, "", "Bearer " + final, "", ""},
		{"GET", "/admin/stats/active-sessions/dashboard", accept23, "", "Bearer " + final, "", ""},
		{"GET", "/admin/authorization", accept23, "", "Bearer " + partial, "", ""},
		{"POST", "/admin/authentication/otp", accept23, "", "Bearer " + partial, "application/json", `{"otp":"123456"}`},
		{"POST", "/admin/authentication/otp/initialize", accept23, "", "Bearer " + partial, "application/json", `{"userPassword":1}`},
		{"POST", "/admin/authentication/logout", accept23, "", "Bearer " + final, "", ""},
		{"GET", "/admin/identity-providers/names", accept23, "", "", "", ""},
	}
	for _, sd := range seeds {
		f.Add(sd.method, sd.target, sd.accept, sd.prefer, sd.auth, sd.ctype, sd.body)
	}
	f.Fuzz(func(t *testing.T, method, target, accept, prefer, auth, ctype, body string) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		req, err := http.NewRequest(method, "http://mock"+target, strings.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		for k, v := range map[string]string{"Accept": accept, "Prefer": prefer, "Authorization": auth, "Content-Type": ctype} {
			if v != "" {
				req.Header.Set(k, v)
			}
		}
		// Delays and holds end when the client gives up: a short deadline
		// keeps fuzzed controls (delay=1h, fault=timeout) from stalling.
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		req = req.WithContext(ctx)
		w := httptest.NewRecorder()
		func() {
			defer func() {
				if v := recover(); v != nil && v != http.ErrAbortHandler {
					t.Fatalf("panic for %s %q: %v", method, target, v)
				}
			}()
			s.ServeHTTP(w, req)
		}()
		if w.Code == http.StatusNoContent || w.Body.Len() == 0 {
			return
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s %q: Content-Type %q, body %q", method, target, ct, w.Body.Bytes())
		}
		// A malformed fault cuts bodies on purpose, and a client that gave
		// up mid-answer leaves one cut: judge the body only when no fault
		// control was in play.
		controlled := len(s.faults.Rules()) > 0 || ctx.Err() != nil || prefer != "" || strings.Contains(req.URL.RawQuery, "__")
		// Nothing a client sends to the list gets a server error.
		if !controlled && strings.HasPrefix(req.URL.Path, "/admin/stats/") && w.Code >= 500 {
			t.Fatalf("%s %q: %d %s", method, target, w.Code, w.Body.Bytes())
		}
		if !controlled && !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %q: body is not JSON: %q", method, target, bytes.TrimSpace(w.Body.Bytes()))
		}
	})
}
