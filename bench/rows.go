package main

import (
	"fmt"
	"time"
)

// row is one line of the table. Cells that do not apply stay empty.
type row struct {
	Scenario string `json:"scenario"`
	Result   string `json:"result"`
	P50      string `json:"p50,omitempty"`
	P99      string `json:"p99,omitempty"`
	PeakRSS  string `json:"peak_rss,omitempty"`
	Share    string `json:"vs_baseline,omitempty"`
	Target   string `json:"target,omitempty"`
	Verdict  string `json:"verdict,omitempty"` // PASS, MISS or empty
}

func throughputLabel(t throughputResult) string {
	what := t.Scenario
	switch t.Scenario {
	case scenarioBaseline:
		what = "bare net/http baseline, same bytes"
	case scenarioValidated:
		what = "mock, request validation on (default)"
	case scenarioUnvalidated:
		what = "mock, --validate=false"
	}
	return workloadLabel(t.Workload) + " at " + t.placement().label() + ": " + what
}

// placement is where t was measured.
func (t throughputResult) placement() placement {
	return placement{Cores: t.Cores, CPUs: t.CPUs, Load: t.LoadCPUs, LoadShared: t.LoadShared}
}

// label says how many cores a server had, where it was pinned, and where
// the load generator ran.
func (pl placement) label() string {
	s := fmt.Sprintf("%d cores", pl.Cores)
	if pl.Cores == 1 {
		s = "1 core"
	}
	if pl.CPUs != "" {
		s += " (CPU " + pl.CPUs + ")"
	}
	switch {
	case pl.LoadShared:
		s += ", load shares the servers' CPUs"
	case pl.Load != "":
		s += ", load on CPU " + pl.Load
	}
	return s
}

// throughputTarget is the least share of the baseline a scenario must
// reach, if it has a target.
func throughputTarget(scenario string) (float64, bool) {
	switch scenario {
	case scenarioValidated:
		return targetValidatedShare, true
	case scenarioUnvalidated:
		return targetUnvalidatedShare, true
	}
	return 0, false
}

// rows turns the summary of the parts that ran into the table, each
// figure next to its target.
func rows(s runResult, golden goldenResult, parts partNames) []row {
	var out []row
	if parts.has(partThroughput) {
		out = append(out, throughputRows(s.Throughput)...)
	}
	if parts.has(partList) {
		out = append(out, listRows(s.List, s.SmallList)...)
		out = append(out, goldenRow(golden))
	}
	if parts.has(partStartup) && len(s.Startup) == 3 {
		def, seg, app := s.Startup[0], s.Startup[1], s.Startup[2]
		out = append(out,
			startupRow("Segura", def.Case.Segura, seg.Case.Segura, def.Median, seg.Median),
			startupRow("Appgate", def.Case.Appgate, app.Case.Appgate, def.Median, app.Median),
		)
	}
	if parts.has(partList) {
		out = append(out, disconnectRow(s.List, s.Disconnect))
	}
	return out
}

// throughputRows are the throughput rows, one per workload, core count
// and server.
func throughputRows(ts []throughputResult) []row {
	var out []row
	for _, t := range ts {
		r := row{
			Scenario: throughputLabel(t),
			Result:   fmt.Sprintf("%s req/s, %s µs server CPU/req", withCommas(int64(t.RPS+0.5)), micros(t.CPUPerRequest)),
			P50:      millis(t.P50),
			P99:      millis(t.P99),
			PeakRSS:  megabytes(t.PeakRSS),
			Share:    percent(t.Share),
		}
		if t.Scenario != scenarioBaseline {
			r.Share += "; by CPU " + percent(t.CPUShare)
		}
		if t.Errors > 0 {
			r.Result += fmt.Sprintf(" (%s errors)", withCommas(int64(t.Errors)))
		}
		if target, ok := throughputTarget(t.Scenario); ok {
			r.Target = "≥ " + percent(target) + " of baseline"
			r.Verdict = verdict(t.Share >= target && t.Errors == 0)
		}
		out = append(out, r)
	}
	return out
}

