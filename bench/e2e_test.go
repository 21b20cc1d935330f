package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestQuickRunEndToEnd builds the real mock and baseline and runs every
// measurement with short durations and small counts. No deadline of its
// own: on a cold cache or a loaded machine the builds take what they take,
// and go test's -timeout still bounds the whole run.
func TestQuickRunEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the servers")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("the harness reads Linux /proc")
	}
	ctx := t.Context()
	out := filepath.Join(t.TempDir(), "report.json")
	var stdout, stderr strings.Builder
	if err := run(ctx, []string{"-quick", "-cores", "1", "-out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	table := stdout.String()
	for _, want := range []string{
		"| scenario ",
		": bare net/http baseline, same bytes",
		": mock, request validation on (default)",
		": mock, --validate=false",
		"| session-info at 1 core",
		"| active-sessions pages at 1 core",
		"| workload | cores | validation on / bare | validation off / bare |",
		"| session-info | 1 core",
		"| active-sessions pages | 1 core",
		"20k list: request to last byte",
		"20k list: server peak RSS",
		"2k list: server peak RSS",
		"50 list: bytes vs " + goldenList,
		"start-up to first answer: 50 / 100k Segura records",
		"start-up to first answer: 20 / 10k Appgate records",
		"20k list: client hangs up after 1.0 MB",
		"`go run ./bench -quick -cores 1 -out ",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q", want)
		}
	}

	rep := readReport(t, out)
	if len(rep.Rows) != 13 || len(rep.AllRuns) != 1 {
		t.Fatalf("%d rows, %d runs", len(rep.Rows), len(rep.AllRuns))
	}
	s := rep.Summary
	checkWorkloads(t, rep, 1)
	for i, tp := range s.Throughput {
		// CPU time is read in ticks of 10 ms, and the lean baseline can
		// stay under one tick in a quick run on a busy machine: then no
		// share by CPU can be computed.
		baseCPU := s.Throughput[i-i%3].CPUPerRequest
		if tp.RPS <= 0 || tp.P50 <= 0 || tp.P99 < tp.P50 || tp.PeakRSS <= 0 || tp.Share <= 0 || tp.Requests == 0 ||
			i%3 > 0 && tp.CPUPerRequest <= 0 || baseCPU > 0 && tp.CPUShare <= 0 {
			t.Errorf("%s %s: %+v", tp.Workload, tp.Scenario, tp)
		}
		// Every request is answered: a 404 from the baseline or a 401 from
		// the mock would mean the two are not measured on the same work.
		if tp.Cores != 1 || (rep.Machine.Pinning == "" || strings.HasPrefix(rep.Machine.Pinning, "servers pinned")) != (tp.CPUs != "") {
			t.Errorf("%s %s: %d cores on CPUs %q, pinning %q", tp.Workload, tp.Scenario, tp.Cores, tp.CPUs, rep.Machine.Pinning)
		}
		if tp.Errors != 0 {
			t.Errorf("%s %s: %d errors, first %s", tp.Workload, tp.Scenario, tp.Errors, tp.FirstError)
		}
	}
	for _, l := range []listResult{s.List, s.SmallList} {
		// A week after the start, the list holds the count and the
		// sessions begun since.
		if !l.Complete || l.Existing <= l.Count || l.Records != int64(l.Existing) || l.Elapsed <= 0 || l.Bytes <= 0 || l.PeakRSS <= 0 {
			t.Errorf("list: %+v", l)
		}
	}
	if s.List.Count != 20_000 || s.SmallList.Count != 2_000 {
		t.Errorf("list counts %d and %d", s.List.Count, s.SmallList.Count)
	}
	if s.Disconnect.Read != disconnectAfter || s.Disconnect.Window <= 0 {
		t.Errorf("disconnect: %+v", s.Disconnect)
	}
	if len(s.Startup) != 3 {
		t.Fatalf("%d start-up cases", len(s.Startup))
	}
	for _, st := range s.Startup {
		if st.Median <= 0 || len(st.Samples) != 1 {
			t.Errorf("start-up %+v", st)
		}
	}
	// Whether the bytes match is the mock's business (and its own golden
	// test's); the harness must find the file and compare a whole answer.
	if !rep.Golden.Found || rep.Golden.Bytes <= 0 {
		t.Errorf("no comparison with %s: %+v", goldenList, rep.Golden)
	}
	if rep.Machine.CPUs <= 0 || rep.Machine.GoVersion == "" {
		t.Errorf("report header: machine %+v", rep.Machine)
	}
}

