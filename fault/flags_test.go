package fault

import (
	"reflect"
	"testing"
)

func TestFromFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		latency     string
		rate        float64
		status      int
		wantIDs     []string
		wantNames   []string
		wantLatency Latency
		wantStatus  int
		wantErr     string
	}{
		{"nothing", "", 0, 0, nil, nil, Latency{}, 0, ""},
		{"zero latency", "0", 0, 503, nil, nil, Latency{}, 0, ""},
		{"latency", "20ms-200ms", 0, 0, []string{"latency"}, []string{"--latency 20ms-200ms"}, Uniform(20*ms, 200*ms), 0, ""},
		{"error rate default status", "", 0.05, 0, []string{"error-rate"}, []string{"--error-rate 0.05 --error-status 500"}, Latency{}, 500, ""},
		{"both", "50ms", 0.5, 503, []string{"latency", "error-rate"}, []string{"--latency 50ms", "--error-rate 0.5 --error-status 503"}, Fixed(50 * ms), 503, ""},
		{"bad latency", "fast", 0, 0, nil, nil, Latency{}, 0, `latency "fast": want 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)`},
		{"rate above 1", "", 1.5, 0, nil, nil, Latency{}, 0, "error rate 1.5 is not between 0 and 1"},
		{"negative rate", "", -0.1, 0, nil, nil, Latency{}, 0, "error rate -0.1 is not between 0 and 1"},
		{"bad status", "", 0.1, 99, nil, nil, Latency{}, 0, "error status 99 is not an HTTP status"},
		{"2xx status", "", 0.1, 204, nil, nil, Latency{}, 0, "error status 204 is not an error status (use 300-599)"},
		{"bad status without rate", "", 0, 1000, nil, nil, Latency{}, 0, "error status 1000 is not an HTTP status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := FromFlags(tt.latency, tt.rate, tt.status)
			if errText(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			var ids, names []string
			for _, r := range rules {
				ids, names = append(ids, r.ID), append(names, r.Name)
				if err := r.Validate(); err != nil {
					t.Errorf("rule %s invalid: %v", r.ID, err)
				}
				if r.Match.Vendor != "" || r.Match.Route != "" || r.Match.Path != "" {
					t.Errorf("rule %s does not match everything: %+v", r.ID, r.Match)
				}
				switch r.ID {
				case FlagLatencyID:
					if r.Action.Latency != tt.wantLatency {
						t.Errorf("latency %v, want %v", r.Action.Latency, tt.wantLatency)
					}
				case FlagErrorRateID:
					if r.Action.Status != tt.wantStatus || *r.When.Probability != tt.rate {
						t.Errorf("error rule %+v", r)
					}
				}
			}
			if !reflect.DeepEqual(ids, tt.wantIDs) || !reflect.DeepEqual(names, tt.wantNames) {
				t.Errorf("ids %q names %q, want %q %q", ids, names, tt.wantIDs, tt.wantNames)
			}
		})
	}
}

func TestFromFlagsInEngine(t *testing.T) {
	rules, err := FromFlags("10ms", 1, 502)
	if err != nil {
		t.Fatal(err)
	}
	e := mustEngine(t, 1, rules...)
	d := mustDecide(t, e, appgateInfo())
	if d.Delay != 10*ms || d.Status != 502 || !reflect.DeepEqual(d.Rules, []string{"latency", "error-rate"}) {
		t.Errorf("got %+v", d)
	}
}
