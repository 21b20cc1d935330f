package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// target is what the requests of the mix need to know of the mock.
type target struct {
	base         string
	seguraToken  string
	appgateToken string
	ids          []string // Segura session ids
	dns          []string // Appgate DNs
}

// kind is one sort of request in the mix and what its answer must be.
type kind struct {
	name   string
	admin  bool
	weight int // entries in one turn of the mix
	// build makes the kind's n-th request: n counts the kind's own
	// requests, so that the i-th rule added in a turn and the i-th one
	// removed in it have the same n.
	build func(t *target, n int) (*http.Request, error)
	check func(a answer) error
}

// answer is what a request got: a status and a whole body, or an error
// from the transport or while reading the body.
type answer struct {
	status int
	body   []byte
	err    error
}

const (
	peerAccept  = "application/vnd.appgate.peer-v23+json"
	tokenForm   = "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"
	loginBody   = `{"providerName":"local","username":"admin","password":"admin","deviceId":"00000000-0000-4000-8000-000000000001"}`
	ruleHeader  = "X-Soak-Rule"
	ruleRequest = "on"
)

// mix is one turn of requests, 1,540 of them: the admin API gets about
// one in thirteen, and the journal is cleared or the mock reset once a
// turn, so that the journal fills up in between.
func mix() []kind {
	get := func(path string, header ...string) func(*target, int) (*http.Request, error) {
		return func(t *target, _ int) (*http.Request, error) { return newRequest("GET", t.base+path, "", header...) }
	}
	list := segura.RemoteSessionsRoute.Path()
	sessionInfo := func(t *target, n int) string { return t.base + appgate.SessionInfoRoute.Path(t.dns[n%len(t.dns)]) }
	return []kind{
		{name: "segura token", weight: 80, check: jsonStatus(200),
			build: func(t *target, _ int) (*http.Request, error) {
				return newRequest("POST", t.base+segura.PathToken, tokenForm, "Content-Type", "application/x-www-form-urlencoded")
			}},
		{name: "segura list", weight: 160, check: jsonStatus(200),
			build: func(t *target, _ int) (*http.Request, error) {
				return newRequest("GET", t.base+list, "", "Authorization", "Bearer "+t.seguraToken)
			}},
		{name: "segura one session", weight: 160, check: jsonStatus(200),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", t.base+segura.RemoteSessionRoute.Path(t.ids[n%len(t.ids)]), "", "Authorization", "Bearer "+t.seguraToken)
			}},
		{name: "segura unknown session", weight: 40, check: jsonStatus(400),
			build: func(t *target, _ int) (*http.Request, error) {
				return newRequest("GET", t.base+segura.RemoteSessionRoute.Path("987654321"), "", "Authorization", "Bearer "+t.seguraToken)
			}},
		{name: "segura without a token", weight: 40, check: jsonStatus(404), build: get(list)},
		{name: "segura forged token", weight: 40, check: jsonStatus(401), build: get(list, "Authorization", "Bearer forged.token.x")},
		{name: "segura secrets in the query", weight: 40, check: jsonStatus(200),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", fmt.Sprintf("%s%s?client_secret=s%d&access_token=t%d", t.base, list, n, n), "",
					"Authorization", "Bearer "+t.seguraToken, "X-Api-Key", "k")
			}},
		{name: "appgate version", weight: 120, check: jsonStatus(200), build: get(appgate.PathVersion, "Accept", "application/json")},
		{name: "appgate login", weight: 80, check: jsonStatus(200),
			build: func(t *target, _ int) (*http.Request, error) {
				return newRequest("POST", t.base+appgate.PathLogin, loginBody, "Accept", peerAccept, "Content-Type", "application/json")
			}},
		{name: "appgate session-info", weight: 240, check: jsonStatus(200),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", sessionInfo(t, n), "", "Accept", peerAccept, "Authorization", "Bearer "+t.appgateToken)
			}},
		{name: "appgate unknown DN", weight: 40, check: jsonStatus(404),
			build: func(t *target, _ int) (*http.Request, error) {
				return newRequest("GET", t.base+appgate.SessionInfoRoute.Path("CN=00000000000000000000000000000000,CN=nobody,OU=local"), "",
					"Accept", peerAccept, "Authorization", "Bearer "+t.appgateToken)
			}},
		{name: "appgate old peer version", weight: 40, check: jsonStatus(406),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", sessionInfo(t, n), "", "Accept", appgate.PeerMediaType(5), "Authorization", "Bearer "+t.appgateToken)
			}},
		{name: "appgate without a token", weight: 40, check: jsonStatus(401),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", sessionInfo(t, n), "", "Accept", peerAccept)
			}},
		{name: "Prefer: code=503", weight: 40, check: jsonStatus(503),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", sessionInfo(t, n), "", "Accept", peerAccept, "Authorization", "Bearer "+t.appgateToken, "Prefer", "code=503")
			}},
		{name: "?__code=500", weight: 40, check: jsonStatus(500), build: get(appgate.PathVersion + "?__code=500")},
		{name: "Prefer: delay=1ms", weight: 40, check: jsonStatus(200), build: get(appgate.PathVersion, "Prefer", "delay=1ms")},
		{name: "fault=malformed", weight: 20, check: cutShort, build: get(appgate.PathVersion, "Prefer", "fault=malformed")},
		{name: "fault=empty", weight: 20, check: dropped, build: get(appgate.PathVersion, "Prefer", "fault=empty")},
		{name: "fault=reset", weight: 20, check: dropped, build: get(appgate.PathVersion, "Prefer", "fault=reset")},
		{name: "unknown path", weight: 40, check: jsonStatus(404), build: get("/api/nothing/here")},
		{name: "target of the churned rules", weight: 80, check: jsonStatus(200, 503),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("GET", sessionInfo(t, n), "", "Accept", peerAccept, "Authorization", "Bearer "+t.appgateToken,
					ruleHeader, ruleRequest)
			}},

		// Admin churn. Each turn of the cycle adds a rule of its own and
		// removes it again; a reset or a clear in between (from another
		// worker) may have removed it first.
		{name: "admin: add a rule", admin: true, weight: 20, check: jsonStatus(201),
			build: func(t *target, n int) (*http.Request, error) {
				rule := fmt.Sprintf(`{"id":"soak-%d","match":{"headers":{%q:%q}},"when":{"every":2},"action":{"status":503}}`,
					n, ruleHeader, ruleRequest)
				return newRequest("POST", t.base+mockapi.PathFaults, rule, "Content-Type", "application/json")
			}},
		{name: "admin: remove a rule", admin: true, weight: 20, check: emptyStatus(204, 404),
			build: func(t *target, n int) (*http.Request, error) {
				return newRequest("DELETE", fmt.Sprintf("%s%s/soak-%d", t.base, mockapi.PathFaults, n), "")
			}},
		{name: "admin: list the rules", admin: true, weight: 20, check: jsonStatus(200), build: get(mockapi.PathFaults)},
		{name: "admin: read the journal", admin: true, weight: 40, check: jsonStatus(200), build: get(mockapi.PathRequests + "?limit=100")},
		{name: "admin: clear the journal, or reset", admin: true, weight: 1, check: emptyStatus(200, 204),
			build: func(t *target, n int) (*http.Request, error) {
				if n%2 == 0 {
					return newRequest("DELETE", t.base+mockapi.PathRequests, "")
				}
				return newRequest("POST", t.base+mockapi.PathReset, "")
			}},
		{name: "admin: config", admin: true, weight: 10, check: jsonStatus(200), build: get(mockapi.PathConfig)},
		{name: "admin: a page of sessions", admin: true, weight: 10, check: jsonStatus(200), build: get(mockapi.PathSessions + "?limit=10")},
	}
}

