package fault

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"
)

func seguraList() Request {
	return Request{Vendor: VendorSegura, Route: RouteRemoteSessions, Method: "GET", Path: "/api/session/remotesessions", Client: "sessionmock"}
}

func appgateInfo() Request {
	return Request{Vendor: VendorAppgate, Route: RouteSessionInfo, Method: "GET", Path: "/admin/session-info/" + aliceDN, DN: aliceDN, Client: "admin"}
}

func withPrefer(r Request, prefer ...string) Request {
	r.Header = http.Header{"Prefer": prefer}
	return r
}

func withQuery(r Request, raw string) Request {
	r.Query, _ = url.ParseQuery(raw)
	return r
}

func mustEngine(t testing.TB, seed int64, rules ...Rule) *Engine {
	t.Helper()
	e, err := NewEngine(seed, rules...)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustDecide(t testing.TB, e *Engine, r Request) Decision {
	t.Helper()
	d, err := e.Decide(r)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEngineWhenSequences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		when When
		want []int // the sequence numbers, among 1..20, that fire
	}{
		{"always", When{}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}},
		{"every 3", When{Every: 3}, []int{3, 6, 9, 12, 15, 18}},
		{"first 4", When{First: 4}, []int{1, 2, 3, 4}},
		{"after 17", When{After: 17}, []int{18, 19, 20}},
		{"every 2 first 8", When{Every: 2, First: 8}, []int{2, 4, 6, 8}},
		{"every 5 after 5", When{Every: 5, After: 5}, []int{10, 15, 20}},
		{"after 2 first 5", When{After: 2, First: 5}, []int{3, 4, 5}},
		{"probability 1", When{Probability: prob(1)}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}},
		{"probability 0", When{Probability: prob(0)}, nil},
		{"probability 1 every 10", When{Probability: prob(1), Every: 10}, []int{10, 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustEngine(t, 1, Rule{Match: Match{Vendor: "segura"}, When: tt.when, Action: Action{Status: 503}})
			var got []int
			for n := 1; n <= 20; n++ {
				// Requests the rule does not match must not count.
				if d := mustDecide(t, e, appgateInfo()); !d.Zero() {
					t.Fatalf("non-matching request got %+v", d)
				}
				if d := mustDecide(t, e, seguraList()); d.Status == 503 {
					got = append(got, n)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fired on %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEngineProbabilityCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		seed      int64
		p         float64
		want      int // exact for this seed: the draws are deterministic
		low, high int // and a sane band around p·N
	}{
		{1, 0.05, 519, 420, 580},
		{2, 0.05, 499, 420, 580},
		{1, 0.5, 4997, 4850, 5150},
		{7, 0.9, 8996, 8920, 9080},
	}
	const n = 10000
	for _, tt := range tests {
		t.Run(fmt.Sprintf("seed %d p %v", tt.seed, tt.p), func(t *testing.T) {
			e := mustEngine(t, tt.seed, Rule{ID: "flaky", When: When{Probability: prob(tt.p)}, Action: Action{Status: 500}})
			count := 0
			for i := 0; i < n; i++ {
				if mustDecide(t, e, seguraList()).Status == 500 {
					count++
				}
			}
			if count < tt.low || count > tt.high {
				t.Errorf("%d of %d fired, want between %d and %d", count, n, tt.low, tt.high)
			}
			if count != tt.want {
				t.Errorf("%d of %d fired, want exactly %d for seed %d", count, n, tt.want, tt.seed)
			}
		})
	}
}

// mixedTraffic is a fixed sequence of requests of both vendors.
func mixedTraffic(n int) []Request {
	out := make([]Request, n)
	for i := range out {
		switch i % 3 {
		case 0:
			out[i] = seguraList()
		case 1:
			out[i] = appgateInfo()
		default:
			out[i] = Request{Vendor: VendorSegura, Route: RouteToken, Method: "POST", Path: "/iso/oauth2/token"}
		}
	}
	return out
}

func deterministicRules() []Rule {
	return []Rule{
		{Action: Action{Latency: LogNormal(100*ms, 0.5)}},
		{Match: Match{Vendor: "segura"}, When: When{Probability: prob(0.3)}, Action: Action{Status: 503, Latency: Uniform(0, 50*ms)}},
		{Match: Match{Route: "session-info"}, When: When{Probability: prob(0.2)}, Action: Action{Fault: Reset, Bandwidth: 1000}},
		{Match: Match{Route: "token"}, When: When{Every: 4}, Action: Action{Latency: Normal(20*ms, 5*ms)}},
	}
}

func decideAll(t *testing.T, seed int64, reqs []Request) []Decision {
	e := mustEngine(t, seed, deterministicRules()...)
	out := make([]Decision, len(reqs))
	for i, r := range reqs {
		out[i] = mustDecide(t, e, r)
	}
	return out
}

func TestEngineDeterminism(t *testing.T) {
	reqs := mixedTraffic(300)
	a, b := decideAll(t, 42, reqs), decideAll(t, 42, reqs)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two engines with the same seed decided differently")
	}
	c := decideAll(t, 43, reqs)
	same := 0
	for i := range a {
		if reflect.DeepEqual(a[i], c[i]) {
			same++
		}
	}
	if same == len(a) {
		t.Fatal("a different seed gave identical decisions")
	}
	// With a log-normal latency on every request, equal decisions for
	// different seeds would be a coincidence.
	if same > len(a)/10 {
		t.Errorf("%d of %d decisions equal across seeds", same, len(a))
	}
}

func TestEngineInterleavingDoesNotShiftDraws(t *testing.T) {
	rule := Rule{ID: "s", Match: Match{Vendor: "segura"}, When: When{Probability: prob(0.5)},
		Action: Action{Status: 500, Latency: Normal(100*ms, 30*ms)}}
	other := Rule{ID: "a", Match: Match{Vendor: "appgate"}, When: When{Probability: prob(0.5)}, Action: Action{Latency: Fixed(ms)}}
	alone := mustEngine(t, 5, rule)
	mixed := mustEngine(t, 5, other, rule)
	for i := 0; i < 200; i++ {
		for k := 0; k < i%4; k++ {
			mustDecide(t, mixed, appgateInfo())
		}
		want := mustDecide(t, alone, seguraList())
		got := mustDecide(t, mixed, seguraList())
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("request %d: %+v with other traffic, %+v without", i, got, want)
		}
	}
}