// listRows are the time and memory of the long list and the memory of
// the short one.
func listRows(big, small listResult) []row {
	bigName, smallName := shortCount(big.Count), shortCount(small.Count)
	body := fmt.Sprintf("%s, %s, %s records (a week after the start)", seconds(big.Elapsed), megabytes(big.Bytes), withCommas(big.Records))
	if !big.Complete {
		body += ", INCOMPLETE"
	}
	out := []row{
		{
			Scenario: bigName + " list: request to last byte",
			Result:   body,
			Target:   fmt.Sprintf("≤ %g s, whole body", targetListTime.Seconds()),
			Verdict:  verdict(big.Elapsed <= targetListTime && big.Complete),
		},
		{
			Scenario: bigName + " list: server peak RSS",
			Result:   "VmHWM after the whole body",
			PeakRSS:  megabytes(big.PeakRSS),
			Target:   fmt.Sprintf("≤ %d MB", targetListRSS/1_000_000),
			Verdict:  verdict(big.PeakRSS <= targetListRSS),
		},
	}
	growth := 0.0
	if small.PeakRSS > 0 {
		growth = float64(big.PeakRSS) / float64(small.PeakRSS)
	}
	smallResult := fmt.Sprintf("whole body in %s; %s/%s peak = %.2f×", seconds(small.Elapsed), bigName, smallName, growth)
	if !small.Complete {
		smallResult += ", INCOMPLETE"
	}
	return append(out, row{
		Scenario: smallName + " list: server peak RSS",
		Result:   smallResult,
		PeakRSS:  megabytes(small.PeakRSS),
		Target:   fmt.Sprintf("%s ≤ %.2f× %s", bigName, targetListGrowth, smallName),
		Verdict:  verdict(growth > 0 && growth <= targetListGrowth && small.Complete),
	})
}

// disconnectRow says whether the generation of the long list stopped
// when its client hung up.
func disconnectRow(big listResult, d disconnectResult) row {
	stopped := "no"
	if d.Stopped {
		stopped = "yes"
	}
	return row{
		Scenario: fmt.Sprintf("%s list: client hangs up after %s", shortCount(big.Count), megabytes(d.Read)),
		Result:   fmt.Sprintf("generation stopped: %s (%d ms server CPU in the next %d ms)", stopped, d.CPU.Milliseconds(), d.Window.Milliseconds()),
		Target:   "stops",
		Verdict:  verdict(d.Stopped),
	}
}

// startupRow compares the start with the default records and with many.
func startupRow(vendor string, few, many int, tFew, tMany time.Duration) row {
	return row{
		Scenario: fmt.Sprintf("start-up to first answer: %s / %s %s records", shortCount(few), shortCount(many), vendor),
		Result:   millis(tFew) + " / " + millis(tMany),
		Target: fmt.Sprintf("≤ %d ms each, %s ≤ %s + %d ms",
			targetStartup.Milliseconds(), shortCount(many), shortCount(few), startupSlack.Milliseconds()),
		Verdict: verdict(tFew <= targetStartup && tMany <= targetStartup && tMany-tFew <= startupSlack),
	}
}

// goldenRow says whether the default list, as the built binary streams
// it, is the golden file byte for byte.
func goldenRow(g goldenResult) row {
	r := row{
		Scenario: shortCount(defaultSegura) + " list: bytes vs " + goldenList,
		Target:   "identical",
	}
	switch {
	case !g.Found:
		r.Result = "golden file not found"
	case g.Identical:
		r.Result = "identical, " + withCommas(g.Bytes) + " bytes"
		r.Verdict = verdict(true)
	default:
		r.Result = fmt.Sprintf("differ at byte %s (%s bytes streamed, %s in the file)",
			withCommas(g.FirstDiff), withCommas(g.Bytes), withCommas(g.Want))
		r.Verdict = verdict(false)
	}
	return r
}