// slot is one request of a turn: its kind, and how many of that kind
// came before it in the turn.
type slot struct{ kind, occurrence int }

// cycle spreads the kinds over one turn, each as often as its weight and
// as evenly as they go.
func cycle(kinds []kind) []slot {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	out := make([]slot, 0, total)
	for occ := 0; len(out) < total; occ++ {
		for i, k := range kinds {
			if occ < k.weight {
				out = append(out, slot{i, occ})
			}
		}
	}
	return out
}

func newRequest(method, url, body string, header ...string) (*http.Request, error) {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req, nil
}

// jsonStatus wants one of the statuses and a whole JSON body.
func jsonStatus(want ...int) func(answer) error { return statusCheck(false, want) }

// emptyStatus wants one of the statuses, of answers without a body or
// with a JSON one (a 404 explains itself).
func emptyStatus(want ...int) func(answer) error { return statusCheck(true, want) }

func statusCheck(mayBeEmpty bool, want []int) func(answer) error {
	return func(a answer) error {
		switch {
		case a.err != nil:
			return a.err
		case !slices.Contains(want, a.status):
			return fmt.Errorf("status %d, want %v: %.200s", a.status, want, a.body)
		case mayBeEmpty && len(a.body) == 0:
		case !json.Valid(a.body):
			return fmt.Errorf("status %d with a body that is not JSON: %.200q", a.status, a.body)
		}
		return nil
	}
}

// dropped wants the connection closed without an answer.
func dropped(a answer) error {
	if a.err == nil {
		return fmt.Errorf("answered %d, want the connection dropped", a.status)
	}
	return nil
}

// cutShort wants a 200 whose JSON body ends early.
func cutShort(a answer) error {
	switch {
	case a.err != nil:
		return a.err
	case a.status != 200 || json.Valid(a.body):
		return fmt.Errorf("status %d, body %.200q: want a 200 cut short", a.status, a.body)
	}
	return nil
}