func TestEngineStatedOrder(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1,
		Rule{ID: "lat", Action: Action{Latency: Fixed(10 * ms), Bandwidth: 1000}},
		Rule{ID: "even", When: When{Every: 2}, Action: Action{Status: 503, Message: "maintenance", Latency: Fixed(5 * ms)}},
		Rule{ID: "reset", Action: Action{Fault: Reset, Latency: Fixed(ms), Bandwidth: 500}},
		Rule{ID: "late", Action: Action{Status: 500, Bandwidth: 2000}},
	)
	tests := []Decision{
		{Delay: 11 * ms, Bandwidth: 500, Fault: Reset, AnsweredBy: "reset", Rules: []string{"lat", "reset", "late"}},
		{Delay: 16 * ms, Bandwidth: 500, Status: 503, Message: "maintenance", AnsweredBy: "even", Rules: []string{"lat", "even", "reset", "late"}},
		{Delay: 11 * ms, Bandwidth: 500, Fault: Reset, AnsweredBy: "reset", Rules: []string{"lat", "reset", "late"}},
	}
	for i, want := range tests {
		t.Run(fmt.Sprint("request ", i+1), func(t *testing.T) {
			if got := mustDecide(t, e, seguraList()); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestEngineHoldDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action Action
		want   time.Duration
	}{
		{Action{Fault: Timeout}, 60 * time.Second},
		{Action{Fault: GatewayTimeout}, 60 * time.Second},
		{Action{Fault: Slow}, 10 * time.Second},
		{Action{Fault: Slow, Hold: Duration(3 * time.Second)}, 3 * time.Second},
		{Action{Fault: Reset}, 0},
		{Action{Status: 500}, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.action), func(t *testing.T) {
			e := mustEngine(t, 1, Rule{Action: tt.action})
			d := mustDecide(t, e, seguraList())
			if d.Hold != tt.want || d.Fault != tt.action.Fault || d.Status != tt.action.Status {
				t.Errorf("got %+v, want hold %v", d, tt.want)
			}
		})
	}
}