// checkWorkloads checks what a throughput run at the core counts cores
// reports of its workloads: session-info over 20 DNs and the
// active-sessions pages, each measured on the three servers at every core
// count, in that order, each result carrying its workload.
func checkWorkloads(t *testing.T, rep report, cores ...int) {
	t.Helper()
	if len(rep.Workloads) != 2 {
		t.Fatalf("%d workloads, want 2: %+v", len(rep.Workloads), rep.Workloads)
	}
	info, pages := rep.Workloads[0], rep.Workloads[1]
	if info.Name != workloadSessionInfo || len(info.URIs) != maxDNs || info.MeanBytes <= 0 {
		t.Errorf("session-info workload %+v", info)
	}
	if pages.Name != workloadActiveSessions || len(pages.URIs) != len(activeSessionsPages) || pages.MeanBytes <= 0 {
		t.Errorf("active-sessions workload %+v: want %d pages", pages, len(activeSessionsPages))
	}
	var want []string
	for _, n := range cores {
		for _, w := range []string{workloadSessionInfo, workloadActiveSessions} {
			for _, sc := range []string{scenarioBaseline, scenarioValidated, scenarioUnvalidated} {
				want = append(want, fmt.Sprintf("%s %s %d", w, sc, n))
			}
		}
	}
	var got []string
	for _, tp := range rep.Summary.Throughput {
		got = append(got, fmt.Sprintf("%s %s %d", tp.Workload, tp.Scenario, tp.Cores))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("throughput results %q, want %q", got, want)
	}
	for i, r := range rep.Rows[:len(want)] {
		if !strings.HasPrefix(r.Scenario, workloadLabel(rep.Summary.Throughput[i].Workload)+" at ") {
			t.Errorf("row %d %q is not labelled %s", i, r.Scenario, rep.Summary.Throughput[i].Workload)
		}
	}
}

// TestQuickThroughputOnlyEndToEnd runs the throughput part alone: the
// table holds the throughput rows of both workloads and nothing else, the load generator
// is placed beside the server, and every thread of this process is back
// on all of its CPUs afterwards.
func TestQuickThroughputOnlyEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the servers")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("the harness reads Linux /proc")
	}
	before := statusField(readFile("/proc/self/status"), "Cpus_allowed_list")
	out := filepath.Join(t.TempDir(), "report.json")
	var stdout, stderr strings.Builder
	if err := run(t.Context(), []string{"-quick", "-only", "throughput", "-cores", "1", "-out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	for _, s := range []string{"list", "start-up", "golden"} {
		if strings.Contains(stdout.String(), "| "+s) || strings.Contains(stderr.String(), s) {
			t.Errorf("a throughput-only run mentions %q:\n%s\n%s", s, stdout.String(), stderr.String())
		}
	}
	rep := readReport(t, out)
	s := rep.Summary
	checkWorkloads(t, rep, 1)
	if len(rep.Rows) != 6 || len(s.Throughput) != 6 || s.List.Count != 0 || len(s.Startup) != 0 || rep.Golden.Found ||
		len(rep.Parts) != 1 || rep.Parts[0] != partThroughput {
		t.Fatalf("%d rows, %d throughput results, list %+v, %d start-ups, golden %+v, parts %v",
			len(rep.Rows), len(s.Throughput), s.List, len(s.Startup), rep.Golden, rep.Parts)
	}

	// Pinned, the load runs on the allowed CPUs after the first, or on the
	// only one beside the server.
	wantLoad, wantShared := "", false
	if strings.HasPrefix(rep.Machine.Pinning, "servers pinned") {
		allowed, err := parseCPUList(before)
		if err != nil {
			t.Fatal(err)
		}
		wantLoad, wantShared = before, true
		if len(allowed) > 1 {
			wantLoad, wantShared = formatCPUList(allowed[1:]), false
		}
	}
	for _, tp := range s.Throughput {
		if tp.RPS <= 0 || tp.Requests == 0 || tp.Errors != 0 {
			t.Errorf("%s %s: %+v", tp.Workload, tp.Scenario, tp)
		}
		if tp.LoadCPUs != wantLoad || tp.LoadShared != wantShared {
			t.Errorf("%s: load on %q (shared %v), want %q with pinning %q", tp.Scenario, tp.LoadCPUs, tp.LoadShared, wantLoad, rep.Machine.Pinning)
		}
	}

	tasks, err := filepath.Glob("/proc/self/task/*/status")
	if err != nil || len(tasks) == 0 {
		t.Fatalf("threads %v: %v", tasks, err)
	}
	for _, task := range tasks {
		// A thread may end between the listing and the read.
		if st := readFile(task); st != "" {
			if got := statusField(st, "Cpus_allowed_list"); got != before {
				t.Errorf("%s runs on CPU %s after the run, on %s before", task, got, before)
			}
		}
	}
}

// readReport reads the JSON report a run wrote to path.
func readReport(t *testing.T, path string) report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}
