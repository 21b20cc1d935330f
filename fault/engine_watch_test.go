package fault

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
)

func TestEngineDisabledRulePausesItsSequence(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1, Rule{ID: "third", When: When{Every: 3}, Action: Action{Status: 500}})
	fired := func() bool { return mustDecide(t, e, seguraList()).Status == 500 }
	var got []bool
	for range 2 { // n = 1, 2
		got = append(got, fired())
	}
	r, ok := e.SetDisabled("third", true)
	if !ok || !r.Disabled {
		t.Fatalf("SetDisabled(third, true) = %+v, %v", r, ok)
	}
	for range 5 { // not counted
		got = append(got, fired())
	}
	if rs := e.Rules(); !rs[0].Disabled {
		t.Errorf("Rules() while disabled: %+v", rs[0])
	}
	if r, ok := e.SetDisabled("third", false); !ok || r.Disabled {
		t.Fatalf("SetDisabled(third, false) = %+v, %v", r, ok)
	}
	for range 3 { // n = 3, 4, 5
		got = append(got, fired())
	}
	want := []bool{false, false, false, false, false, false, false, true, false, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("fired per request %v, want %v", got, want)
		}
	}
	if _, ok := e.SetDisabled("nope", true); ok {
		t.Error("SetDisabled of an unknown id reported a rule")
	}
}

func TestEngineDisabledRuleFromConfig(t *testing.T) {
	t.Parallel()
	rules, err := ParseRules("c.yaml", []byte("- id: off\n  disabled: true\n  action: {status: 503}\n- id: on\n  action: {latency: 5ms}\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := mustEngine(t, 1, rules...)
	d := mustDecide(t, e, seguraList())
	if d.Status != 0 || len(d.Rules) != 1 || d.Rules[0] != "on" {
		t.Errorf("decision %+v: the disabled rule fired", d)
	}
	b, _ := json.Marshal(e.Rules())
	if !strings.Contains(string(b), `"id":"off","match":{},"when":{},"action":{"status":503},"disabled":true`) ||
		strings.Count(string(b), "disabled") != 1 {
		t.Errorf("rules as JSON: %s", b)
	}
	_, err = ParseRules("c.yaml", []byte("- disabled: yes please\n  action: {status: 503}\n"))
	if want := `c.yaml:1:13: faults[0].disabled: "yes please" is not true or false; want true or false`; errText(err) != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestEngineOnChange(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1)
	var calls atomic.Int32
	e.OnChange(func() {
		e.Rules() // would deadlock if called under the engine's lock
		calls.Add(1)
	})
	steps := []struct {
		name string
		do   func()
	}{
		{"Add", func() { mustAdd(t, e, Rule{ID: "a", Action: Action{Status: 500}}) }},
		{"SetDisabled", func() { e.SetDisabled("a", true) }},
		{"Remove", func() { e.Remove("a") }},
		{"Replace", func() { _, _ = e.Replace([]Rule{{Action: Action{Status: 502}}}) }},
		{"Clear", e.Clear},
	}
	for _, s := range steps {
		before := calls.Load()
		s.do()
		if calls.Load() != before+1 {
			t.Errorf("%s: %d calls, want 1", s.name, calls.Load()-before)
		}
	}
	mustAdd(t, e, Rule{Action: Action{Status: 500}})
	before := calls.Load()
	mustDecide(t, e, seguraList())
	e.ResetCounters()
	if calls.Load() != before {
		t.Error("counting requests or resetting counters called OnChange")
	}
	e.OnChange(nil)
	e.Clear()
	if calls.Load() != before {
		t.Error("OnChange(nil) did not stop the calls")
	}
}

func mustAdd(t *testing.T, e *Engine, r Rule) Rule {
	t.Helper()
	got, err := e.Add(r)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
