package main

import (
	"slices"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	a, b, c := sampleRun(), sampleRun(), sampleRun()
	a.Throughput[0].RPS, b.Throughput[0].RPS, c.Throughput[0].RPS = 30000, 50000, 40000
	a.Throughput[1].Share, b.Throughput[1].Share, c.Throughput[1].Share = 0.4, 0.7, 0.55
	a.Throughput[1].Errors, c.Throughput[1].Errors = 2, 3
	a.Throughput[1].FirstError = "status 500"
	a.List.Elapsed, b.List.Elapsed, c.List.Elapsed = 3*time.Second, time.Second, 2*time.Second
	b.List.Complete = false
	c.Disconnect.Stopped = false
	a.Startup[0].Samples = []time.Duration{1, 2}
	b.Startup[0].Samples = []time.Duration{3}
	c.Startup[0].Samples = []time.Duration{100, 200}

	s := summarize([]runResult{a, b, c})
	if s.Throughput[0].RPS != 40000 {
		t.Errorf("median RPS %v, want 40000", s.Throughput[0].RPS)
	}
	if s.Throughput[1].Share != 0.55 {
		t.Errorf("median share %v, want 0.55 (the middle of the per-run shares)", s.Throughput[1].Share)
	}
	if s.Throughput[1].Errors != 5 || s.Throughput[1].FirstError != "status 500" || s.Throughput[1].Requests != 3*340000 {
		t.Errorf("errors %d (%q), requests %d: want them summed", s.Throughput[1].Errors, s.Throughput[1].FirstError, s.Throughput[1].Requests)
	}
	if s.List.Elapsed != 2*time.Second || s.List.Complete {
		t.Errorf("list %v complete=%v: want the median time and complete only if every run was", s.List.Elapsed, s.List.Complete)
	}
	if s.Disconnect.Stopped {
		t.Error("generation counted as stopped though one run did not stop")
	}
	if got := s.Startup[0]; len(got.Samples) != 5 || got.Median != 3 {
		t.Errorf("start-up samples %v median %v: want all five pooled, median 3", got.Samples, got.Median)
	}
	if one := summarize([]runResult{a}); one.Throughput[0].RPS != 30000 {
		t.Error("a single run is not its own summary")
	}
}

// Results are matched across runs by workload, scenario and core count,
// not by position: a run that lists them in another order, or a
// workload's figures next to another's, must not mix them.
func TestSummarizeKeysByWorkload(t *testing.T) {
	t.Parallel()
	a, b, c := sampleRun(), sampleRun(), sampleRun()
	// The pages' validated share is 0.70, 0.72 and 0.74 over the runs,
	// session-info's 0.80, 0.90 and 0.85.
	a.Throughput[4].Share, b.Throughput[4].Share, c.Throughput[4].Share = 0.70, 0.74, 0.72
	a.Throughput[1].Share, b.Throughput[1].Share, c.Throughput[1].Share = 0.80, 0.90, 0.85
	a.Throughput[4].Errors = 7
	slices.Reverse(b.Throughput)
	s := summarize([]runResult{a, b, c})
	if len(s.Throughput) != 6 {
		t.Fatalf("%d results, want 6", len(s.Throughput))
	}
	for i, tp := range s.Throughput {
		if first := a.Throughput[i]; tp.key() != first.key() {
			t.Errorf("result %d is %+v, want the first run's order (%+v)", i, tp.key(), first.key())
		}
	}
	if got := s.Throughput[4]; got.Workload != workloadActiveSessions || got.Share != 0.72 || got.Errors != 7 || got.Requests != 3*164000 {
		t.Errorf("active-sessions validated %+v: want the median 0.72 of its own shares, 7 errors", got)
	}
	if got := s.Throughput[1]; got.Workload != workloadSessionInfo || got.Share != 0.85 || got.Errors != 0 {
		t.Errorf("session-info validated %+v: want the median 0.85 of its own shares, no errors", got)
	}
	if got := s.Throughput[3]; got.RPS != 20000 || got.Scenario != scenarioBaseline {
		t.Errorf("active-sessions baseline %+v", got)
	}
}
