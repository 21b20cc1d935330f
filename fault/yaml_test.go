package fault

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

const configExample = `# a config file with other settings around the faults
seed: 7
faults:
  - id: slow-list
    name: the list is slow
    match: {vendor: segura, route: remotesessions}
    action: {latency: "lognormal(800ms,0.6)", bandwidth: 65536}
  - match:
      vendor: appgate
      dn: "cn=4C07BC67-57EA-42DD-B702-C2D6C45419FC, cn=alice, ou=local"
      headers: {X-Test: "*", x-run: 42}
    when: {every: 3, after: 1}
    action: {status: 503, message: down for maintenance}
  - match: {route: token, method: post, path: /iso/*, client: sessionmock}
    when:
      probability: 0.1
      first: 100
    action:
      fault: gateway-timeout
      hold: 1500
      latency: 20-200
  - action: {fault: slow, hold: 3s}
    when:
addr: 127.0.0.1:0
`

func TestParseRulesConfig(t *testing.T) {
	got, err := ParseRules("sessionmock.yaml", []byte(configExample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Rule{
		{ID: "slow-list", Name: "the list is slow", Match: Match{Vendor: "segura", Route: "remotesessions"},
			Action: Action{Latency: LogNormal(800*ms, 0.6), Bandwidth: 65536}},
		{Match: Match{Vendor: "appgate", DN: "cn=4C07BC67-57EA-42DD-B702-C2D6C45419FC, cn=alice, ou=local",
			Headers: map[string]string{"X-Test": "*", "x-run": "42"}},
			When:   When{Every: 3, After: 1},
			Action: Action{Status: 503, Message: "down for maintenance"}},
		{Match: Match{Route: "token", Method: "post", Path: "/iso/*", Client: "sessionmock"},
			When:   When{Probability: prob(0.1), First: 100},
			Action: Action{Fault: GatewayTimeout, Hold: Duration(1500 * ms), Latency: Uniform(20*ms, 200*ms)}},
		{Action: Action{Fault: Slow, Hold: Duration(3 * time.Second)}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// The rules work in an engine as they are.
	e, err := NewEngine(1, got...)
	if err != nil {
		t.Fatal(err)
	}
	if ids := e.Rules(); ids[1].ID != "r1" || ids[1].Match.DN != aliceDN {
		t.Errorf("stored %+v", ids[1])
	}
}

func TestParseRulesForms(t *testing.T) {
	list := "- action: {status: 500}\n"
	tests := []struct {
		name  string
		in    string
		count int
	}{
		{"empty", "", 0},
		{"comments only", "# nothing\n", 0},
		{"null", "~\n", 0},
		{"list", list, 1},
		{"json list", `[{"match":{"vendor":"segura"},"action":{"status":500,"latency":"10ms"}},{"action":{"fault":"reset"}}]`, 2},
		{"config without faults", "seed: 3\naddr: x\n", 0},
		{"config with empty faults", "faults:\n", 0},
		{"aliases", "- id: a\n  match: &m {route: login}\n  action: {status: 401}\n- {match: *m, action: {status: 502}}\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRules("f", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.count {
				t.Errorf("%d rules, want %d", len(got), tt.count)
			}
		})
	}
}

func TestParseRulesErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"probability", "faults:\n  - action: {status: 500}\n  - action: {status: 500}\n  - when: {probability: 1.5}\n    action: {status: 500}\n",
			`c.yaml:4:25: faults[2].when.probability: 1.5 is above the maximum; want a number from 0 to 1`},
		{"probability text", "- when: {probability: often}\n  action: {status: 500}\n",
			`c.yaml:1:23: faults[0].when.probability: "often" is not a number; want a number from 0 to 1`},
		{"status", "- action:\n    status: 99\n", `c.yaml:2:13: faults[0].action.status: 99 is below the minimum; want an HTTP error status from 300 to 599`},
		{"status quoted", "- action:\n    status: \"500\"\n", `c.yaml:2:13: faults[0].action.status: the string "500" is not a whole number; want an HTTP error status from 300 to 599`},
		{"status and fault", "- action:\n    status: 500\n    fault: reset\n", "c.yaml:2:5: faults[0].action: status 500 and fault reset exclude each other: give one"},
		{"does nothing", "- match: {vendor: segura}\n", `c.yaml:1:3: faults[0]: missing required key "action"`},
		{"does nothing with empty action", "- match: {vendor: segura}\n  action:\n", "c.yaml:2:10: faults[0].action: does nothing: give a status, fault, latency or bandwidth"},
		{"vendor", "- match: {vendor: okta}\n  action: {status: 500}\n", `c.yaml:1:19: faults[0].match.vendor: "okta" is unknown (want segura or appgate)`},
		{"route", "- match: {vendor: segura, route: login}\n  action: {status: 500}\n",
			`c.yaml:1:34: faults[0].match.route: "login" is a route of appgate, not of segura (want token, remotesessions, remotesession or drop)`},
		{"dn", "- match:\n    dn: CN=1,CN=a,OU=b\n  action: {status: 500}\n",
			`c.yaml:2:9: faults[0].match.dn: "CN=1,CN=a,OU=b": device id "1" is not 32 hex digits or a dashed UUID`},
		{"header value null", "- match: {headers: {X-A: }}\n  action: {status: 500}\n",
			`c.yaml:1:26: faults[0].match.headers.X-A: null is not a string; want the header's value, or "*" for any`},
		{"header name", "- match: {headers: {\"X A\": \"*\"}}\n  action: {status: 500}\n",
			`c.yaml:1:20: faults[0].match.headers: name "X A" is not a valid header name`},
		{"unknown key", "- action: {status: 500}\n  wen: {every: 2}\n",
			`c.yaml:2:3: faults[0]: unknown key "wen" (did you mean "when"?); want one of id, name, match, when, action, disabled`},
		{"unknown action key", "- action: {status: 500, delay: 2s}\n",
			`c.yaml:1:25: faults[0].action: unknown key "delay"; want one of status, message, fault, latency, bandwidth, hold`},
		{"duplicate key", "- action: {status: 500}\n  action: {status: 502}\n", `c.yaml:2:3: faults[0]: duplicate key "action"; each key may appear only once (first at line 1)`},
		{"duplicate id", "- {id: a, action: {status: 500}}\n- {id: b, action: {status: 500}}\n- {id: a, action: {status: 502}}\n",
			`c.yaml:3:8: faults[2].id: duplicate id "a"; each id may appear only once (first at line 1)`},
		{"bad id", "- {id: \"a/b\", action: {status: 500}}\n", `c.yaml:1:8: faults[0].id: "a/b" may hold only letters, digits, '.', '_' and '-'`},
		{"latency", "- action: {latency: 200ms-20ms}\n", "c.yaml:1:21: faults[0].action.latency: lower bound 200ms is above upper bound 20ms"},
		{"latency list", "- action: {latency: [1, 2]}\n", "c.yaml:1:21: faults[0].action.latency: a list is not a latency; want a latency such as 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)"},
		{"fault", "- action: {fault: melt}\n", `c.yaml:1:19: faults[0].action.fault: "melt" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"hold", "- action: {fault: timeout, hold: forever}\n", `c.yaml:1:34: faults[0].action.hold: "forever" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
		{"hold without fault", "- action: {status: 500, hold: 1s}\n", "c.yaml:1:31: faults[0].action.hold: applies only to the timeout, gateway-timeout and slow faults"},
		{"every", "- when: {every: -3}\n  action: {status: 500}\n", `c.yaml:1:17: faults[0].when.every: -3 is below the minimum; want a whole number from 0 to 2147483647`},
		{"every huge", "- when: {every: 99999999999}\n  action: {status: 500}\n", `c.yaml:1:17: faults[0].when.every: 99999999999 is above the maximum; want a whole number from 0 to 2147483647`},
		{"first after", "- when: {first: 2, after: 2}\n  action: {status: 500}\n", "c.yaml:1:9: faults[0].when: first 2 and after 2 never both hold (after must be below first)"},
		{"bandwidth float", "- action: {bandwidth: 1.5}\n", `c.yaml:1:23: faults[0].action.bandwidth: "1.5" is not a whole number; want a whole number from 0 to 9223372036854775807`},
		{"rule not mapping", "- just text\n", `c.yaml:1:3: faults[0]: "just text" is not a mapping; want a mapping`},
		{"faults not list", "faults: {action: {status: 500}}\n", "c.yaml:1:9: faults: a mapping is not a list of fault rules; want a list of fault rules"},
		{"top-level scalar", "hello\n", `c.yaml:1:1: "hello" is not a list of fault rules; want a list of fault rules`},
		{"single rule", "match: {vendor: segura}\naction: {status: 500}\n", `c.yaml:1:1: a single rule is not a list of fault rules; want a list of fault rules (start it with "- ")`},
		{"merge key", "- <<: {action: {status: 500}}\n", "c.yaml:1:3: faults[0]: merge keys (<<) are not supported; write the keys out"},
		{"syntax", "- id: a\n  match:\n    vendor: segura\n   bad: 1\n", "c.yaml:4: did not find expected key"},
		{"syntax without line", "- a: b: c\n", "c.yaml:1: mapping values are not allowed in this context"},
		{"alias before anchor", "- {match: *m, action: {status: 502}}\n- id: x\n  match: &m {route: login}\n  action: {status: 401}\n",
			"c.yaml:1: unknown anchor 'm' referenced"},
		{"two documents", "- action: {status: 500}\n---\n- action: {status: 500}\n", "c.yaml:2:1: only one YAML document is allowed"},
		{"flow comma in latency", "- action: {latency: normal(1s,2s)}\n",
			`c.yaml:1:21: faults[0].action.latency: missing closing parenthesis (in a {...} mapping, quote the value: "lognormal(100ms,0.5)")` + "\n" +
				`c.yaml:1:31: faults[0].action: unknown key "2s)"; want one of status, message, fault, latency, bandwidth, hold`},
		{"syntax at the end", "faults:\n  - id: a\n    action: [\n", "c.yaml:3: did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRules("c.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is %T, want *ParseError", err)
			}
			if strings.HasPrefix(tt.want, "c.yaml") && err.Error() != tt.want || !strings.HasSuffix(err.Error(), tt.want) {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestParseRulesEveryMistake: a file with several mistakes reports each of
// them where it is, in document order, and leaves rules out of a
// validation that their own mistakes would make meaningless.
func TestParseRulesEveryMistake(t *testing.T) {
	in := `faults:
  - id: a
    wen: {every: 2}
    action: {status: 500}
  - id: b
    match: {vendor: segura, route: [token]}
    when: {probability: 1.5, every: -1}
    action: {status: "500", hold: forever}
  - id: a
    action: {fault: reset}
  - name: [x]
    acton: {status: 503}
  - action: {status: 500}
    action: {status: 502}
  - match: {vendor: okta}
    action: {status: 500}
`
	want := strings.Join([]string{
		`c.yaml:3:5: faults[0]: unknown key "wen" (did you mean "when"?); want one of id, name, match, when, action, disabled`,
		`c.yaml:6:36: faults[1].match.route: a list is not a string; want a string`,
		`c.yaml:7:25: faults[1].when.probability: 1.5 is above the maximum; want a number from 0 to 1`,
		`c.yaml:7:37: faults[1].when.every: -1 is below the minimum; want a whole number from 0 to 2147483647`,
		`c.yaml:8:22: faults[1].action.status: the string "500" is not a whole number; want an HTTP error status from 300 to 599`,
		`c.yaml:8:35: faults[1].action.hold: "forever" is not a duration (such as 2s or 500ms) or a number of milliseconds`,
		`c.yaml:9:9: faults[2].id: duplicate id "a"; each id may appear only once (first at line 2)`,
		`c.yaml:11:11: faults[3].name: a list is not a string; want a string`,
		`c.yaml:12:5: faults[3]: unknown key "acton" (did you mean "action"?); want one of id, name, match, when, action, disabled`,
		`c.yaml:14:5: faults[4]: duplicate key "action"; each key may appear only once (first at line 13)`,
		`c.yaml:15:21: faults[5].match.vendor: "okta" is unknown (want segura or appgate)`,
	}, "\n")
	_, err := ParseRules("c.yaml", []byte(in))
	if err == nil || err.Error() != want {
		t.Fatalf("error\n%v\nwant\n%s", err, want)
	}
	var first *ParseError
	if !errors.As(err, &first) || first.Line != 3 || first.Column != 5 || first.Path != "faults[0]" {
		t.Errorf("errors.As: %+v", first)
	}
}

func TestParseRule(t *testing.T) {
	r, err := ParseRule("body", []byte(`{"id":"x","match":{"route":"login"},"when":{"every":2},"action":{"status":401,"latency":50}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Rule{ID: "x", Match: Match{Route: "login"}, When: When{Every: 2}, Action: Action{Status: 401, Latency: Fixed(50 * ms)}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %+v, want %+v", r, want)
	}
	tests := []struct {
		in, want string
	}{
		{`{"when":{"probability":2},"action":{"status":500}}`, `body:1:24: when.probability: 2 is above the maximum; want a number from 0 to 1`},
		{``, "body:1: empty; want a fault rule"},
		{`[]`, "body:1:1: a list is not a mapping; want a mapping"},
		{`{"action":`, "body:1: did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if _, err := ParseRule("body", []byte(tt.in)); errText(err) != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRulesFromNode(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("seed: 1\nfaults:\n  - when: {every: 0.5}\n    action: {status: 500}\n"), &doc); err != nil {
		t.Fatal(err)
	}
	faults := doc.Content[0].Content[3]
	_, err := RulesFromNode("cfg.yaml", faults)
	if want := `cfg.yaml:3:19: faults[0].when.every: "0.5" is not a whole number; want a whole number from 0 to 2147483647`; errText(err) != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if rs, err := RulesFromNode("cfg.yaml", nil); rs != nil || err != nil {
		t.Errorf("nil node: %v, %v", rs, err)
	}
}

var positionPrefix = regexp.MustCompile(`^[^:]*:(\d+(:\d+)?: )?`)

func FuzzParseRules(f *testing.F) {
	f.Add([]byte(configExample))
	f.Add([]byte("- action: {status: 500}\n"))
	f.Add([]byte(`[{"when":{"probability":0.5},"action":{"fault":"slow","hold":"2s"}}]`))
	f.Add([]byte("- &a [*a]\n"))
	f.Add([]byte("faults: [{match: {headers: {a: [b]}}}]"))
	f.Add([]byte("- action: {latency: normal(1s,2s), bandwidth: 0x10}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := ParseRules("f.yaml", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "f.yaml") || pe.Msg == "" {
				t.Fatalf("imprecise error %T %q", err, err)
			}
			if !positionPrefix.MatchString(err.Error()) {
				t.Fatalf("error %q has no position", err)
			}
			return
		}
		for i, r := range rules {
			if err := r.Validate(); err != nil {
				t.Fatalf("rule %d accepted but invalid: %v", i, err)
			}
		}
		if _, err := NewEngine(1, rules...); err != nil {
			t.Fatalf("accepted rules rejected by the engine: %v", err)
		}
	})
}

func TestRulesYAMLRoundTrip(t *testing.T) {
	rules, err := ParseRules("in.yaml", []byte(configExample))
	if err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(rules)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseRules("out.yaml", out)
	if err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if !reflect.DeepEqual(back, rules) {
		t.Errorf("round trip through\n%s\ngave %+v\nwant %+v", out, back, rules)
	}
	if !strings.Contains(string(out), "latency: lognormal(800ms,0.6)") || strings.Contains(string(out), "hold: 0s") {
		t.Errorf("unexpected YAML:\n%s", out)
	}
}

func FuzzParseRule(f *testing.F) {
	f.Add([]byte(`{"id":"x","match":{"route":"login"},"when":{"every":2},"action":{"status":401,"latency":50}}`))
	f.Add([]byte(`{"when":{"probability":2},"action":{"status":"500"},"nonsense":1}`))
	f.Add([]byte("action: {fault: slow, hold: 2s}\nmatch: {headers: {X-A: '*'}}\n"))
	f.Add([]byte(`{"action":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRule("body", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "body" || pe.Line < 1 || pe.Msg == "" {
				t.Fatalf("imprecise error %T %q", err, err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("rule accepted but invalid: %v", err)
		}
	})
}
