package fault

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestEnginePreferences(t *testing.T) {
	t.Parallel()
	rules := []Rule{
		{ID: "slow", Action: Action{Latency: Fixed(100 * ms)}},
		{ID: "down", Match: Match{Vendor: "segura"}, Action: Action{Status: 503, Message: "maintenance"}},
		{ID: "hang", Match: Match{Vendor: "appgate"}, Action: Action{Fault: Timeout, Hold: Duration(5 * time.Second)}},
	}
	tests := []struct {
		name string
		req  Request
		want Decision
	}{
		{"rules alone", seguraList(),
			Decision{Delay: 100 * ms, Status: 503, Message: "maintenance", AnsweredBy: "down", Rules: []string{"slow", "down"}}},
		{"code replaces status", withPrefer(seguraList(), "code=500"),
			Decision{Delay: 100 * ms, Status: 500, AnsweredBy: "prefer", Rules: []string{"slow", "down", "prefer"}, Applied: []string{"code=500"}}},
		{"2xx asks for the normal answer", withPrefer(seguraList(), "code=200"),
			Decision{Delay: 100 * ms, Rules: []string{"slow", "down", "prefer"}, Applied: []string{"code=200"}}},
		{"fault replaces status", withPrefer(seguraList(), "fault=timeout"),
			Decision{Delay: 100 * ms, Fault: Timeout, Hold: 60 * time.Second, AnsweredBy: "prefer", Rules: []string{"slow", "down", "prefer"}, Applied: []string{"fault=timeout"}}},
		{"code replaces fault", withPrefer(appgateInfo(), "code=404"),
			Decision{Delay: 100 * ms, Status: 404, AnsweredBy: "prefer", Rules: []string{"slow", "hang", "prefer"}, Applied: []string{"code=404"}}},
		{"delay adds", withPrefer(seguraList(), "delay=2s"),
			Decision{Delay: 2100 * ms, Status: 503, Message: "maintenance", AnsweredBy: "down", Rules: []string{"slow", "down", "prefer"}, Applied: []string{"delay=2s"}}},
		{"hold changes the rule's fault", withPrefer(appgateInfo(), "hold=1s"),
			Decision{Delay: 100 * ms, Fault: Timeout, Hold: time.Second, AnsweredBy: "hang", Rules: []string{"slow", "hang", "prefer"}, Applied: []string{"hold=1s"}}},
		{"hold without a lasting fault is ignored", withPrefer(seguraList(), "hold=1s"),
			Decision{Delay: 100 * ms, Status: 503, Message: "maintenance", AnsweredBy: "down", Rules: []string{"slow", "down"}}},
		{"unknown preferences ignored", withPrefer(seguraList(), "return=minimal, example=x"),
			Decision{Delay: 100 * ms, Status: 503, Message: "maintenance", AnsweredBy: "down", Rules: []string{"slow", "down"}}},
		{"query alone", withQuery(seguraList(), "__fault=empty"),
			Decision{Delay: 100 * ms, Fault: Empty, AnsweredBy: "query", Rules: []string{"slow", "down", "query"}, Applied: []string{"fault=empty"}}},
		{"query over header", withQuery(withPrefer(seguraList(), "code=500, delay=1s"), "__fault=reset&__delay=50"),
			Decision{Delay: 150 * ms, Fault: Reset, AnsweredBy: "query", Rules: []string{"slow", "down", "query"}, Applied: []string{"delay=50", "fault=reset"}}},
		{"query and header together", withQuery(withPrefer(seguraList(), "code=502"), "__delay=1s"),
			Decision{Delay: 1100 * ms, Status: 502, AnsweredBy: "prefer", Rules: []string{"slow", "down", "prefer", "query"}, Applied: []string{"code=502", "delay=1s"}}},
		{"query hold over header hold", withQuery(withPrefer(appgateInfo(), "hold=1s"), "__hold=2s"),
			Decision{Delay: 100 * ms, Fault: Timeout, Hold: 2 * time.Second, AnsweredBy: "hang", Rules: []string{"slow", "hang", "query"}, Applied: []string{"hold=2s"}}},
		{"hold 0 means the default", withPrefer(appgateInfo(), "fault=slow, hold=0"),
			Decision{Delay: 100 * ms, Fault: Slow, Hold: 10 * time.Second, AnsweredBy: "prefer", Rules: []string{"slow", "hang", "prefer"}, Applied: []string{"fault=slow", "hold=0"}}},
		{"delay capped", withPrefer(seguraList(), "delay=1h"),
			Decision{Delay: MaxDelay, Status: 503, Message: "maintenance", AnsweredBy: "down", Rules: []string{"slow", "down", "prefer"}, Applied: []string{"delay=1h"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustEngine(t, 1, rules...)
			if got := mustDecide(t, e, tt.req); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestEnginePreferenceWithoutRules(t *testing.T) {
	e := mustEngine(t, 1)
	d := mustDecide(t, e, withPrefer(seguraList(), "fault=gateway-timeout; hold=1s", "hold=2s"))
	want := Decision{Fault: GatewayTimeout, Hold: 2 * time.Second, AnsweredBy: "prefer", Rules: []string{"prefer"}, Applied: []string{"fault=gateway-timeout", "hold=2s"}}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got %+v, want %+v", d, want)
	}
	if d := mustDecide(t, e, seguraList()); !d.Zero() || d.Rules != nil {
		t.Errorf("a preference leaked into the next request: %+v", d)
	}
}

func TestDecisionZero(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    Decision
		want bool
	}{
		{Decision{}, true},
		{Decision{Rules: []string{"r1"}, Applied: []string{"hold=1s"}}, true},
		{Decision{Delay: 1}, false},
		{Decision{Bandwidth: 1}, false},
		{Decision{Status: 500}, false},
		{Decision{Fault: Reset}, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.d), func(t *testing.T) {
			if got := tt.d.Zero(); got != tt.want {
				t.Errorf("Zero() = %v, want %v", got, tt.want)
			}
		})
	}
}
