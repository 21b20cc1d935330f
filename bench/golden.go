package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// goldenList is the server's golden answer of the list for seed 1 with
// the default 50 records, relative to the module root.
const goldenList = "server/testdata/remotesessions_seed1.json"

// goldenResult compares the list the built binary streams with the
// golden file, so the streaming path that the long-list figures measure
// is known to send the right bytes.
type goldenResult struct {
	Found     bool  `json:"found"`
	Identical bool  `json:"identical"`
	Bytes     int64 `json:"bytes"`        // of the streamed answer
	Want      int64 `json:"golden_bytes"` // of the golden file
	// FirstDiff is the offset of the first differing byte, -1 if none.
	FirstDiff int64 `json:"first_diff"`
}

// checkGolden reads the whole list from s (started with the defaults)
// and compares it with the file at path.
func checkGolden(ctx context.Context, s *server, path string) (goldenResult, error) {
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return goldenResult{FirstDiff: -1}, nil
	}
	if err != nil {
		return goldenResult{}, err
	}
	token, err := s.api().seguraToken(ctx)
	if err != nil {
		return goldenResult{}, err
	}
	req, err := listRequest(ctx, s.base, token)
	if err != nil {
		return goldenResult{}, err
	}
	resp, err := listClient().Do(req)
	if err != nil {
		return goldenResult{}, err
	}
	defer resp.Body.Close()
	// The golden answer is small; a list much longer than it is wrong
	// already and need not be read to the end.
	got, err := io.ReadAll(io.LimitReader(resp.Body, int64(len(want))+1<<20))
	if err != nil {
		return goldenResult{}, err
	}
	if resp.StatusCode != 200 {
		return goldenResult{}, fmt.Errorf("list status %d: %.200s", resp.StatusCode, got)
	}
	return compareGolden(got, want), nil
}

func compareGolden(got, want []byte) goldenResult {
	r := goldenResult{Found: true, Bytes: int64(len(got)), Want: int64(len(want)), FirstDiff: -1}
	if bytes.Equal(got, want) {
		r.Identical = true
		return r
	}
	n := min(len(got), len(want))
	r.FirstDiff = int64(n)
	for i := range n {
		if got[i] != want[i] {
			r.FirstDiff = int64(i)
			break
		}
	}
	return r
}
