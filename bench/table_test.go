package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestWriteTableShape(t *testing.T) {
	rs := []row{
		{Scenario: "a | b", Result: "1\n2", Target: "≥ 50%", Verdict: "PASS"},
		{Scenario: "long scenario name", Result: "x", P50: "0.10 ms"},
	}
	var b strings.Builder
	if err := writeTable(&b, rs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2+len(rs) {
		t.Fatalf("%d lines, want header, separator and %d rows:\n%s", len(lines), len(rs), b.String())
	}
	if !strings.HasPrefix(lines[0], "| scenario ") || !strings.Contains(lines[0], "| verdict |") {
		t.Errorf("header %q", lines[0])
	}
	if strings.Trim(lines[1], "|-") != "" {
		t.Errorf("separator %q has more than pipes and dashes", lines[1])
	}
	width := len([]rune(lines[0]))
	for i, l := range lines {
		if n := len([]rune(l)); n != width {
			t.Errorf("line %d is %d runes wide, the header %d: columns do not line up", i, n, width)
		}
		// Unescaped pipes delimit exactly the 8 columns.
		if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != numColumns+1 {
			t.Errorf("line %d has %d cell borders, want %d: %q", i, n, numColumns+1, l)
		}
	}
	if !strings.Contains(lines[2], `a \| b`) || !strings.Contains(lines[2], "1 2") {
		t.Errorf("row %q: the pipe must be escaped and the newline folded", lines[2])
	}
}

// sampleReport is a fixed report, so the golden file changes only when
// the rendering does.
func sampleReport() report {
	m := machine{CPUs: 2, CPUModel: "AMD EPYC", Kernel: "6.1.0", GoVersion: "go1.26.8", LoadBefore: "0.10 0.20 0.30", LoadAfter: "1.00 0.50 0.40", GOMAXPROCS: "default", Pinning: pinnedNote}
	o := options{Duration: 10 * time.Second, Warmup: 2 * time.Second, Concurrency: 32, Cores: coreList{2}, Only: allParts}
	r := sampleRun()
	r.Throughput[2].Errors, r.Throughput[2].FirstError = 3, "GET /admin/session-info/x: status 500"
	prep := prepared{Workloads: sampleWorkloads(), Golden: sampleGolden()}
	rep := newReport(o, []string{"-runs", "3"}, m, prep, []runResult{r, sampleRun(), sampleRun()})
	rep.Date = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	return rep
}

func TestWriteMarkdownGolden(t *testing.T) {
	var b strings.Builder
	if err := writeMarkdown(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.md")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./bench -run Golden -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("markdown differs from %s:\n%s", golden, b.String())
	}
	for _, s := range []string{
		"`go run ./bench -runs 3`",
		"medians of 3 runs",
		"3 of 1,140,003 requests failed; first: GET /admin/session-info/x: status 500",
		"| session-info | 2 cores (CPU 0-1), load shares the servers' CPUs | 0.85 | 0.95 |",
		"| active-sessions pages | 2 cores (CPU 0-1), load shares the servers' CPUs | 0.82 | 0.92 |",
		"- session-info: cycling 20 DNs, answers of 2,111 bytes on average",
		"- active-sessions pages: cycling 3 pages (`range=0-9`, `range=10-19`, `orderBy=username&range=0-19`), answers of 6,073 bytes on average",
		"- cores: 2, each server's GOMAXPROCS; servers pinned with taskset",
		"- parts: throughput, list, startup; medians of 3 runs",
	} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("markdown lacks %q", s)
		}
	}
}
