package contracttest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// defectCase is a server that differs from the clean mock by one defect,
// and the checks that must fail because of it (and no others).
type defectCase struct {
	name   string
	vendor string
	defect defect
	fail   []string
	// pointer, when set, must be the JSON pointer of a violation in the
	// evidence of the first failing check.
	pointer string
	opts    func(*Options)
}

func defectCases() []defectCase {
	const s, a = openapi.Segura, openapi.Appgate
	return []defectCase{
		// Segura: the session list.
		{name: "renamed field", vendor: s, fail: []string{CheckSchemaValid}, pointer: "/remote_sessions/0/session_id",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				for _, r := range records(v) {
					r["sessionId"] = r["session_id"]
					delete(r, "session_id")
				}
			}))},
		{name: "wrong type", vendor: s, fail: []string{CheckSchemaValid}, pointer: "/remote_sessions/0/id",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				records(v)[0]["id"] = json.Number("3")
			}))},
		{name: "missing envelope field", vendor: s, fail: []string{CheckSchemaValid}, pointer: "/response/cod_erro",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				delete(v["response"].(map[string]any), "cod_erro")
			}))},
		{name: "body not JSON", vendor: s, fail: []string{CheckSchemaValid}, pointer: "",
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) { a.body = a.body[:len(a.body)/2] })},
		{name: "wrong content type", vendor: s, fail: []string{CheckContentTypeDocumented},
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) { a.header.Set("Content-Type", "text/plain; charset=utf-8") })},
		{name: "time not end minus start", vendor: s, fail: []string{CheckSeguraTime}, pointer: "/remote_sessions/1/time",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[1]["time"] = "99:00:00" }))},
		{name: "end before start", vendor: s, fail: []string{CheckSeguraTime}, pointer: "/remote_sessions/0/end",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				r := records(v)[0]
				r["start"], r["end"], r["time"] = r["end"], r["start"], "00:00:00"
			}))},
		{name: "session id in upper case", vendor: s, fail: []string{CheckSeguraSessionID, CheckSchemaValid}, pointer: "/remote_sessions/2/session_id",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				r := records(v)[2]
				r["session_id"] = strings.ToUpper(r["session_id"].(string))
			}))},
		{name: "duplicate session id", vendor: s, fail: []string{CheckSeguraSessionID}, pointer: "/remote_sessions/1/session_id",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				rs := records(v)
				rs[1]["session_id"] = rs[0]["session_id"]
			}))},
		{name: "device port out of range", vendor: s, fail: []string{CheckSeguraDevice}, pointer: "/remote_sessions/0/device",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[0]["device"] = "10.0.0.1:70000" }))},
		{name: "list answers 500", vendor: s, fail: []string{CheckNoServerError},
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) {
				a.status = http.StatusInternalServerError
				a.body = []byte(`{"code":500,"response":{"status":500,"message":"Unexpected error.","error":true,"error_code":5,"detail":"","mensagem":"Unexpected error.","erro":true,"cod_erro":5}}`)
			})},
		{name: "undocumented status", vendor: s, fail: []string{CheckStatusDocumented},
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) { a.status = http.StatusAccepted })},
		{name: "slow list", vendor: s, fail: []string{CheckLatencyBudget},
			opts:   func(o *Options) { o.LatencyBudget = 800 * time.Millisecond },
			defect: alterOK(seguraList, func(testing.TB, *answer) { time.Sleep(time.Second) })},
		// Segura: authentication.
		{name: "200 for a missing token", vendor: s, fail: []string{CheckMissingCredentials},
			defect: authorize(s, and(seguraList, noAuth))},
		{name: "appliance 404 instead of Kong's", vendor: s, fail: []string{CheckMissingCredentials},
			defect: respond(and(seguraList, noAuth), http.StatusNotFound, "application/json",
				`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`)},
		{name: "any token accepted", vendor: s, fail: []string{CheckInvalidToken},
			defect: authorize(s, and(seguraList, withAuth))},
		{name: "bad credentials accepted", vendor: s, fail: []string{CheckBadCredentials},
			defect: anyClientAccepted},
		{name: "token without expires_in", vendor: s, fail: []string{CheckTokenIssued, CheckSchemaValid}, pointer: "/expires_in",
			defect: alter(seguraTok, editJSON(func(v map[string]any) { delete(v, "expires_in") }))},
		{name: "issued token refused", vendor: s, fail: []string{CheckTokenIssued},
			defect: respond(and(seguraList, withAuth), http.StatusUnauthorized, "application/json",
				`{"code":401,"response":{"status":401,"message":"Client authentication failed","error":true,"error_code":1,"detail":"","mensagem":"Client authentication failed","erro":true,"cod_erro":1}}`)},
		{name: "TRACE served", vendor: s, fail: []string{CheckMethodNotAllowed},
			defect: rewrite(path(http.MethodTrace, "/api/session/remotesessions"), func(_ http.Handler, r *http.Request) {
				r.Method = http.MethodGet
			})},

		// Appgate: session-info.
		{name: "deviceId does not match the DN", vendor: a, fail: []string{CheckAppgateIdentity}, pointer: "/deviceId",
			defect: alterOK(appgateDN, editJSON(func(v map[string]any) {
				if _, ok := v["deviceId"]; ok {
					v["deviceId"] = "00000000-0000-4000-8000-000000000000"
				}
			}))},
		{name: "renamed field", vendor: a, fail: []string{CheckAppgateIdentity}, pointer: "/username",
			defect: alterOK(appgateDN, editJSON(func(v map[string]any) {
				if u, ok := v["username"]; ok {
					v["userName"] = u
					delete(v, "username")
				}
			}))},
		{name: "wrong type", vendor: a, fail: []string{CheckSchemaValid},
			defect: alterOK(appgateDN, editJSON(func(v map[string]any) {
				entitlements(v, func(e map[string]any) { e["access"] = "yes" })
			}))},
		{name: "access disagrees with the conditions", vendor: a, fail: []string{CheckAppgateAccess},
			defect: alterOK(appgateDN, editJSON(func(v map[string]any) {
				flipped := false
				entitlements(v, func(e map[string]any) {
					if res, _ := e["conditionResults"].(map[string]any); !flipped && len(res) > 0 {
						e["access"] = !e["access"].(bool)
						flipped = true
					}
				})
			}))},
		{name: "500 for an unknown DN", vendor: a, fail: []string{CheckUnknownDN, CheckNoServerError},
			defect: alter(and(appgateDN, withAuth), func(_ testing.TB, a *answer) {
				if a.status == http.StatusNotFound {
					a.status = http.StatusInternalServerError
				}
			})},
		{name: "wrong content type", vendor: a, fail: []string{CheckContentTypeDocumented},
			defect: alter(appgateDN, func(_ testing.TB, a *answer) {
				if a.status == http.StatusNotFound {
					a.header.Set("Content-Type", "text/html")
				}
			})},
		{name: "error body without id", vendor: a, fail: []string{CheckSchemaValid}, pointer: "/id",
			defect: alter(appgateDN, func(t testing.TB, a *answer) {
				if a.status >= 400 {
					editJSON(func(v map[string]any) { delete(v, "id") })(t, a)
				}
			})},
		// Appgate: versions.
		{name: "Accept header ignored", vendor: a, fail: []string{CheckAcceptVersion},
			defect: rewrite(all, func(_ http.Handler, r *http.Request) {
				if strings.HasPrefix(r.Header.Get("Accept"), "application/vnd.appgate.peer-v") {
					r.Header.Set("Accept", appgate.PeerMediaType(23))
				}
			})},
		{name: "406 without the version range", vendor: a, fail: []string{CheckAcceptVersion}, pointer: "/maxSupportedVersion",
			defect: alter(all, func(t testing.TB, a *answer) {
				if a.status == http.StatusNotAcceptable {
					editJSON(func(v map[string]any) {
						delete(v, "minSupportedVersion")
						delete(v, "maxSupportedVersion")
					})(t, a)
				}
			})},
		// Appgate: authentication.
		{name: "200 for a missing token", vendor: a, fail: []string{CheckMissingCredentials},
			defect: authorize(a, and(appgateDN, noAuth))},
		{name: "403 for a missing token", vendor: a, fail: []string{CheckMissingCredentials},
			defect: respond(and(appgateDN, noAuth), http.StatusForbidden, "application/json",
				`{"id":"forbidden","message":"Insufficient permissions to access this resource."}`)},
		{name: "any token accepted", vendor: a, fail: []string{CheckInvalidToken},
			defect: authorize(a, and(appgateDN, withAuth))},
		{name: "login accepts anyone", vendor: a, fail: []string{CheckBadCredentials},
			defect: anyUserAccepted},
		{name: "TRACE echoed", vendor: a, fail: []string{CheckMethodNotAllowed},
			defect: respond(prefix(http.MethodTrace, "/admin/"), http.StatusOK, "application/json",
				`{"id":"trace","message":"TRACE echoed"}`)},
		{name: "login token already expired", vendor: a, fail: []string{CheckTokenIssued}, pointer: "/expires",
			defect: alter(appgateIn, func(t testing.TB, a *answer) {
				if a.status == http.StatusOK {
					editJSON(func(v map[string]any) { v["expires"] = "2001-01-01T00:00:00Z" })(t, a)
				}
			})},

		// Variations the vendors allow: no check may fail.
		{name: "older tenant name", vendor: s,
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { v["tenant"] = "senhasegura" }))},
		{name: "device on a non-default port", vendor: s,
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[0]["device"] = "db01.example:2222" }))},
		{name: "extra field in a record", vendor: s,
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[0]["recording"] = true }))},
		{name: "vendor media type", vendor: a,
			defect: alter(prefix(http.MethodGet, "/admin/session-info/"), func(_ testing.TB, a *answer) {
				a.header.Set("Content-Type", appgate.PeerMediaType(23))
			})},
		{name: "device id in upper case", vendor: a,
			defect: alterOK(appgateDN, editJSON(func(v map[string]any) {
				if id, ok := v["deviceId"].(string); ok {
					v["deviceId"] = strings.ToUpper(id)
				}
			}))},
	}
}

