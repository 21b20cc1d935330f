package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	rep := sampleReport()
	for _, name := range []string{"r.json", "r.md"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := writeFile(path, rep); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, ".json") {
				var back report
				if err := json.Unmarshal(data, &back); err != nil {
					t.Fatal(err)
				}
				if len(back.Rows) != len(rep.Rows) || back.Summary.Throughput[0].RPS != 40000 || len(back.AllRuns) != 3 {
					t.Fatalf("JSON report lost data: %d rows, rps %v, %d runs", len(back.Rows), back.Summary.Throughput[0].RPS, len(back.AllRuns))
				}
				// Every throughput result carries its workload, and the
				// header the workloads' requests.
				for i, tp := range back.Summary.Throughput {
					if want := rep.Summary.Throughput[i].Workload; tp.Workload != want || want == "" {
						t.Errorf("result %d: workload %q, want %q", i, tp.Workload, want)
					}
				}
				if back.AllRuns[0].Throughput[3].Workload != workloadActiveSessions || !strings.Contains(string(data), `"workload": "active-sessions"`) {
					t.Errorf("the runs' results lost their workload")
				}
				if len(back.Workloads) != 2 || back.Workloads[1].Name != workloadActiveSessions ||
					len(back.Workloads[1].URIs) != 3 || back.Workloads[1].MeanBytes != 6073 {
					t.Errorf("workloads %+v", back.Workloads)
				}
				return
			}
			if !strings.Contains(string(data), "| session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: bare net/http baseline") ||
				!strings.Contains(string(data), "| active-sessions pages at 2 cores (CPU 0-1), load shares the servers' CPUs: bare net/http baseline") {
				t.Fatalf("markdown file lacks the table:\n%s", data)
			}
		})
	}
	if err := writeFile(filepath.Join(dir, "no", "such", "dir.md"), rep); err == nil {
		t.Fatal("writing into a missing directory gave no error")
	}
}
