package fault

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

const aliceDN = "CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=alice,OU=local"

func prob(p float64) *float64 { return &p }

func TestRuleValidate(t *testing.T) {
	t.Parallel()
	ok := Action{Status: 500}
	tests := []struct {
		name    string
		r       Rule
		wantErr string
	}{
		{"status only", Rule{Action: ok}, ""},
		{"everything", Rule{ID: "slow-list.v2_x", Name: "any text, even spaces",
			Match:  Match{Vendor: "Appgate", Route: "Session-Info", Method: "get", Path: "/admin/*", DN: aliceDN, Client: "admin", Headers: map[string]string{"x-test": "*"}},
			When:   When{Probability: prob(0.5), Every: 2, First: 10, After: 3},
			Action: Action{Latency: Fixed(time.Second), Bandwidth: 100}}, ""},
		{"route implies vendor", Rule{Match: Match{Route: "token"}, Action: ok}, ""},
		{"gateway-timeout with message and hold", Rule{Action: Action{Fault: GatewayTimeout, Message: "upstream gone", Hold: Duration(time.Second)}}, ""},
		{"probability 0 and 1", Rule{When: When{Probability: prob(0)}, Action: ok}, ""},

		{"id with space", Rule{ID: "a b", Action: ok}, `id: "a b" may hold only letters, digits, '.', '_' and '-'`},
		{"id too long", Rule{ID: strings.Repeat("x", 65), Action: ok}, `id: "` + strings.Repeat("x", 65) + `" is longer than 64 characters`},
		{"id reserved", Rule{ID: "Prefer", Action: ok}, `id: "Prefer" is reserved for per-request preferences`},
		{"unknown vendor", Rule{Match: Match{Vendor: "okta"}, Action: ok}, `match: vendor "okta" is unknown (want segura or appgate)`},
		{"route of other vendor", Rule{Match: Match{Vendor: "segura", Route: "login"}, Action: ok}, `match: route "login" is a route of appgate, not of segura (want token, remotesessions, remotesession or drop)`},
		{"unknown route for vendor", Rule{Match: Match{Vendor: "appgate", Route: "sessions"}, Action: ok}, `match: route "sessions" is not a route of appgate (want version, login, session-info, active-sessions, active-sessions-dashboard, authentication, authorization, otp-initialize, otp, logout or identity-providers)`},
		{"unknown route", Rule{Match: Match{Route: "sessions"}, Action: ok}, `match: route "sessions" is unknown (want token, remotesessions, remotesession, drop, version, login, session-info, active-sessions, active-sessions-dashboard, authentication, authorization, otp-initialize, otp, logout or identity-providers)`},
		{"bad method", Rule{Match: Match{Method: "GE T"}, Action: ok}, `match: method "GE T" is not an HTTP method`},
		{"relative path", Rule{Match: Match{Path: "api/*"}, Action: ok}, `match: path "api/*" must start with / or *`},
		{"bad dn", Rule{Match: Match{DN: "CN=xyz,CN=a,OU=b"}, Action: ok}, `match: dn "CN=xyz,CN=a,OU=b": device id "xyz" is not 32 hex digits or a dashed UUID`},
		{"dn for segura", Rule{Match: Match{Vendor: "segura", DN: aliceDN}, Action: ok}, "match: dn applies only to appgate requests, not segura ones"},
		{"dn for login", Rule{Match: Match{Route: "login", DN: aliceDN}, Action: ok}, "match: dn applies only to the session-info route, not login"},
		{"bad header name", Rule{Match: Match{Headers: map[string]string{"X Test": "1"}}, Action: ok}, `match: headers name "X Test" is not a valid header name`},
		{"same header twice", Rule{Match: Match{Headers: map[string]string{"x-a": "1", "X-A": "2"}}, Action: ok}, `match: headers names "X-A" and "x-a" are the same header`},
		{"probability above 1", Rule{When: When{Probability: prob(1.5)}, Action: ok}, "when: probability 1.5 is not between 0 and 1"},
		{"probability negative", Rule{When: When{Probability: prob(-0.1)}, Action: ok}, "when: probability -0.1 is not between 0 and 1"},
		{"negative every", Rule{When: When{Every: -2}, Action: ok}, "when: every -2 is negative"},
		{"negative first", Rule{When: When{First: -1}, Action: ok}, "when: first -1 is negative"},
		{"negative after", Rule{When: When{After: -1}, Action: ok}, "when: after -1 is negative"},
		{"first and after never", Rule{When: When{First: 3, After: 3}, Action: ok}, "when: first 3 and after 3 never both hold (after must be below first)"},
		{"status 99", Rule{Action: Action{Status: 99}}, "action: status 99 is not an HTTP status"},
		{"status 600", Rule{Action: Action{Status: 600}}, "action: status 600 is not an HTTP status"},
		{"status 200", Rule{Action: Action{Status: 200}}, "action: status 200 is not an error status (use 300-599)"},
		{"unknown fault", Rule{Action: Action{Fault: "melt"}}, `action: fault "melt" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"status and fault", Rule{Action: Action{Status: 500, Fault: Reset}}, "action: status 500 and fault reset exclude each other: give one"},
		{"message alone", Rule{Action: Action{Message: "x", Latency: Fixed(ms)}}, "action: message needs a status or the gateway-timeout fault"},
		{"negative bandwidth", Rule{Action: Action{Bandwidth: -1, Status: 500}}, "action: bandwidth -1 is negative"},
		{"negative hold", Rule{Action: Action{Fault: Timeout, Hold: -1}}, "action: hold -1ns is negative"},
		{"long hold", Rule{Action: Action{Fault: Timeout, Hold: Duration(2 * time.Hour)}}, "action: hold 2h0m0s is above the 1h0m0s limit"},
		{"hold without lasting fault", Rule{Action: Action{Fault: Reset, Hold: Duration(time.Second)}}, "action: hold applies only to the timeout, gateway-timeout and slow faults"},
		{"does nothing", Rule{Match: Match{Vendor: "segura"}}, "action: does nothing: give a status, fault, latency or bandwidth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if errText(err) != tt.wantErr {
				t.Fatalf("Validate() = %v, want %q", err, tt.wantErr)
			}
			if err != nil {
				if _, ok := err.(*RuleError); !ok {
					t.Errorf("error is %T, want *RuleError", err)
				}
			}
		})
	}
}

func TestRuleNormalized(t *testing.T) {
	r := Rule{
		Match: Match{Vendor: " AppGate ", Route: "SESSION-INFO", Method: "get",
			DN:      "cn=4C07BC67-57EA-42DD-B702-C2D6C45419FC, cn=alice, ou=local",
			Headers: map[string]string{"x-test": "*"}},
		When:   When{Probability: prob(0.25)},
		Action: Action{Fault: "Timeout"},
	}
	got := r.normalized()
	want := Match{Vendor: "appgate", Route: "session-info", Method: "GET", DN: aliceDN, Headers: map[string]string{"X-Test": "*"}}
	if !reflect.DeepEqual(got.Match, want) {
		t.Errorf("match = %+v, want %+v", got.Match, want)
	}
	if got.Action.Fault != Timeout {
		t.Errorf("fault = %q", got.Action.Fault)
	}
	*got.When.Probability = 0.9
	got.Match.Headers["X-Other"] = "1"
	if *r.When.Probability != 0.25 || len(r.Match.Headers) != 1 {
		t.Error("normalized shares the probability or headers with the original")
	}
}

func TestRuleJSON(t *testing.T) {
	in := `{"id":"x","name":"n","match":{"vendor":"segura","headers":{"X-A":"1"}},` +
		`"when":{"probability":0.5,"every":2},"action":{"fault":"slow","latency":"20ms-200ms","bandwidth":10,"hold":"3s"}}`
	var r Rule
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if r.Action.Latency != Uniform(20*ms, 200*ms) || r.Action.Hold != Duration(3*time.Second) || *r.When.Probability != 0.5 {
		t.Errorf("decoded %+v", r)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("Marshal =\n%s\nwant\n%s", out, in)
	}
	min, _ := json.Marshal(Rule{ID: "r1", Action: Action{Status: 503}})
	if want := `{"id":"r1","match":{},"when":{},"action":{"status":503}}`; string(min) != want {
		t.Errorf("Marshal minimal = %s, want %s", min, want)
	}
}

func TestRoutes(t *testing.T) {
	if got := Routes(VendorSegura); !reflect.DeepEqual(got, []string{"token", "remotesessions", "remotesession", "drop"}) {
		t.Errorf("segura routes = %q", got)
	}
	if got := Routes(VendorAppgate); !reflect.DeepEqual(got, []string{"version", "login", "session-info", "active-sessions", "active-sessions-dashboard",
		"authentication", "authorization", "otp-initialize", "otp", "logout", "identity-providers"}) {
		t.Errorf("appgate routes = %q", got)
	}
	if Routes("okta") != nil {
		t.Error("unknown vendor has routes")
	}
}
