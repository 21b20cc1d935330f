package main

import (
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestPartNamesSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want partNames
		err  string
	}{
		{"throughput", partNames{partThroughput}, ""},
		{" startup , list", partNames{partStartup, partList}, ""},
		{"throughput,list,startup", allParts, ""},
		{"", nil, `part "" is not one of throughput, list, startup`},
		{"throughput,", nil, `part "" is not one of throughput, list, startup`},
		{"Throughput", nil, `part "Throughput" is not one of throughput, list, startup`},
		{"golden", nil, `part "golden" is not one of throughput, list, startup`},
		{"list,startup,list", nil, "part list is listed twice"},
	}
	for _, tt := range tests {
		var p partNames
		err := p.Set(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Set(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(p, tt.want) {
			t.Errorf("Set(%q) = %v, %v; want %v", tt.in, p, err, tt.want)
		}
	}
}

func TestParseOptionsOnly(t *testing.T) {
	t.Parallel()
	o, err := parseOptions(nil, io.Discard)
	if err != nil || !slices.Equal(o.Only, allParts) {
		t.Fatalf("default parts %v, %v; want all", o.Only, err)
	}
	o, err = parseOptions([]string{"-quick", "-only", "throughput", "-cores", "1"}, io.Discard)
	if err != nil || !slices.Equal(o.Only, partNames{partThroughput}) {
		t.Fatalf("-only throughput: %v, %v", o.Only, err)
	}
	if _, err := parseOptions([]string{"-only", "list,lists"}, io.Discard); err == nil ||
		!strings.Contains(err.Error(), `invalid value "list,lists" for flag -only: part "lists" is not one of`) {
		t.Errorf("err = %v", err)
	}
}

// onlyReport is the sample report as a run of parts alone would give it:
// what the other parts measure stays zero.
func onlyReport(parts ...string) report {
	rep := sampleReport()
	o := options{Duration: rep.Duration, Warmup: rep.Warmup, Concurrency: rep.Concurrency, Cores: rep.Cores, Only: parts}
	var runs []runResult
	for _, r := range rep.AllRuns {
		if !o.Only.has(partThroughput) {
			r.Throughput = nil
		}
		if !o.Only.has(partList) {
			r.List, r.SmallList, r.Disconnect = listResult{}, listResult{}, disconnectResult{}
		}
		if !o.Only.has(partStartup) {
			r.Startup = nil
		}
		runs = append(runs, r)
	}
	prep := prepared{}
	if o.Only.has(partThroughput) {
		prep.Workloads = sampleWorkloads()
	}
	if o.Only.has(partList) {
		prep.Golden = sampleGolden()
	}
	return newReport(o, nil, rep.Machine, prep, runs)
}

func TestReportOfSomeParts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		parts   []string
		rows    []string // prefixes of the rows, in order
		has     []string
		hasNot  []string
		jsonNot []string
	}{
		{
			parts: []string{partThroughput},
			rows: []string{"session-info at 2 cores", "session-info at 2 cores", "session-info at 2 cores",
				"active-sessions pages at 2 cores", "active-sessions pages at 2 cores", "active-sessions pages at 2 cores"},
			has: []string{"- cores: 2, each server's GOMAXPROCS", "- load: 32 keep-alive workers", "- parts: throughput; medians of 3 runs",
				"| session-info | 2 cores (CPU 0-1), load shares the servers' CPUs | 0.85 | 0.95 |",
				"| active-sessions pages | 2 cores (CPU 0-1), load shares the servers' CPUs | 0.82 | 0.92 |"},
			hasNot:  []string{"list", "start-up"},
			jsonNot: []string{`"list"`, `"small_list"`, `"disconnect"`, `"startup"`, `"golden"`},
		},
		{
			// The order of -only does not change the table's.
			parts:   []string{partStartup, partList},
			rows:    []string{"1M list: request", "1M list: server peak", "100k list", "50 list: bytes", "start-up to first answer: 50 / 10M", "start-up to first answer: 20 / 1M", "1M list: client hangs up"},
			has:     []string{"- parts: list, startup; medians of 3 runs"},
			hasNot:  []string{"session-info", "active-sessions", "- cores:", "- load:", "validation on / bare"},
			jsonNot: []string{`"throughput"`, `"load_cpus"`, `"workloads"`},
		},
		{
			parts:   []string{partStartup},
			rows:    []string{"start-up to first answer: 50 / 10M", "start-up to first answer: 20 / 1M"},
			has:     []string{"- parts: startup; medians of 3 runs"},
			hasNot:  []string{"session-info", "active-sessions", "list", "- cores:"},
			jsonNot: []string{`"throughput"`, `"list"`, `"golden"`, `"disconnect"`},
		},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.parts, ","), func(t *testing.T) {
			rep := onlyReport(tt.parts...)
			if len(rep.Rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(rep.Rows), len(tt.rows), rep.Rows)
			}
			for i, r := range rep.Rows {
				if !strings.HasPrefix(r.Scenario, tt.rows[i]) {
					t.Errorf("row %d is %q, want %q…", i, r.Scenario, tt.rows[i])
				}
				if r.Target != "" && r.Verdict != "PASS" && !strings.Contains(r.Result, "errors") {
					t.Errorf("%s: verdict %q", r.Scenario, r.Verdict)
				}
			}
			var b strings.Builder
			if err := writeMarkdown(&b, rep); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			for _, s := range tt.has {
				if !strings.Contains(md, s) {
					t.Errorf("markdown lacks %q:\n%s", s, md)
				}
			}
			// The command line and machine lines say nothing of the parts.
			_, table, _ := strings.Cut(md, "| scenario")
			for _, s := range tt.hasNot {
				if strings.Contains(table, s) || strings.Contains(md, "\n"+s) {
					t.Errorf("markdown holds %q:\n%s", s, md)
				}
			}
			data, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.jsonNot {
				if strings.Contains(string(data), s+":") {
					t.Errorf("JSON report holds %s", s)
				}
			}
		})
	}
}
