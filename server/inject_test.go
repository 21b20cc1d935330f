package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/spectest"
)

// addRule posts a rule to the admin API and returns its id.
func (m *mock) addRule(t testing.TB, rule string) string {
	t.Helper()
	resp, body := m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(rule), "Content-Type", "application/json"))
	if resp.StatusCode != 201 {
		t.Fatalf("add rule %s: %d %s", rule, resp.StatusCode, body)
	}
	var got rulesBody
	mustUnmarshal(t, body, &got)
	return got.Rules[0].ID
}

// vendorRequests are one ready request per vendor route, with the
// credentials it needs.
func (m *mock) vendorRequests(t testing.TB) map[string]func() *http.Request {
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	ag := m.appgateToken(t, "admin", "admin")
	dn := m.world.Appgate().At(0).DN.String()
	id := m.world.Segura().At(0).ID
	form := "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"
	login := `{"providerName":"local","username":"admin","password":"admin","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
	return map[string]func() *http.Request{
		"token": func() *http.Request {
			return m.request(t, "POST", "/iso/oauth2/token", strings.NewReader(form), "Content-Type", "application/x-www-form-urlencoded")
		},
		"remotesessions": func() *http.Request {
			return m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+seg)
		},
		"remotesession": func() *http.Request {
			return m.request(t, "GET", "/api/session/remotesessions/"+id, nil, "Authorization", "Bearer "+seg)
		},
		"version": func() *http.Request { return m.request(t, "GET", "/admin/version", nil) },
		"login": func() *http.Request {
			return m.request(t, "POST", "/admin/login", strings.NewReader(login), "Accept", accept23, "Content-Type", "application/json")
		},
		"session-info": func() *http.Request {
			return m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", accept23, "Authorization", "Bearer "+ag)
		},
	}
}

// TestInjectedStatusesOnEveryRoute injects each status on each vendor
// route and checks the answer has the vendor's body for that status and
// validates against the spec (call does the spec check).
func TestInjectedStatusesOnEveryRoute(t *testing.T) {
	m := start(t, nil)
	reqs := m.vendorRequests(t)
	for route, mk := range reqs {
		for _, status := range []int{400, 401, 403, 404, 406, 408, 429, 500, 503, 504} {
			t.Run(fmt.Sprintf("%s/%d", route, status), func(t *testing.T) {
				req := mk()
				req.Header.Set("Prefer", fmt.Sprintf("code=%d", status))
				resp, body := m.call(t, req)
				if resp.StatusCode != status {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, status, body)
				}
				if resp.Header.Get("Preference-Applied") != fmt.Sprintf("code=%d", status) {
					t.Errorf("Preference-Applied %q", resp.Header.Get("Preference-Applied"))
				}
				checkVendorErrorBody(t, req, status, body)
			})
		}
	}
}

// checkVendorErrorBody asserts that an injected error looks like the
// natural error of the same vendor, route and status.
func checkVendorErrorBody(t *testing.T, req *http.Request, status int, body []byte) {
	t.Helper()
	var v map[string]any
	mustUnmarshal(t, body, &v)
	path := req.URL.Path
	switch {
	case strings.HasPrefix(path, "/admin/"):
		if v["id"] != strings.ToLower(http.StatusText(status)) || v["message"] == "" {
			t.Errorf("appgate body %s", body)
		}
		if status == 406 && (v["minSupportedVersion"] != 22.0 || v["maxSupportedVersion"] != 24.0) {
			t.Errorf("406 without the version range: %s", body)
		}
	case strings.HasSuffix(path, "/token") && (status == 400 || status == 401):
		if v["error"] == nil || v["error_description"] == nil {
			t.Errorf("oauth body %s", body)
		}
	case status == 408 || status == 504 || status == 404 && !kongRoutes(req):
		if len(v) != 1 || v["message"] == nil {
			t.Errorf("Kong body %s", body)
		}
	default:
		resp, _ := v["response"].(map[string]any)
		if v["code"] != float64(status) || resp["status"] != float64(status) || resp["mensagem"] != resp["message"] {
			t.Errorf("envelope %s", body)
		}
	}
}

func TestNaturalAndInjectedErrorsMatch(t *testing.T) {
	m := start(t, nil)
	// A natural 403 and an injected one are the same bytes.
	denied := m.seguraToken(t, "no-sessions", "no-sessions-secret")
	_, natural := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+denied))
	good := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, injected := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+good, "Prefer", "code=403"))
	if !bytes.Equal(natural, injected) {
		t.Errorf("natural %s\ninjected %s", natural, injected)
	}
	// Appgate's natural 401 (a bad token) and an injected one (a good
	// token, so only the injection can answer 401).
	ag := m.appgateToken(t, "admin", "admin")
	dn := m.world.Appgate().At(0).DN.String()
	_, natural = m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", accept23, "Authorization", "Bearer x.y.z"))
	resp, injected := m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", accept23, "Authorization", "Bearer "+ag, "Prefer", "code=401"))
	if !bytes.Equal(natural, injected) || resp.Header.Get("Preference-Applied") != "code=401" {
		t.Errorf("401: natural %s\ninjected %s", natural, injected)
	}
	// And the 406, which names the Accept header received: the same header
	// gives the same body, whether the version or the injection refused it.
	v25 := "application/vnd.appgate.peer-v25+json"
	_, natural = m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", v25))
	resp, injected = m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", v25, "Authorization", "Bearer "+ag, "Prefer", "code=406"))
	if !bytes.Equal(natural, injected) || resp.Header.Get("Preference-Applied") != "code=406" {
		t.Errorf("406: natural %s\ninjected %s", natural, injected)
	}
}

func TestPreferAppliesOnlyToItsRequest(t *testing.T) {
	m := start(t, nil)
	reqs := m.vendorRequests(t)
	req := reqs["remotesessions"]()
	req.Header.Set("Prefer", "code=500")
	if resp, _ := m.call(t, req); resp.StatusCode != 500 {
		t.Fatalf("with Prefer: %d", resp.StatusCode)
	}
	if resp, _ := m.call(t, reqs["remotesessions"]()); resp.StatusCode != 200 {
		t.Fatalf("next request: %d", resp.StatusCode)
	}
	// Query parameters for browsers; the handler never sees them.
	r2 := reqs["remotesessions"]()
	r2.URL.RawQuery = "__code=503"
	if resp, _ := m.call(t, r2); resp.StatusCode != 503 {
		t.Fatalf("__code: %d", resp.StatusCode)
	}
	r3 := reqs["version"]()
	r3.URL.RawQuery = "__delay=30ms"
	start := time.Now()
	if resp, _ := m.call(t, r3); resp.StatusCode != 200 || time.Since(start) < 30*time.Millisecond {
		t.Fatalf("__delay: %d after %v", resp.StatusCode, time.Since(start))
	}
}

func TestBadPreferIsAVendorError(t *testing.T) {
	m := start(t, nil)
	reqs := m.vendorRequests(t)
	for route, want := range map[string]string{"remotesessions": `"code":400`, "session-info": `"id":"bad request"`} {
		req := reqs[route]()
		req.Header.Set("Prefer", "code=abc")
		resp, body := m.call(t, req)
		if resp.StatusCode != 400 || !strings.Contains(string(body), want) || !strings.Contains(string(body), "code=abc") {
			t.Errorf("%s: %d %s", route, resp.StatusCode, body)
		}
	}
}

func TestFaultKindsSeenByRealClient(t *testing.T) {
	m := start(t, nil)
	reqs := m.vendorRequests(t)
	do := func(prefer string, client *http.Client) (*http.Response, []byte, error) {
		req := reqs["remotesessions"]()
		req.Header.Set("Prefer", prefer)
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp, body, err
	}
	fresh := func() *http.Client { return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} }
	_, normal, _ := do("", fresh())

	t.Run("reset", func(t *testing.T) {
		_, _, err := do("fault=reset", fresh())
		if err == nil || !strings.Contains(err.Error(), "connection reset") {
			t.Errorf("err %v, want a connection reset", err)
		}
	})
	t.Run("empty", func(t *testing.T) {
		_, _, err := do("fault=empty", fresh())
		if err == nil || !strings.Contains(err.Error(), "EOF") {
			t.Errorf("err %v, want EOF", err)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		resp, body, err := do("fault=malformed", fresh())
		if err != nil || resp.StatusCode != 200 || json.Valid(body) || !bytes.HasPrefix(normal, body) || len(body) == 0 {
			t.Errorf("status %v err %v valid %v prefix %v", resp, err, json.Valid(body), bytes.HasPrefix(normal, body))
		}
	})
	t.Run("slow", func(t *testing.T) {
		start := time.Now()
		resp, body, err := do("fault=slow, hold=300ms", fresh())
		if err != nil || resp.StatusCode != 200 || !bytes.Equal(body, normal) {
			t.Fatalf("err %v", err)
		}
		if time.Since(start) < 250*time.Millisecond {
			t.Errorf("the body arrived in %v; it should dribble over 300ms", time.Since(start))
		}
	})
	t.Run("gateway timeout", func(t *testing.T) {
		start := time.Now()
		resp, body, err := do("fault=gateway-timeout, hold=50ms", fresh())
		if err != nil || resp.StatusCode != 504 || string(body) != `{"message":"The upstream server is timing out"}` {
			t.Fatalf("%v %s %v", resp, body, err)
		}
		if time.Since(start) < 50*time.Millisecond {
			t.Errorf("answered before the upstream time")
		}
	})
	t.Run("timeout", func(t *testing.T) {
		client := fresh()
		client.Timeout = 150 * time.Millisecond
		_, _, err := do("fault=timeout, hold=30s", client)
		if err == nil || !strings.Contains(err.Error(), "Client.Timeout") {
			t.Fatalf("err %v, want the client's time-out", err)
		}
		// The server lets the request go once the client gave up: it is
		// journaled as a timeout well before the 30 s hold: a bounded
		// number of polls, 20 ms apart, ends well within it.
		for polls := 0; ; polls++ {
			_, body := m.call(t, m.request(t, "GET", "/__mock/requests?limit=1", nil))
			var got requestsBody
			mustUnmarshal(t, body, &got)
			if len(got.Requests) == 1 && got.Requests[0].Fault == "timeout" {
				if got.Requests[0].Status != 0 {
					t.Errorf("timeout journaled with status %d", got.Requests[0].Status)
				}
				break
			}
			if polls == 500 {
				t.Fatalf("the held request was not released: %s", body)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	t.Run("timeout bound", func(t *testing.T) {
		_, _, err := do("fault=timeout, hold=50ms", fresh())
		if err == nil || !strings.Contains(err.Error(), "EOF") {
			t.Errorf("after the hold the connection is let go: %v", err)
		}
	})
}

func TestAppgateGatewayTimeoutBody(t *testing.T) {
	m := start(t, nil)
	req := m.vendorRequests(t)["session-info"]()
	req.Header.Set("Prefer", "fault=gateway-timeout, hold=10ms")
	resp, body := m.call(t, req)
	if resp.StatusCode != 504 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	wantJSON(t, body, `{"id":"gateway timeout","message":"The upstream server is timing out."}`)
}

func TestLatencyAndBandwidthRules(t *testing.T) {
	m := start(t, nil)
	reqs := m.vendorRequests(t)
	m.addRule(t, `{"match":{"route":"version"},"action":{"latency":"80ms"}}`)
	start := time.Now()
	if resp, _ := m.call(t, reqs["version"]()); resp.StatusCode != 200 || time.Since(start) < 80*time.Millisecond {
		t.Errorf("latency rule: %d in %v", resp.StatusCode, time.Since(start))
	}
	_, normal := m.call(t, reqs["remotesessions"]())
	rate := len(normal) * 4 // bytes per second: the list takes about 250 ms
	m.addRule(t, fmt.Sprintf(`{"match":{"route":"remotesessions"},"action":{"bandwidth":%d}}`, rate))
	start = time.Now()
	_, body := m.call(t, reqs["remotesessions"]())
	if !bytes.Equal(body, normal) {
		t.Fatal("throttled body differs")
	}
	if el := time.Since(start); el < 200*time.Millisecond {
		t.Errorf("throttled list arrived in %v, want at least 200ms at %d B/s for %d bytes", el, rate, len(normal))
	}
}

func TestRuleTriggers(t *testing.T) {
	m := start(t, nil)
	reqs := m.vendorRequests(t)
	statuses := func(route string, n int) string {
		var out []string
		for i := 0; i < n; i++ {
			resp, _ := m.call(t, reqs[route]())
			out = append(out, fmt.Sprint(resp.StatusCode))
		}
		return strings.Join(out, ",")
	}
	every := m.addRule(t, `{"match":{"vendor":"appgate","route":"session-info"},"when":{"every":3},"action":{"status":500}}`)
	if got := statuses("session-info", 7); got != "200,200,500,200,200,500,200" {
		t.Errorf("every 3rd: %s", got)
	}
	m.call(t, m.request(t, "DELETE", "/__mock/faults/"+every, nil))
	m.addRule(t, `{"match":{"route":"remotesession"},"when":{"first":2},"action":{"status":503}}`)
	if got := statuses("remotesession", 4); got != "503,503,200,200" {
		t.Errorf("first 2: %s", got)
	}
	m.addRule(t, `{"match":{"route":"version"},"when":{"after":2},"action":{"status":500}}`)
	if got := statuses("version", 4); got != "200,200,500,500" {
		t.Errorf("after 2: %s", got)
	}
	// The admin API is never faulted, whatever the rules.
	m.addRule(t, `{"action":{"status":500}}`)
	if resp, _ := m.call(t, m.request(t, "GET", "/__mock/health", nil)); resp.StatusCode != 200 {
		t.Errorf("admin faulted: %d", resp.StatusCode)
	}
}

// TestProbabilityIsDeterministic runs the same request sequence against
// two mocks with the same seed: they fail the same requests.
func TestProbabilityIsDeterministic(t *testing.T) {
	run := func(seed int64) string {
		m := start(t, func(c *Config) {
			c.World = mustWorld(t, seed, 50, 20)
			c.Faults = []fault.Rule{{Match: fault.Match{Route: "version"}, When: fault.When{Probability: ptr(0.3)}, Action: fault.Action{Status: 500}}}
		})
		var b strings.Builder
		for i := 0; i < 200; i++ {
			resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil))
			b.WriteByte("01"[resp.StatusCode/500])
		}
		return b.String()
	}
	a, b, c := run(1), run(1), run(2)
	if a != b {
		t.Errorf("same seed, different faults:\n%s\n%s", a, b)
	}
	if a == c {
		t.Error("seeds 1 and 2 fail the same requests")
	}
	if n := strings.Count(a, "1"); n < 30 || n > 90 {
		t.Errorf("%d of 200 failed with probability 0.3", n)
	}
}

func ptr[T any](v T) *T { return &v }

func TestRuleMatchesClientAndDN(t *testing.T) {
	m := start(t, func(c *Config) {
		c.SeguraClients = []SeguraClient{{ID: "a", Secret: "a", ListSessions: true}, {ID: "b", Secret: "b", ListSessions: true}}
	})
	m.addRule(t, `{"match":{"client":"b","route":"remotesessions"},"action":{"status":500}}`)
	for client, want := range map[string]int{"a": 200, "b": 500} {
		tok := m.seguraToken(t, client, client)
		resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
		if resp.StatusCode != want {
			t.Errorf("client %s: %d, want %d", client, resp.StatusCode, want)
		}
	}
	dn := m.world.Appgate().At(2).DN
	m.addRule(t, fmt.Sprintf(`{"match":{"dn":%q},"action":{"status":404,"message":"gone"}}`, dn.String()))
	ag := m.appgateToken(t, "admin", "admin")
	for i, want := range map[int]int{1: 200, 2: 404} {
		// The rule matches the DN however it is spelled.
		path := "/admin/session-info/" + strings.ReplaceAll(m.world.Appgate().At(i).DN.String(), ",", "%2C")
		resp, body := m.call(t, m.request(t, "GET", path, nil, "Accept", accept23, "Authorization", "Bearer "+ag))
		if resp.StatusCode != want || (want == 404 && !strings.Contains(string(body), "gone")) {
			t.Errorf("client %d: %d %s", i, resp.StatusCode, body)
		}
	}
}

func TestAdminFaultsAPI(t *testing.T) {
	m := start(t, func(c *Config) {
		c.Faults = []fault.Rule{{ID: "boot", Match: fault.Match{Route: "version"}, Action: fault.Action{Status: 500}}}
	})
	list := func() []fault.Rule {
		_, body := m.call(t, m.request(t, "GET", "/__mock/faults", nil))
		var got rulesBody
		mustUnmarshal(t, body, &got)
		return got.Rules
	}
	if r := list(); len(r) != 1 || r[0].ID != "boot" {
		t.Fatalf("start rules: %+v", r)
	}
	// A list in YAML, all added.
	resp, body := m.call(t, m.request(t, "POST", "/__mock/faults",
		strings.NewReader("- match: {route: login}\n  action: {status: 401}\n- id: slow-list\n  match: {route: remotesessions}\n  action: {latency: 5ms-10ms}\n"), "Content-Type", "application/yaml"))
	if resp.StatusCode != 201 || len(list()) != 3 {
		t.Fatalf("add list: %d %s", resp.StatusCode, body)
	}
	// Bad bodies: precise errors, and nothing is added from a bad list.
	for body, want := range map[string]string{
		``:                         "empty",
		`{"action":{"status":99}}`: `99 is below the minimum; want an HTTP error status from 300 to 599`,
		`{"when":{"probability":2},"action":{"status":500}}`:         "probability",
		`[{"action":{"status":500}},{"action":{"fault":"explode"}}]`: "[1].action.fault",
		`{"id":"boot","action":{"status":500}}`:                      "already used",
		`{"action":{"status":500},"nonsense":1}`:                     "nonsense",
		`{"action":`:                                                 "body",
		// Every mistake of a list, one a line.
		`[{"action":{"status":99}},{"wen":1,"action":{"status":500}}]`: "faults[0].action.status: 99 is below the minimum; want an HTTP error status from 300 to 599\nbody:1:28: faults[1]: unknown key \"wen\"",
	} {
		resp, out := m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(body), "Content-Type", "application/json"))
		var e adminErrorBody
		mustUnmarshal(t, out, &e)
		if resp.StatusCode != 400 || !strings.Contains(e.Error, want) {
			t.Errorf("%q: %d %s, want an error naming %q", body, resp.StatusCode, out, want)
		}
	}
	if n := len(list()); n != 3 {
		t.Errorf("%d rules after bad posts, want 3", n)
	}
	if resp, _ := m.call(t, m.request(t, "DELETE", "/__mock/faults/slow-list", nil)); resp.StatusCode != 204 {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	if resp, _ := m.call(t, m.request(t, "DELETE", "/__mock/faults/slow-list", nil)); resp.StatusCode != 404 {
		t.Errorf("delete twice: %d", resp.StatusCode)
	}
	if resp, _ := m.call(t, m.request(t, "DELETE", "/__mock/faults", nil)); resp.StatusCode != 204 || len(list()) != 0 {
		t.Errorf("clear: %d", resp.StatusCode)
	}
	if resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil)); resp.StatusCode != 200 {
		t.Errorf("after clear: %d", resp.StatusCode)
	}
	m.call(t, m.request(t, "POST", "/__mock/reset", nil))
	if r := list(); len(r) != 1 || r[0].ID != "boot" {
		t.Errorf("reset brings back the start rules: %+v", r)
	}
	if resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil)); resp.StatusCode != 500 {
		t.Errorf("start rule after reset: %d", resp.StatusCode)
	}
}

// TestTrafficDuringAdminChanges runs vendor traffic while rules come and
// go; under -race it proves the engine and the journal are safe.
func TestTrafficDuringAdminChanges(t *testing.T) {
	m := start(t, func(c *Config) { c.JournalSize = 50 })
	reqs := m.vendorRequests(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 30; i++ {
			id := m.addRule(t, `{"match":{"vendor":"appgate"},"when":{"probability":0.5},"action":{"status":500}}`)
			m.call(t, m.request(t, "GET", "/__mock/requests", nil))
			m.call(t, m.request(t, "DELETE", "/__mock/faults/"+id, nil))
		}
	}()
	for i := 0; i < 60; i++ {
		for _, route := range []string{"version", "session-info", "remotesession"} {
			req := reqs[route]()
			resp, err := m.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			spectest.Check(t, vendorOf(req.URL.Path), req, resp, body)
		}
	}
	<-done
}
