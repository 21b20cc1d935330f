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

// medianOf is the median of f over the runs (or any other results).
func medianOf[R any, T int64 | uint64 | float64 | time.Duration](runs []R, f func(R) T) T {
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
	s.Throughput = summarizeThroughput(runs)
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

// throughputKey is what a throughput result is matched on across runs.
type throughputKey struct {
	workload, scenario string
	cores              int
}

func (t throughputResult) key() throughputKey {
	return throughputKey{workload: t.Workload, scenario: t.Scenario, cores: t.Cores}
}

// summarizeThroughput folds the throughput results of the runs by
// workload, scenario and core count, in the order of the first run; a
// result some run lacks is summarized over the runs that have it.
func summarizeThroughput(runs []runResult) []throughputResult {
	var out []throughputResult
	for _, first := range runs[0].Throughput {
		var same []throughputResult
		for _, r := range runs {
			for _, t := range r.Throughput {
				if t.key() == first.key() {
					same = append(same, t)
					break
				}
			}
		}
		t := throughputResult{Workload: first.Workload, Scenario: first.Scenario, Cores: first.Cores, CPUs: first.CPUs, LoadCPUs: first.LoadCPUs, LoadShared: first.LoadShared}
		t.RPS = medianOf(same, func(u throughputResult) float64 { return u.RPS })
		t.P50 = medianOf(same, func(u throughputResult) time.Duration { return u.P50 })
		t.P99 = medianOf(same, func(u throughputResult) time.Duration { return u.P99 })
		t.PeakRSS = medianOf(same, func(u throughputResult) int64 { return u.PeakRSS })
		t.Share = medianOf(same, func(u throughputResult) float64 { return u.Share })
		t.CPUPerRequest = medianOf(same, func(u throughputResult) time.Duration { return u.CPUPerRequest })
		t.CPUShare = medianOf(same, func(u throughputResult) float64 { return u.CPUShare })
		for _, u := range same {
			t.Requests += u.Requests
			t.Errors += u.Errors
			if t.FirstError == "" {
				t.FirstError = u.FirstError
			}
		}
		out = append(out, t)
	}
	return out
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