// anyClientAccepted is a token endpoint that issues a token whatever the
// client id and secret.
func anyClientAccepted(t testing.TB, next http.Handler) http.Handler {
	return rewrite(seguraTok, func(_ http.Handler, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		form.Set("client_id", mockClientID)
		form.Set("client_secret", mockClientSecret)
		r.Body = io.NopCloser(strings.NewReader(form.Encode()))
		r.ContentLength = int64(len(form.Encode()))
	})(t, next)
}

// anyUserAccepted is a login that lets in whoever names a user.
func anyUserAccepted(t testing.TB, next http.Handler) http.Handler {
	return rewrite(appgateIn, func(_ http.Handler, r *http.Request) {
		var b map[string]any
		raw, _ := io.ReadAll(r.Body)
		if json.Unmarshal(raw, &b) == nil && b["username"] != nil {
			b["username"], b["password"] = mockUsername, mockPassword
			raw, _ = json.Marshal(b)
		}
		r.Body = io.NopCloser(strings.NewReader(string(raw)))
		r.ContentLength = int64(len(raw))
	})(t, next)
}

func TestDefectsFailExactlyTheirChecks(t *testing.T) {
	// One mock behind every defect: it holds no state a run could change
	// for another, and building one per case costs more than the case.
	mock := newMock(t)
	for _, tc := range defectCases() {
		t.Run(tc.vendor+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			ts := serve(t, tc.defect(t, mock))
			opts := Options{}
			if tc.opts != nil {
				tc.opts(&opts)
			}
			rep, err := Run(context.Background(), targetFor(tc.vendor, ts.URL), opts)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			var got []string
			for _, c := range rep.Checks {
				if c.Status == Failed {
					got = append(got, c.ID)
				}
			}
			want := slices.Clone(tc.fail)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				for _, c := range rep.Checks {
					if c.Status == Failed {
						for _, e := range failing(c) {
							t.Logf("%s failed: %s: %s %s -> %d %v", c.ID, c.Reason, e.Request.Method, e.Purpose, e.Status, e.Violations)
						}
					}
				}
				t.Fatalf("failed checks = %v, want %v", got, want)
			}
			if rep.Failed() != (len(want) > 0) || rep.Summary.Failed != len(want) {
				t.Errorf("summary %+v does not count %d failures", rep.Summary, len(want))
			}
			for _, c := range rep.Checks {
				if c.Status != Failed {
					continue
				}
				bad := failing(c)
				if len(bad) == 0 {
					t.Errorf("%s failed without failing evidence", c.ID)
				}
				for _, e := range bad {
					if len(e.Violations) == 0 {
						t.Errorf("%s: failing evidence %s %s has no violation", c.ID, e.Request.Method, e.Request.URL)
					}
				}
			}
			if tc.pointer != "" {
				first := resultOf(t, rep, tc.fail[0])
				if !hasPointer(failing(first), tc.pointer) {
					t.Errorf("%s: no violation at %q in %+v", first.ID, tc.pointer, failing(first))
				}
			}
		})
	}
}

