package main

import (
	"slices"
	"time"
)

// runResult is everything one repetition measured. What a part left out
// by -only would have measured stays zero and out of the JSON report.
type runResult struct {
	Throughput []throughputResult `json:"throughput,omitempty"`
	List       listResult         `json:"list,omitzero"`
	SmallList  listResult         `json:"small_list,omitzero"`
	Disconnect disconnectResult   `json:"disconnect,omitzero"`
	Startup    []startupResult    `json:"startup,omitempty"`
}

// medianOf is the median of f over the runs.
func medianOf[T int64 | uint64 | float64 | time.Duration](runs []runResult, f func(runResult) T) T {
	v := make([]T, len(runs))
	for i, r := range runs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// summarize folds the runs into one: medians of every figure, shares
// taken run by run (each against the baseline of its own run, so a busier
// moment of the machine does not tilt them), errors summed, and a check
// met only when it was met in every run.
func summarize(runs []runResult) runResult {
	if len(runs) == 1 {
		return runs[0]
	}
	var s runResult
	for i := range runs[0].Throughput {
		at := func(r runResult) throughputResult { return r.Throughput[i] }
		first := runs[0].Throughput[i]
		t := throughputResult{Scenario: first.Scenario, Cores: first.Cores, CPUs: first.CPUs, LoadCPUs: first.LoadCPUs, LoadShared: first.LoadShared}
		t.RPS = medianOf(runs, func(r runResult) float64 { return at(r).RPS })
		t.P50 = medianOf(runs, func(r runResult) time.Duration { return at(r).P50 })
		t.P99 = medianOf(runs, func(r runResult) time.Duration { return at(r).P99 })
		t.PeakRSS = medianOf(runs, func(r runResult) int64 { return at(r).PeakRSS })
		t.Share = medianOf(runs, func(r runResult) float64 { return at(r).Share })
		t.CPUPerRequest = medianOf(runs, func(r runResult) time.Duration { return at(r).CPUPerRequest })
		t.CPUShare = medianOf(runs, func(r runResult) float64 { return at(r).CPUShare })
		for _, r := range runs {
			t.Requests += at(r).Requests
			t.Errors += at(r).Errors
			if t.FirstError == "" {
				t.FirstError = at(r).FirstError
			}
		}
		s.Throughput = append(s.Throughput, t)
	}
	// Every run measured the same parts; without the list part, the list
	// results stay zero.
	if runs[0].List.Count > 0 {
		s.List = summarizeList(runs, func(r runResult) listResult { return r.List })
		s.SmallList = summarizeList(runs, func(r runResult) listResult { return r.SmallList })
		s.Disconnect = disconnectResult{
			Read:    medianOf(runs, func(r runResult) int64 { return r.Disconnect.Read }),
			CPU:     medianOf(runs, func(r runResult) time.Duration { return r.Disconnect.CPU }),
			Window:  runs[0].Disconnect.Window,
			Stopped: true,
		}
		for _, r := range runs {
			s.Disconnect.Stopped = s.Disconnect.Stopped && r.Disconnect.Stopped
		}
	}

	// Start-up samples of all runs are pooled: the median of 3×5 starts is
	// steadier than the median of three medians.
	for i := range runs[0].Startup {
		st := startupResult{Case: runs[0].Startup[i].Case}
		for _, r := range runs {
			st.Samples = append(st.Samples, r.Startup[i].Samples...)
		}
		st.Median = median(st.Samples)
		s.Startup = append(s.Startup, st)
	}
	return s
}

func summarizeList(runs []runResult, get func(runResult) listResult) listResult {
	l := listResult{
		Count:    get(runs[0]).Count,
		Elapsed:  medianOf(runs, func(r runResult) time.Duration { return get(r).Elapsed }),
		Bytes:    medianOf(runs, func(r runResult) int64 { return get(r).Bytes }),
		Records:  medianOf(runs, func(r runResult) int64 { return get(r).Records }),
		PeakRSS:  medianOf(runs, func(r runResult) int64 { return get(r).PeakRSS }),
		Complete: true,
	}
	for _, r := range runs {
		l.Complete = l.Complete && get(r).Complete
	}
	return l
}
