package contracttest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// defectCase is a server that differs from the compliant one by one
// defect, and the checks that must fail because of it (and no others).
type defectCase struct {
	name   string
	vendor string
	defect defect
	fail   []string
	// pointer, when set, must be the JSON pointer of a violation in the
	// evidence of the first failing check.
	pointer string
	opts    func(*Options)
	target  func(*Target)
}

const (
	envelope500 = `{"code":500,"response":{"status":500,"message":"Unexpected error.","error":true,"error_code":5,"detail":"","mensagem":"Unexpected error.","erro":true,"cod_erro":5}}`
	envelope401 = `{"code":401,"response":{"status":401,"message":"Client authentication failed","error":true,"error_code":1,"detail":"","mensagem":"Client authentication failed","erro":true,"cod_erro":1}}`
	// aSessionID is a session_id to drop.
	aSessionID = "e7acacb6aedbab70073456da5744166939b77527"
)

var seguraRecordChecks = []string{CheckSeguraTime, CheckSeguraDates, CheckSeguraSessionID, CheckSeguraRecordID, CheckSeguraDevice, CheckSeguraByID}

func plus(ids []string, more ...string) []string { return append(slices.Clone(ids), more...) }

func defectCases() []defectCase {
	const s, a = openapi.Segura, openapi.Appgate
	writes := func(t *Target) { t.Drop = aSessionID }
	allowWrites := func(o *Options) { o.AllowWrites = true }
	return []defectCase{
		// Segura: the session list.
		{name: "renamed field", vendor: s, fail: []string{CheckSchemaValid, CheckSeguraSessionID}, pointer: "/remote_sessions/0/session_id",
			defect: alterOK(seguraRecs, editJSON(func(v map[string]any) {
				for _, r := range records(v) {
					r["sessionId"] = r["session_id"]
					delete(r, "session_id")
				}
			}))},
		{name: "wrong type", vendor: s, fail: []string{CheckSchemaValid}, pointer: "/remote_sessions/0/id",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				records(v)[0]["id"] = json.Number("3")
			}))},
		{name: "missing envelope field", vendor: s, fail: []string{CheckSchemaValid, CheckSeguraEnvelope}, pointer: "/response/cod_erro",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				delete(v["response"].(map[string]any), "cod_erro")
			}))},
		{name: "body not JSON", vendor: s, fail: plus(seguraRecordChecks, CheckSchemaValid), pointer: "",
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) { a.body = a.body[:len(a.body)/2] })},
		{name: "wrong content type", vendor: s, fail: []string{CheckContentTypeDocumented},
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) { a.header.Set("Content-Type", "text/plain; charset=utf-8") })},
		{name: "time not end minus start", vendor: s, fail: []string{CheckSeguraTime}, pointer: "/remote_sessions/1/time",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[1]["time"] = "99:00:00" }))},
		{name: "end before start", vendor: s, fail: []string{CheckSeguraTime}, pointer: "/remote_sessions/0/end",
			defect: alterOK(seguraRecs, editJSON(func(v map[string]any) {
				r := records(v)[0]
				r["start"], r["end"], r["time"] = r["end"], r["start"], "00:00:00"
			}))},
		{name: "no such day", vendor: s, fail: []string{CheckSeguraDates}, pointer: "/remote_sessions/1/start",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[1]["start"] = "2024-02-30 10:00:00" }))},
		{name: "time with 75 minutes", vendor: s, fail: []string{CheckSeguraDates}, pointer: "/remote_sessions/2/time",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { records(v)[2]["time"] = "00:75:00" }))},
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
		{name: "duplicate record id", vendor: s, fail: []string{CheckSeguraRecordID}, pointer: "/remote_sessions/3/id",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) {
				rs := records(v)
				rs[3]["id"] = rs[2]["id"]
			}))},
		{name: "device port out of range", vendor: s, fail: []string{CheckSeguraDevice}, pointer: "/remote_sessions/0/device",
			defect: alterOK(seguraRecs, editJSON(func(v map[string]any) { records(v)[0]["device"] = "10.0.0.1:70000" }))},
		{name: "list answers 500", vendor: s, fail: plus(seguraRecordChecks, CheckNoServerError),
			defect: alterOK(seguraList, func(_ testing.TB, a *answer) {
				a.status = http.StatusInternalServerError
				a.body = []byte(envelope500)
			})},
		{name: "undocumented status", vendor: s, fail: []string{CheckStatusDocumented},
			defect: alterOK(seguraList, func(t testing.TB, a *answer) {
				a.status = http.StatusAccepted
				editJSON(func(v map[string]any) {
					v["code"] = json.Number("202")
					v["response"].(map[string]any)["status"] = json.Number("202")
				})(t, a)
			})},
		{name: "envelope says error in a 200", vendor: s, fail: []string{CheckSeguraEnvelope}, pointer: "/response/error",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { v["response"].(map[string]any)["error"] = true }))},
		{name: "error envelope with another status", vendor: s, fail: []string{CheckSeguraEnvelope}, pointer: "/response/status",
			defect: alter(prefix(http.MethodGet, "/api/session/remotesessions/"), func(t testing.TB, a *answer) {
				if a.status == http.StatusBadRequest {
					editJSON(func(v map[string]any) { v["response"].(map[string]any)["status"] = json.Number("200") })(t, a)
				}
			})},
		{name: "older tenant name", vendor: s, fail: []string{CheckSeguraRelease}, pointer: "/tenant",
			defect: alterOK(seguraList, editJSON(func(v map[string]any) { v["tenant"] = "senhasegura" }))},
		{name: "current tenant on release 3", vendor: s, fail: []string{CheckSeguraRelease}, pointer: "/tenant",
			target: func(t *Target) { t.SeguraRelease = 3 }, defect: nothingWrong},
		// Release 3 accepts the senhasegura shapes and nothing looser.
		{name: "release 3 envelope without its status", vendor: s, fail: []string{CheckSchemaValid, CheckSeguraEnvelope}, pointer: "/response/status",
			target: func(t *Target) { t.SeguraRelease = 3 },
			defect: chain(alter(all, legacyShapes), alterOK(seguraList, editJSON(func(v map[string]any) {
				delete(v["response"].(map[string]any), "status")
			})))},
		{name: "release 3 record without its time", vendor: s, fail: []string{CheckSchemaValid}, pointer: "/remote_sessions/4/time",
			target: func(t *Target) { t.SeguraRelease = 3 },
			defect: chain(alter(all, legacyShapes), alterOK(seguraList, editJSON(func(v map[string]any) { delete(records(v)[4], "time") })))},
		{name: "release 3 drop with the current message", vendor: s, fail: []string{CheckSeguraDrop}, pointer: "/response/message",
			target: func(t *Target) { t.SeguraRelease = 3; t.Drop = aSessionID }, opts: allowWrites,
			defect: alter(all, legacyShapes)},
		{name: "slow list", vendor: s, fail: []string{CheckLatencyBudget},
			opts:   func(o *Options) { o.LatencyBudget = 800 * time.Millisecond },
			defect: alterOK(seguraList, func(testing.TB, *answer) { time.Sleep(time.Second) })},
		// Segura: one session, and the drop.
		{name: "one session differs from the list", vendor: s, fail: []string{CheckSeguraByID}, pointer: "/remote_session/0/user",
			defect: alterOK(prefix(http.MethodGet, "/api/session/remotesessions/"), editJSON(func(v map[string]any) {
				records(v)[0]["user"] = "someone else"
			}))},
		{name: "one session not in an array", vendor: s, fail: []string{CheckSeguraByID}, pointer: "/remote_session",
			defect: alterOK(prefix(http.MethodGet, "/api/session/remotesessions/"), editJSON(func(v map[string]any) {
				v["remote_session"] = records(v)[0]
			}))},
		{name: "unknown id without the exception block", vendor: s, fail: []string{CheckSeguraUnknownID}, pointer: "/exception",
			defect: alter(prefix(http.MethodGet, "/api/session/remotesessions/"), func(t testing.TB, a *answer) {
				if a.status == http.StatusBadRequest {
					editJSON(func(v map[string]any) { delete(v, "exception") })(t, a)
				}
			})},
		{name: "unknown id is a 404", vendor: s, fail: []string{CheckSeguraUnknownID},
			defect: alter(prefix(http.MethodGet, "/api/session/remotesessions/"), func(t testing.TB, a *answer) {
				if a.status == http.StatusBadRequest {
					a.status = http.StatusNotFound
					a.body = []byte(`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`)
				}
			})},
		{name: "drop with another message", vendor: s, fail: []string{CheckSeguraDrop}, pointer: "/response/message",
			target: writes, opts: allowWrites,
			defect: alterOK(prefix(http.MethodDelete, "/api/pam/session/drop/"), editJSON(func(v map[string]any) {
				v["response"].(map[string]any)["message"] = "OK"
			}))},
		// Segura: authentication.
		{name: "200 for a missing token", vendor: s, fail: []string{CheckMissingCredentials},
			defect: authorize(s, and(seguraList, noAuth))},
		{name: "appliance 404 instead of Kong's", vendor: s, fail: []string{CheckMissingCredentials},
			defect: respond(and(seguraList, noAuth), http.StatusNotFound, "application/json",
				`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`)},
		{name: "gateway 404 in other words", vendor: s, fail: []string{CheckMissingCredentials}, pointer: "/message",
			defect: respond(and(seguraList, noAuth), http.StatusNotFound, "application/json", `{"message":"Not Found"}`)},
		{name: "any token accepted", vendor: s, fail: []string{CheckInvalidToken},
			defect: authorize(s, and(seguraList, withAuth))},
		{name: "bad credentials accepted", vendor: s, fail: []string{CheckBadCredentials},
			defect: anyClientAccepted},
		{name: "token without expires_in", vendor: s, fail: []string{CheckTokenIssued, CheckTokenBasic, CheckSchemaValid}, pointer: "/expires_in",
			defect: alter(seguraTok, editJSON(func(v map[string]any) { delete(v, "expires_in") }))},
		{name: "HTTP Basic credentials refused", vendor: s, fail: []string{CheckTokenBasic},
			defect: respond(func(r *http.Request) bool {
				return seguraTok(r) && strings.HasPrefix(r.Header.Get("Authorization"), "Basic ")
			},
				http.StatusUnauthorized, "application/json", `{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`)},
		{name: "issued token refused", vendor: s, fail: plus(seguraRecordChecks, CheckTokenIssued),
			defect: respond(and(seguraList, withAuth), http.StatusUnauthorized, "application/json", envelope401)},
		{name: "TRACE served", vendor: s, fail: []string{CheckMethodNotAllowed},
			defect: rewrite(path(http.MethodTrace, "/api/session/remotesessions"), func(_ http.Handler, r *http.Request) {
				r.Method = http.MethodGet
			})},

		// Appgate: session-info.
		{name: "deviceId does not match the DN", vendor: a, fail: []string{CheckAppgateIdentity, CheckActiveSessionsIdent}, pointer: "/deviceId",
			defect: alterOK(appgateDN, editJSON(func(v map[string]any) {
				if _, ok := v["deviceId"]; ok {
					v["deviceId"] = "00000000-0000-4000-8000-000000000000"
				}
			}))},
		{name: "lookups with another device", vendor: a, fail: []string{CheckAppgateIdentity}, pointer: "/deviceId",
			// Lookups 2 to 5 of the setup: the first stays whole for
			// dn-spellings to compare with, and active-sessions-identity
			// looks the names up again later.
			defect: requests(and(appgateDN, withAuth), 2, 5, alterOK(all, editJSON(func(v map[string]any) {
				v["deviceId"] = "00000000-0000-4000-8000-000000000000"
			})))},
		{name: "unknown DN found", vendor: a, fail: []string{CheckUnknownDN},
			defect: requests(func(r *http.Request) bool {
				return appgateDN(r) && withAuth(r) && strings.Contains(r.URL.Path, nobodyUsername)
			}, 1, 1,
				respond(all, http.StatusOK, "application/json", `{}`))},
		{name: "the two-step sign-in's logout fails", vendor: a, fail: []string{CheckNoServerError},
			defect: requests(path(http.MethodPost, logoutRoute.Pattern), 1, 1,
				respond(all, http.StatusInternalServerError, "application/json", `{"id":"internal server error","message":"Unexpected server side error."}`))},
		{name: "renamed field", vendor: a, fail: []string{CheckAppgateIdentity, CheckActiveSessionsIdent}, pointer: "/username",
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
		{name: "raw commas not understood", vendor: a, fail: []string{CheckDNSpellings},
			defect: respond(func(r *http.Request) bool { return appgateDN(r) && strings.Contains(r.RequestURI, ",") },
				http.StatusNotFound, "application/json", `{"id":"not found","message":"No such session."}`)},
		{name: "lower-case attribute names not understood", vendor: a, fail: []string{CheckDNSpellings},
			defect: respond(func(r *http.Request) bool { return appgateDN(r) && strings.Contains(r.URL.Path, "cn=") },
				http.StatusNotFound, "application/json", `{"id":"not found","message":"No such session."}`)},
		{name: "first lookup refused although the login lists SessionInfo", vendor: a, fail: []string{CheckPrivilegeHonoured},
			defect: firstOnly(and(appgateDN, withAuth), respond(all, http.StatusForbidden, "application/json",
				`{"id":"forbidden","message":"Insufficient permissions to access this resource."}`))},
		// Appgate: versions.
		{name: "Accept header ignored", vendor: a, fail: []string{CheckAcceptVersion, CheckVersionDiscovery, CheckSignIn},
			defect: rewrite(all, func(_ http.Handler, r *http.Request) {
				if strings.HasPrefix(r.Header.Get("Accept"), "application/vnd.appgate.peer-v") {
					r.Header.Set("Accept", appgate.PeerMediaType(23))
				}
			})},
		{name: "406 without the version range", vendor: a, fail: []string{CheckAcceptVersion, CheckVersionDiscovery, CheckSignIn}, pointer: "/maxSupportedVersion",
			defect: alter(all, func(t testing.TB, a *answer) {
				if a.status == http.StatusNotAcceptable {
					editJSON(func(v map[string]any) {
						delete(v, "minSupportedVersion")
						delete(v, "maxSupportedVersion")
					})(t, a)
				}
			})},
		{name: "login probe judged on its body before its version", vendor: a, fail: []string{CheckVersionDiscovery},
			defect: respond(func(r *http.Request) bool {
				return appgateIn(r) && strings.Contains(r.Header.Get("Accept"), "peer-v5+")
			},
				http.StatusUnprocessableEntity, "application/json",
				`{"id":"unprocessable entity","message":"Request validation failed.","errors":[{"field":"username","message":"is required"}]}`)},
		{name: "version endpoint disagrees with the 406", vendor: a, fail: []string{CheckVersionEndpoint}, pointer: "/peerVersion",
			defect: alterOK(path(http.MethodGet, "/admin/version"), editJSON(func(v map[string]any) {
				n, _ := v["peerVersion"].(json.Number).Int64()
				v["peerVersion"] = json.Number(strconv.FormatInt(n+1, 10))
			}))},
		{name: "older versions of the range refused", vendor: a, fail: []string{CheckPeerVersions},
			defect: respond(func(r *http.Request) bool {
				v, ok := appgate.ParsePeerAccept(r.Header.Values("Accept"))
				return appgateDN(r) && ok && v < server.DefaultPeerVersion && v > probeVersion
			}, http.StatusNotAcceptable, "application/json",
				`{"id":"not acceptable","message":"Invalid 'Accept' header.","minSupportedVersion":22,"maxSupportedVersion":24}`)},
		{name: "406 above the range without the range", vendor: a, fail: []string{CheckAcceptVersion}, pointer: "/minSupportedVersion",
			defect: respond(func(r *http.Request) bool {
				v, ok := appgate.ParsePeerAccept(r.Header.Values("Accept"))
				return appgateDN(r) && ok && v > server.DefaultPeerVersion
			}, http.StatusNotAcceptable, "application/json", `{"id":"not acceptable","message":"Invalid 'Accept' header."}`)},
		{name: "plain JSON accepted", vendor: a, fail: []string{CheckAcceptJSON},
			defect: rewrite(appgateDN, func(_ http.Handler, r *http.Request) {
				if r.Header.Get("Accept") == "application/json" {
					r.Header.Set("Accept", appgate.PeerMediaType(23))
				}
			})},
		// Appgate: the client flows.
		{name: "range that disagrees with totalCount", vendor: a, fail: []string{CheckActiveSessionsPaging}, pointer: "/range",
			defect: alterOK(path(http.MethodGet, activeSessionsRoute.Pattern), editJSON(func(v map[string]any) {
				v["totalCount"] = json.Number("99")
			}))},
		{name: "listed session with another user", vendor: a, fail: []string{CheckActiveSessionsIdent}, pointer: "/data/0/username",
			defect: alterOK(path(http.MethodGet, activeSessionsRoute.Pattern), editJSON(func(v map[string]any) {
				v["data"].([]any)[0].(map[string]any)["username"] = "someone-else"
			}))},
		{name: "provider not listed", vendor: a, fail: []string{CheckIdentityProviders}, pointer: "/data",
			defect: respond(path(http.MethodGet, identityProvidersRoute.Pattern), http.StatusOK, "application/json", `{"data":[{"name":"ldap"}]}`)},
		{name: "authorization refuses the first token", vendor: a, fail: []string{CheckSignIn},
			defect: respond(path(http.MethodGet, authorizationRoute.Pattern), http.StatusUnauthorized, "application/json",
				`{"id":"unauthorized","message":"Token error. Login again."}`)},
		{name: "logout that revokes nothing", vendor: a, fail: []string{CheckLogout},
			defect: respond(path(http.MethodPost, logoutRoute.Pattern), http.StatusNoContent, "application/json", "")},
		// Appgate: authentication.
		{name: "200 for a missing token", vendor: a, fail: []string{CheckMissingCredentials},
			defect: authorize(a, and(appgateDN, noAuth))},
		{name: "403 for a missing token", vendor: a, fail: []string{CheckMissingCredentials},
			defect: respond(and(appgateDN, noAuth), http.StatusForbidden, "application/json",
				`{"id":"forbidden","message":"Insufficient permissions to access this resource."}`)},
		{name: "any token accepted", vendor: a, fail: []string{CheckInvalidToken, CheckLogout},
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

// Every check has a server with one defect that fails that check alone.
func TestEveryCheckHasItsOwnDefect(t *testing.T) {
	t.Parallel()
	alone := map[string]bool{}
	for _, tc := range defectCases() {
		if len(tc.fail) == 1 {
			alone[tc.fail[0]] = true
		}
	}
	for _, c := range Checks("") {
		if !alone[c.ID] {
			t.Errorf("no defect fails %s alone", c.ID)
		}
	}
}

func TestDefectsFailExactlyTheirChecks(t *testing.T) {
	// One mock behind every defect: it holds no state a run could change
	// for another, and building one per case costs more than the case.
	server := newCompliant(t)
	for _, tc := range defectCases() {
		t.Run(tc.vendor+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			ts := serve(t, tc.defect(t, server))
			opts := Options{}
			if tc.opts != nil {
				tc.opts(&opts)
			}
			target := targetFor(tc.vendor, ts.URL)
			if tc.target != nil {
				tc.target(&target)
			}
			rep, err := Run(context.Background(), target, opts)
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
			for _, id := range specLag[tc.vendor] {
				if slices.Contains(got, id) && !slices.Contains(want, id) {
					want = append(want, id)
				}
			}
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
