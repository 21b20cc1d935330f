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
				return
			}
			if !strings.Contains(string(data), "| session-info at 2 cores (CPU 0-1), load shares the servers' CPUs: bare net/http baseline") {
				t.Fatalf("markdown file lacks the table:\n%s", data)
			}
		})
	}
	if err := writeFile(filepath.Join(dir, "no", "such", "dir.md"), rep); err == nil {
		t.Fatal("writing into a missing directory gave no error")
	}
}