func TestCleanMockPassesEveryCheck(t *testing.T) {
	for _, vendor := range openapi.Vendors() {
		t.Run(vendor, func(t *testing.T) {
			t.Parallel()
			ts := serve(t, newMock(t))
			rep, err := Run(context.Background(), targetFor(vendor, ts.URL), Options{LatencyBudget: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Checks) != len(Checks(vendor)) {
				t.Errorf("%d results, want one per check of %s (%d)", len(rep.Checks), vendor, len(Checks(vendor)))
			}
			for _, c := range rep.Checks {
				if c.Status != Passed {
					t.Errorf("%s: %s: %s", c.ID, c.Status, c.Reason)
				}
				if len(c.Evidence) == 0 {
					t.Errorf("%s passed without evidence", c.ID)
				}
			}
			if rep.Summary != (Summary{Total: len(rep.Checks), Passed: len(rep.Checks)}) {
				t.Errorf("summary %+v", rep.Summary)
			}
		})
	}
}

func failing(r Result) []Evidence {
	var out []Evidence
	for _, e := range r.Evidence {
		if !e.OK {
			out = append(out, e)
		}
	}
	return out
}

func hasPointer(ev []Evidence, ptr string) bool {
	for _, e := range ev {
		for _, v := range e.Violations {
			if v.Pointer == ptr {
				return true
			}
		}
	}
	return false
}

func resultOf(t testing.TB, rep Report, id string) Result {
	t.Helper()
	for _, c := range rep.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no result for %s", id)
	return Result{}
}
