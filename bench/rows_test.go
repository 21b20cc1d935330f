package main

import (
	"strings"
	"testing"
	"time"
)

// rowWith finds the row whose scenario starts with prefix.
func rowWith(t *testing.T, rs []row, prefix string) row {
	t.Helper()
	for _, r := range rs {
		if strings.HasPrefix(r.Scenario, prefix) {
			return r
		}
	}
	t.Fatalf("no row starts with %q", prefix)
	return row{}
}

func TestRowsAllPass(t *testing.T) {
	rs := rows(sampleRun(), sampleGolden(), allParts)
	if len(rs) != 13 {
		t.Fatalf("%d rows, want 13", len(rs))
	}
	for _, r := range rs {
		if r.Target != "" && r.Verdict != "PASS" {
			t.Errorf("%s: %s against %s gave %s", r.Scenario, r.Result, r.Target, r.Verdict)
		}
		if r.Target == "" && r.Verdict != "" {
			t.Errorf("%s: a verdict without a target", r.Scenario)
		}
	}
	base := rowWith(t, rs, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: bare")
	if base.Result != "40,000 req/s, 30 µs server CPU/req" || base.P50 != "0.70 ms" || base.P99 != "2.00 ms" ||
		base.PeakRSS != "9.8 MB" || base.Share != "100%" {
		t.Errorf("baseline row %+v", base)
	}
	if r := rowWith(t, rs, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request"); r.Share != "85%; by CPU 83%" {
		t.Errorf("validated row %+v", r)
	}
	pages := rowWith(t, rs, "active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: bare")
	if pages.Result != "20,000 req/s, 60 µs server CPU/req" || pages.P50 != "1.40 ms" || pages.Share != "100%" || pages.Target != "" {
		t.Errorf("active-sessions baseline row %+v", pages)
	}
	if r := rowWith(t, rs, "active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on"); r.Share != "82%; by CPU 75%" || r.Target != "≥ 80% of baseline" {
		t.Errorf("active-sessions validated row %+v", r)
	}
	if r := rowWith(t, rs, "active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false"); r.Share != "92%; by CPU 86%" || r.Target != "≥ 90% of baseline" {
		t.Errorf("active-sessions unvalidated row %+v", r)
	}
	if r := rowWith(t, rs, "1M list: request"); r.Result != "0.95 s, 339.9 MB, 1,002,601 records (a week after the start)" || r.Target != "≤ 2 s, whole body" {
		t.Errorf("list row %+v", r)
	}
	if r := rowWith(t, rs, "1M list: server peak"); r.PeakRSS != "25.2 MB" || r.Target != "≤ 64 MB" {
		t.Errorf("list RSS row %+v", r)
	}
	if r := rowWith(t, rs, "100k list"); !strings.Contains(r.Result, "1M/100k peak = 1.03×") || r.Target != "1M ≤ 1.25× 100k" {
		t.Errorf("growth row %+v", r)
	}
	if r := rowWith(t, rs, "start-up to first answer: 50 / 10M Segura"); r.Result != "68 ms / 70 ms" {
		t.Errorf("start-up row %+v", r)
	}
	if r := rowWith(t, rs, "1M list: client hangs up"); r.Result != "generation stopped: yes (0 ms server CPU in the next 500 ms)" {
		t.Errorf("disconnect row %+v", r)
	}
}

func TestRowsVerdicts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(*runResult, *goldenResult)
		row     string
		verdict string
	}{
		{"validated at exactly 80%", func(r *runResult, _ *goldenResult) { r.Throughput[1].Share = 0.80 }, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on", "PASS"},
		{"validated below 80%", func(r *runResult, _ *goldenResult) { r.Throughput[1].Share = 0.79 }, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on", "MISS"},
		{"unvalidated at exactly 90%", func(r *runResult, _ *goldenResult) { r.Throughput[2].Share = 0.90 }, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false", "PASS"},
		{"unvalidated below 90%", func(r *runResult, _ *goldenResult) { r.Throughput[2].Share = 0.89 }, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false", "MISS"},
		{"errors fail a fast run", func(r *runResult, _ *goldenResult) { r.Throughput[2].Errors = 1 }, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false", "MISS"},
		{"list too slow", func(r *runResult, _ *goldenResult) { r.List.Elapsed = 2001 * time.Millisecond }, "1M list: request", "MISS"},
		{"list incomplete", func(r *runResult, _ *goldenResult) { r.List.Complete = false }, "1M list: request", "MISS"},
		{"list too big", func(r *runResult, _ *goldenResult) { r.List.PeakRSS = 64_000_001 }, "1M list: server peak", "MISS"},
		{"memory grows", func(r *runResult, _ *goldenResult) { r.List.PeakRSS = 31_000_000 }, "100k list", "MISS"},
		{"small list incomplete", func(r *runResult, _ *goldenResult) { r.SmallList.Complete = false }, "100k list", "MISS"},
		{"golden differs", func(_ *runResult, g *goldenResult) { g.Identical, g.FirstDiff = false, 10 }, "50 list: bytes", "MISS"},
		{"golden missing", func(_ *runResult, g *goldenResult) { *g = goldenResult{FirstDiff: -1} }, "50 list: bytes", ""},
		{"slow start", func(r *runResult, _ *goldenResult) { r.Startup[0].Median = 201 * time.Millisecond }, "start-up to first answer: 50 / 10M", "MISS"},
		{"start grows with records", func(r *runResult, _ *goldenResult) { r.Startup[1].Median = 94 * time.Millisecond }, "start-up to first answer: 50 / 10M", "MISS"},
		{"start within slack", func(r *runResult, _ *goldenResult) { r.Startup[2].Median = 93 * time.Millisecond }, "start-up to first answer: 20 / 1M", "PASS"},
		{"pages validated below 80%", func(r *runResult, _ *goldenResult) { r.Throughput[4].Share = 0.79 }, "active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on", "MISS"},
		{"pages unvalidated below 90%", func(r *runResult, _ *goldenResult) { r.Throughput[5].Share = 0.89 }, "active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false", "MISS"},
		{"pages errors", func(r *runResult, _ *goldenResult) { r.Throughput[4].Errors = 1 }, "active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on", "MISS"},
		// A miss of one workload is not the other's.
		{"pages miss, session-info passes", func(r *runResult, _ *goldenResult) { r.Throughput[4].Share = 0.5 }, "session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on", "PASS"},
		{"generation goes on", func(r *runResult, _ *goldenResult) { r.Disconnect.Stopped = false }, "1M list: client hangs up", "MISS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, g := sampleRun(), sampleGolden()
			tt.change(&r, &g)
			if got := rowWith(t, rows(r, g, allParts), tt.row); got.Verdict != tt.verdict {
				t.Fatalf("verdict %q, want %q (row %+v)", got.Verdict, tt.verdict, got)
			}
		})
	}
}

// Every throughput row is named after its own workload, in the order of
// the results: session-info's three servers, then the pages'.
func TestThroughputRowsNameTheirWorkload(t *testing.T) {
	t.Parallel()
	rs := throughputRows(sampleRun().Throughput)
	want := []string{
		"session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: bare net/http baseline, same bytes",
		"session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on (default)",
		"session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false",
		"active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: bare net/http baseline, same bytes",
		"active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, request validation on (default)",
		"active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: mock, --validate=false",
	}
	if len(rs) != len(want) {
		t.Fatalf("%d rows, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.Scenario != want[i] {
			t.Errorf("row %d is %q, want %q", i, r.Scenario, want[i])
		}
	}
	one := throughputResult{Workload: workloadActiveSessions, Scenario: scenarioBaseline, Cores: 1}
	if got := throughputLabel(one); got != "active-sessions pages at 1 core: bare net/http baseline, same bytes" {
		t.Errorf("label %q", got)
	}
}
