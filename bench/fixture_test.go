package main

import (
	"time"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// sampleRun is a plausible full-size run whose every figure meets its
// target; tests change one figure at a time. Its throughput results are
// those of both workloads at 2 cores: session-info first, then the
// active-sessions pages.
func sampleRun() runResult {
	return runResult{
		Throughput: []throughputResult{
			{Workload: workloadSessionInfo, Scenario: scenarioBaseline, Cores: 2, CPUs: "0-1", LoadCPUs: "0-1", LoadShared: true, RPS: 40000, P50: 700 * time.Microsecond, P99: 2 * time.Millisecond, PeakRSS: 9_800_000, Requests: 400000, CPUPerRequest: 30 * time.Microsecond, Share: 1},
			{Workload: workloadSessionInfo, Scenario: scenarioValidated, Cores: 2, CPUs: "0-1", LoadCPUs: "0-1", LoadShared: true, RPS: 34000, P50: 1200 * time.Microsecond, P99: 4 * time.Millisecond, PeakRSS: 30_000_000, Requests: 340000, CPUPerRequest: 36 * time.Microsecond, Share: 0.85, CPUShare: 0.83},
			{Workload: workloadSessionInfo, Scenario: scenarioUnvalidated, Cores: 2, CPUs: "0-1", LoadCPUs: "0-1", LoadShared: true, RPS: 38000, P50: 900 * time.Microsecond, P99: 3 * time.Millisecond, PeakRSS: 27_000_000, Requests: 380000, CPUPerRequest: 32 * time.Microsecond, Share: 0.95, CPUShare: 0.94},
			{Workload: workloadActiveSessions, Scenario: scenarioBaseline, Cores: 2, CPUs: "0-1", LoadCPUs: "0-1", LoadShared: true, RPS: 20000, P50: 1400 * time.Microsecond, P99: 5 * time.Millisecond, PeakRSS: 10_100_000, Requests: 200000, CPUPerRequest: 60 * time.Microsecond, Share: 1},
			{Workload: workloadActiveSessions, Scenario: scenarioValidated, Cores: 2, CPUs: "0-1", LoadCPUs: "0-1", LoadShared: true, RPS: 16400, P50: 1900 * time.Microsecond, P99: 7 * time.Millisecond, PeakRSS: 31_000_000, Requests: 164000, CPUPerRequest: 80 * time.Microsecond, Share: 0.82, CPUShare: 0.75},
			{Workload: workloadActiveSessions, Scenario: scenarioUnvalidated, Cores: 2, CPUs: "0-1", LoadCPUs: "0-1", LoadShared: true, RPS: 18400, P50: 1600 * time.Microsecond, P99: 6 * time.Millisecond, PeakRSS: 28_000_000, Requests: 184000, CPUPerRequest: 70 * time.Microsecond, Share: 0.92, CPUShare: 0.86},
		},
		List:       listResult{Count: 1_000_000, Elapsed: 950 * time.Millisecond, Bytes: 339_875_820, Existing: 1_002_601, Records: 1_002_601, Complete: true, PeakRSS: 25_200_000},
		SmallList:  listResult{Count: 100_000, Elapsed: 130 * time.Millisecond, Bytes: 33_900_000, Existing: 102_601, Records: 102_601, Complete: true, PeakRSS: 24_500_000},
		Disconnect: disconnectResult{Read: 1 << 20, CPU: 0, Window: 500 * time.Millisecond, Stopped: true},
		Startup: []startupResult{
			{Case: startupCase{50, 20}, Median: 68 * time.Millisecond, Samples: []time.Duration{68 * time.Millisecond}},
			{Case: startupCase{10_000_000, 20}, Median: 70 * time.Millisecond, Samples: []time.Duration{70 * time.Millisecond}},
			{Case: startupCase{50, 1_000_000}, Median: 69 * time.Millisecond, Samples: []time.Duration{69 * time.Millisecond}},
		},
	}
}

// sampleWorkloads are the workloads of sampleRun as prepare gives them,
// without the answers.
func sampleWorkloads() []workload {
	info := workload{Name: workloadSessionInfo, MeanBytes: 2111}
	for i := range 20 {
		info.URIs = append(info.URIs, appgate.SessionInfoPath("CN="+string(rune('a'+i))+",CN=user,OU=local"))
	}
	pages := workload{Name: workloadActiveSessions, MeanBytes: 6073}
	for _, q := range activeSessionsPages {
		pages.URIs = append(pages.URIs, activeSessionsURI(q))
	}
	return []workload{info, pages}
}

func sampleGolden() goldenResult {
	return goldenResult{Found: true, Identical: true, Bytes: 17086, Want: 17086, FirstDiff: -1}
}
