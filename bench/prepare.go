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
// before any measurement.
type prepared struct {
	SessionInfo sessionInfoSet
	Golden      goldenResult
}

// prepare starts a mock with the defaults, writes the baseline's answers
// file into dir and compares the default list with the golden file.
func prepare(ctx context.Context, bin binaries, dir string) (prepared, error) {
	m, err := startMock(ctx, bin.mock)
	if err != nil {
		return prepared{}, err
	}
	defer m.Stop()
	set, err := fetchSessionInfo(ctx, m.api(), dir)
	if err != nil {
		return prepared{}, fmt.Errorf("fetching the session-info answers: %w", err)
	}
	golden, err := checkGolden(ctx, m, filepath.Join(bin.root, filepath.FromSlash(goldenList)))
	if err != nil {
		return prepared{}, fmt.Errorf("comparing the list with the golden file: %w", err)
	}
	return prepared{SessionInfo: set, Golden: golden}, nil
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
