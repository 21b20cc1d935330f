package main

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// Start-up targets: the first answer within targetStartup, and a start
// with many records no slower than one with the defaults by more than
// startupSlack (generous because single starts on a busy machine jitter
// by several milliseconds).
const (
	targetStartup = 200 * time.Millisecond
	startupSlack  = 25 * time.Millisecond
)

// The mock's default record counts.
const (
	defaultSegura  = 50
	defaultAppgate = 20
)

// startupCase is one configuration whose start-up is timed.
type startupCase struct {
	Segura  int `json:"segura_sessions"`
	Appgate int `json:"appgate_sessions"`
}

func (c startupCase) args() []string {
	return []string{"--segura-sessions", strconv.Itoa(c.Segura), "--appgate-sessions", strconv.Itoa(c.Appgate)}
}

// startupResult is the median time from exec to the first 200 of
// GET /__mock/health.
type startupResult struct {
	Case    startupCase     `json:"case"`
	Median  time.Duration   `json:"median_ns"`
	Samples []time.Duration `json:"samples_ns"`
}

// startupCases are the defaults, many Segura records, many Appgate ones.
func startupCases(o options) []startupCase {
	return []startupCase{
		{defaultSegura, defaultAppgate},
		{o.StartupSegura, defaultAppgate},
		{defaultSegura, o.StartupAppgate},
	}
}

// measureStartup starts the already built mock o.Starts times per case.
// The starts of the cases are interleaved so that a burst of load from
// elsewhere does not land on one case only.
func measureStartup(ctx context.Context, o options, bin binaries) ([]startupResult, error) {
	cases := startupCases(o)
	out := make([]startupResult, len(cases))
	for range o.Starts {
		for i, c := range cases {
			s, err := startMock(ctx, bin.mock, c.args()...)
			if err != nil {
				return nil, err
			}
			out[i].Case = c
			out[i].Samples = append(out[i].Samples, s.ready.Sub(s.Started()))
			s.Stop()
		}
	}
	for i := range out {
		out[i].Median = median(out[i].Samples)
	}
	return out, nil
}

// median of durations; the mean of the middle two for an even count.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