func TestEngineBadPreferenceCountsNothing(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1, Rule{When: When{First: 1}, Action: Action{Status: 500}})
	tests := []struct {
		req     Request
		wantErr string
	}{
		{withPrefer(seguraList(), "code=abc"), "Prefer: code=abc: not an HTTP status (100-599)"},
		{withQuery(seguraList(), "__delay=x"), `__delay=x: "x" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
	}
	for _, tt := range tests {
		if _, err := e.Decide(tt.req); errText(err) != tt.wantErr {
			t.Errorf("error = %v, want %q", err, tt.wantErr)
		}
	}
	if d := mustDecide(t, e, seguraList()); d.Status != 500 {
		t.Errorf("the first good request is not n=1: %+v", d)
	}
}

func TestEngineAddRemoveClear(t *testing.T) {
	e := mustEngine(t, 1)
	add := func(r Rule) Rule {
		t.Helper()
		got, err := e.Add(r)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	ids := func() []string {
		var out []string
		for _, r := range e.Rules() {
			out = append(out, r.ID)
		}
		return out
	}
	status := Action{Status: 500}
	if r := add(Rule{Action: status}); r.ID != "r1" {
		t.Errorf("first id %q, want r1", r.ID)
	}
	add(Rule{ID: "r2", Action: status})
	if r := add(Rule{Match: Match{Vendor: "SEGURA", Method: "get"}, Action: status}); r.ID != "r3" || r.Match.Vendor != "segura" || r.Match.Method != "GET" {
		t.Errorf("third rule stored as %+v, want id r3 in canonical form", r)
	}
	if _, err := e.Add(Rule{ID: "r2", Action: status}); errText(err) != `id: "r2" is already used by another rule` {
		t.Errorf("duplicate id: %v", err)
	}
	if _, err := e.Add(Rule{When: When{Every: -1}, Action: status}); errText(err) != "when: every -1 is negative" {
		t.Errorf("invalid rule: %v", err)
	}
	if got := ids(); !reflect.DeepEqual(got, []string{"r1", "r2", "r3"}) {
		t.Errorf("ids %q", got)
	}
	if !e.Remove("r2") || e.Remove("r2") || e.Remove("nope") {
		t.Error("Remove reports wrongly")
	}
	if got := ids(); !reflect.DeepEqual(got, []string{"r1", "r3"}) {
		t.Errorf("after Remove: ids %q", got)
	}
	if r := add(Rule{Action: status}); r.ID != "r4" {
		t.Errorf("id after Remove %q, want r4 (ids are not reused)", r.ID)
	}
	e.Clear()
	if len(e.Rules()) != 0 {
		t.Error("Clear left rules")
	}
	if !mustDecide(t, e, seguraList()).Zero() {
		t.Error("a cleared engine still decides")
	}
	if r := add(Rule{Action: status}); r.ID != "r1" {
		t.Errorf("id after Clear %q, want r1", r.ID)
	}
}

func TestEngineRulesAreCopies(t *testing.T) {
	e := mustEngine(t, 1, Rule{Match: Match{Headers: map[string]string{"X-A": "1"}}, When: When{Probability: prob(1)}, Action: Action{Status: 500}})
	rs := e.Rules()
	rs[0].Match.Headers["X-A"] = "2"
	*rs[0].When.Probability = 0
	rs[0].Action.Status = 404
	r := e.Rules()[0]
	if r.Match.Headers["X-A"] != "1" || *r.When.Probability != 1 || r.Action.Status != 500 {
		t.Errorf("changing a returned rule changed the engine: %+v", r)
	}
}

func TestEngineResetCounters(t *testing.T) {
	e := mustEngine(t, 3,
		Rule{ID: "every2", When: When{Every: 2}, Action: Action{Status: 500}},
		Rule{ID: "p", When: When{Probability: prob(0.5)}, Action: Action{Latency: Uniform(0, time.Second)}},
	)
	run := func() []Decision {
		out := make([]Decision, 10)
		for i := range out {
			out[i] = mustDecide(t, e, seguraList())
		}
		return out
	}
	first := run()
	if first[0].Status != 0 || first[1].Status != 500 {
		t.Fatalf("every 2 did not fire on the second request: %+v", first[:2])
	}
	e.ResetCounters()
	if again := run(); !reflect.DeepEqual(again, first) {
		t.Errorf("after ResetCounters the sequence differs:\n%+v\n%+v", again, first)
	}
	// Removing a rule and adding it back with the same id replays it too.
	e.ResetCounters()
	rules := e.Rules()
	e.Remove("p")
	if _, err := e.Add(rules[1]); err != nil {
		t.Fatal(err)
	}
	if again := run(); !reflect.DeepEqual(again, first) {
		t.Errorf("after re-adding the sequence differs")
	}
}

func TestEngineReplace(t *testing.T) {
	e := mustEngine(t, 1, Rule{ID: "keep", Action: Action{Status: 500}})
	_, err := e.Replace([]Rule{{Action: Action{Status: 503}}, {When: When{Probability: prob(2)}, Action: Action{Status: 500}}})
	if want := "rule 2: when: probability 2 is not between 0 and 1"; errText(err) != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if rs := e.Rules(); len(rs) != 1 || rs[0].ID != "keep" {
		t.Errorf("a failed Replace changed the rules: %+v", rs)
	}
	_, err = e.Replace([]Rule{{ID: "x", Action: Action{Status: 503}}, {Action: Action{Status: 500}}, {ID: "x", Action: Action{Status: 500}}})
	if want := `rule 3: id: "x" is already the id of rule 1`; errText(err) != want {
		t.Errorf("error %v, want %q", err, want)
	}
	// Ids given later in the list are not handed out to earlier rules.
	got, err := e.Replace([]Rule{{Action: Action{Status: 503}}, {Action: Action{Status: 500}}, {ID: "r2", Action: Action{Status: 502}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	if !reflect.DeepEqual(ids, []string{"r1", "r3", "r2"}) {
		t.Errorf("ids %q, want [r1 r3 r2]", ids)
	}
	if rs := e.Rules(); len(rs) != 3 || rs[2].Action.Status != 502 {
		t.Errorf("Replace did not replace: %+v", rs)
	}
	if _, err := NewEngine(1, Rule{}); errText(err) != "rule 1: action: does nothing: give a status, fault, latency or bandwidth" {
		t.Errorf("NewEngine error %v", err)
	}
}

func TestEngineConcurrent(t *testing.T) {
	const workers, each = 8, 250
	e := mustEngine(t, 9, Rule{ID: "half", When: When{First: workers * each / 2}, Action: Action{Status: 500}})
	var wg sync.WaitGroup
	var mu sync.Mutex
	fired := 0
	for w := 0; w < workers; w++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			n := 0
			for i := 0; i < each; i++ {
				d, err := e.Decide(withPrefer(seguraList(), "delay=1"))
				if err != nil {
					t.Error(err)
					return
				}
				if d.Status == 500 {
					n++
				}
			}
			mu.Lock()
			fired += n
			mu.Unlock()
		}()
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				if _, err := e.Add(Rule{ID: id, Match: Match{Vendor: "appgate"}, Action: Action{Latency: Fixed(ms)}}); err != nil {
					t.Error(err)
					return
				}
				_ = e.Rules()
				e.Remove(id)
			}
		}(w)
	}
	wg.Wait()
	if fired != workers*each/2 {
		t.Errorf("%d requests fired, want exactly %d", fired, workers*each/2)
	}
	if rs := e.Rules(); len(rs) != 1 {
		t.Errorf("%d rules left, want 1", len(rs))
	}
}

func TestEngineSeed(t *testing.T) {
	if got := mustEngine(t, -7).Seed(); got != -7 {
		t.Errorf("Seed() = %d", got)
	}
	if rs := mustEngine(t, 1).Rules(); len(rs) != 0 {
		t.Errorf("an engine without rules lists %+v", rs)
	}
}

func TestMatchesOnClient(t *testing.T) {
	e, err := NewEngine(1, Rule{Match: Match{Vendor: VendorSegura}, Action: Action{Status: 500}})
	if err != nil {
		t.Fatal(err)
	}
	if e.MatchesOnClient() {
		t.Error("no rule names a client")
	}
	if _, err := e.Add(Rule{ID: "c", Match: Match{Client: "ci"}, Action: Action{Status: 500}}); err != nil {
		t.Fatal(err)
	}
	if !e.MatchesOnClient() {
		t.Error("a rule names a client")
	}
	e.Remove("c")
	if e.MatchesOnClient() {
		t.Error("the rule naming a client was removed")
	}
}
