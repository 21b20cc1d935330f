package main

import (
	"encoding/json"
	"os"
	"path/filepath"
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
		"| cores | validation on / bare | validation off / bare |",
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
	if len(rep.Rows) != 10 || len(rep.AllRuns) != 1 {
		t.Fatalf("%d rows, %d runs", len(rep.Rows), len(rep.AllRuns))
	}
	s := rep.Summary
	if len(s.Throughput) != 3 {
		t.Fatalf("%d throughput results, want 3", len(s.Throughput))
	}
	// CPU time is read in ticks of 10 ms, and the lean baseline can stay
	// under one tick in a quick run on a busy machine: then no share by
	// CPU can be computed.
	baseCPU := s.Throughput[0].CPUPerRequest
	for i, tp := range s.Throughput {
		if tp.RPS <= 0 || tp.P50 <= 0 || tp.P99 < tp.P50 || tp.PeakRSS <= 0 || tp.Share <= 0 || tp.Requests == 0 ||
			i > 0 && tp.CPUPerRequest <= 0 || baseCPU > 0 && tp.CPUShare <= 0 {
			t.Errorf("%s: %+v", tp.Scenario, tp)
		}
		// Every request is answered: a 404 from the baseline or a 401 from
		// the mock would mean the two are not measured on the same work.
		if tp.Cores != 1 || (rep.Machine.Pinning == "" || strings.HasPrefix(rep.Machine.Pinning, "servers pinned")) != (tp.CPUs != "") {
			t.Errorf("%s: %d cores on CPUs %q, pinning %q", tp.Scenario, tp.Cores, tp.CPUs, rep.Machine.Pinning)
		}
		if tp.Errors != 0 {
			t.Errorf("%s: %d errors, first %s", tp.Scenario, tp.Errors, tp.FirstError)
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
	if rep.Machine.CPUs <= 0 || rep.Machine.GoVersion == "" || rep.DNs == 0 || rep.SessionInfoBytes <= 0 {
		t.Errorf("report header: machine %+v, %d DNs of %d bytes", rep.Machine, rep.DNs, rep.SessionInfoBytes)
	}
}

// TestQuickThroughputOnlyEndToEnd runs the throughput part alone: the
// table holds the session-info rows and nothing else, the load generator
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
	if len(rep.Rows) != 3 || len(s.Throughput) != 3 || s.List.Count != 0 || len(s.Startup) != 0 || rep.Golden.Found ||
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
			t.Errorf("%s: %+v", tp.Scenario, tp)
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
