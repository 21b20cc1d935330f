package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/sessionmock/sessionmock/wire/segura"
)

// Long-list targets.
const (
	targetListTime = 2 * time.Second
	targetListRSS  = 64_000_000 // bytes: "64 MB"
	// targetListGrowth is how much more peak memory the long list may take
	// than the list of a tenth of its length. A server that kept the
	// records would need several times more; one that streams them needs
	// the same.
	targetListGrowth = 1.25
	// listAge is how far the mock's clock is moved before a list is read:
	// the list is held to its targets with a week of sessions begun after
	// the generated history, found by search like the history itself.
	listAge = 7 * 24 * time.Hour
)

// listResult is one full read of GET /api/session/remotesessions.
type listResult struct {
	Count int `json:"count"` // records the mock was started with
	// Existing is how many sessions the mock says exist when the list is
	// read, listAge after its start: the count and those begun since.
	Existing int           `json:"existing"`
	Elapsed  time.Duration `json:"elapsed_ns"`
	Bytes    int64         `json:"bytes"`
	Records  int64         `json:"records"`
	Complete bool          `json:"complete"`
	PeakRSS  int64         `json:"peak_rss_bytes"`
}

// listClient reads long answers: no keep-alive pool to leave a half-read
// connection in, no gzip, and no overall time-out (the time is what is
// measured; the context bounds it).
func listClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true}}
}

// listRequest is the list call with a bearer token.
func listRequest(ctx context.Context, base, token string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+segura.PathRemoteSessions, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req, nil
}

// measureList starts a mock with count Segura records, reads the whole
// list once, and leaves the mock running for the caller (who must Stop
// it) so that more can be asked of the same process.
func measureList(ctx context.Context, bin binaries, count int) (listResult, *server, error) {
	s, err := startMock(ctx, bin.mock, "--segura-sessions", strconv.Itoa(count))
	if err != nil {
		return listResult{}, nil, err
	}
	existing, err := s.api().ageWorld(ctx, listAge)
	if err != nil {
		s.Stop()
		return listResult{}, nil, err
	}
	r, err := readList(ctx, s, count, existing)
	if err != nil {
		s.Stop()
		return listResult{}, nil, fmt.Errorf("list of %d: %w", count, err)
	}
	return r, s, nil
}

func readList(ctx context.Context, s *server, count, existing int) (listResult, error) {
	token, err := s.api().seguraToken(ctx)
	if err != nil {
		return listResult{}, err
	}
	req, err := listRequest(ctx, s.base, token)
	if err != nil {
		return listResult{}, err
	}
	check, elapsed, err := streamList(req)
	if err != nil {
		return listResult{}, err
	}
	rss, err := s.peakRSS()
	if err != nil {
		return listResult{}, err
	}
	return listResult{
		Count: count, Existing: existing, Elapsed: elapsed, Bytes: check.n, Records: check.records,
		Complete: check.complete(existing), PeakRSS: rss,
	}, nil
}

// streamList sends req and reads the whole answer through a bodyCheck,
// timing it from the send to the last byte.
func streamList(req *http.Request) (*bodyCheck, time.Duration, error) {
	check := &bodyCheck{}
	start := time.Now()
	resp, err := listClient().Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return nil, 0, fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	if _, err := io.Copy(check, resp.Body); err != nil {
		return nil, 0, fmt.Errorf("after %d bytes: %w", check.n, err)
	}
	return check, time.Since(start), nil
}
