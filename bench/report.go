package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// report is what a harness run produces; -out writes it as JSON or as
// the same markdown that is printed.
type report struct {
	Date        time.Time     `json:"date"`
	Command     string        `json:"command"`
	Machine     machine       `json:"machine"`
	Concurrency int           `json:"concurrency"`
	Warmup      time.Duration `json:"warmup_ns"`
	Duration    time.Duration `json:"duration_ns"`
	Slices      int           `json:"slices"`
	Workloads   []workload    `json:"workloads,omitempty"` // with the throughput part
	Runs        int           `json:"runs"`
	Cores       coreList      `json:"cores"`
	Parts       partNames     `json:"parts"`           // what ran, in the order of the table
	Golden      goldenResult  `json:"golden,omitzero"` // with the list part
	Rows        []row         `json:"rows"`
	Summary     runResult     `json:"summary"`
	AllRuns     []runResult   `json:"all_runs"`
}

func newReport(o options, args []string, m machine, prep prepared, runs []runResult) report {
	s := summarize(runs)
	// The parts in the order they run, whatever the order of -only.
	var parts partNames
	for _, p := range allParts {
		if o.Only.has(p) {
			parts = append(parts, p)
		}
	}
	return report{
		Date:        time.Now().UTC(),
		Command:     strings.Join(append([]string{"go run ./bench"}, args...), " "),
		Machine:     m,
		Concurrency: o.Concurrency,
		Warmup:      o.Warmup,
		Duration:    o.Duration,
		Slices:      o.slices(),
		Workloads:   prep.Workloads,
		Runs:        len(runs),
		Cores:       o.Cores,
		Parts:       parts,
		Golden:      prep.Golden,
		Rows:        rows(s, prep.Golden, parts),
		Summary:     s,
		AllRuns:     runs,
	}
}

// writeFile writes the report to path: JSON for a .json name, markdown
// otherwise.
func writeFile(path string, rep report) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if strings.EqualFold(filepath.Ext(path), ".json") {
		enc := json.NewEncoder(f)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = writeMarkdown(f, rep)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
