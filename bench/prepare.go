package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
)

// prepared is what is learnt once, from a mock with the default records,
// before any measurement. Each field is left zero when the part that
// needs it does not run.
type prepared struct {
	SessionInfo sessionInfoSet // for the throughput part
	Golden      goldenResult   // part of the list part
}

// prepare starts a mock with the defaults and, as the parts to run need
// them, writes the baseline's answers file into dir and compares the
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
		if p.SessionInfo, err = fetchSessionInfo(ctx, m.api(), dir); err != nil {
			return p, fmt.Errorf("fetching the session-info answers: %w", err)
		}
	}
	if parts.has(partList) {
		if p.Golden, err = checkGolden(ctx, m, filepath.Join(bin.root, filepath.FromSlash(goldenList))); err != nil {
			return p, fmt.Errorf("comparing the list with the golden file: %w", err)
		}
	}
	return p, nil
}

// fetchSessionInfo asks the mock for its DNs and their answers, and
// writes the baseline's answers file into dir.
func fetchSessionInfo(ctx context.Context, api mockAPI, dir string) (sessionInfoSet, error) {
	token, err := api.appgateToken(ctx)
	if err != nil {
		return sessionInfoSet{}, err
	}
	dns, err := api.appgateDNs(ctx, maxDNs)
	if err != nil {
		return sessionInfoSet{}, err
	}
	a := answers.Answers{Bodies: map[string][]byte{}}
	total := 0
	for _, dn := range dns {
		body, ct, err := api.sessionInfo(ctx, token, dn)
		if err != nil {
			return sessionInfoSet{}, err
		}
		a.ContentType = ct
		a.Bodies[sessionInfoPath(dn)] = body
		total += len(body)
	}
	data, err := json.Marshal(a)
	if err != nil {
		return sessionInfoSet{}, err
	}
	file := filepath.Join(dir, "answers.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return sessionInfoSet{}, err
	}
	return sessionInfoSet{DNs: dns, AnswersFile: file, MeanBytes: total / len(dns)}, nil
}
