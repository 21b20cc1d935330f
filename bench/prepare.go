package main

import (
	"context"
	"fmt"
	"path/filepath"
)

// prepared is what is learnt once, from a mock with the default records,
// before any measurement. Each field is left zero when the part that
// needs it does not run.
type prepared struct {
	Workloads []workload   // for the throughput part, in the order of its rounds
	Golden    goldenResult // part of the list part
}

// prepare starts a mock with the defaults and, as the parts to run need
// them, writes the baseline's answers files into dir and compares the
// default list with the golden file.
func prepare(ctx context.Context, bin binaries, dir string, parts partNames) (prepared, error) {
	var p prepared
	if !parts.has(partThroughput) && !parts.has(partList) {
		return p, nil
	}
	m, err := startMock(ctx, bin.mock)
	if err != nil {
		return p, err
	}
	defer m.Stop()
	if parts.has(partThroughput) {
		if p.Workloads, err = fetchWorkloads(ctx, m.api(), dir); err != nil {
			return p, err
		}
	}
	if parts.has(partList) {
		if p.Golden, err = checkGolden(ctx, m, filepath.Join(bin.root, filepath.FromSlash(goldenList))); err != nil {
			return p, fmt.Errorf("comparing the list with the golden file: %w", err)
		}
	}
	return p, nil
}
