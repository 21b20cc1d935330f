package healthcheck

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// backoff spaces the probes of --wait: the first pause, doubled after
// each failure up to the longest. A mock starts in well under a second, so
// the first probes come quickly.
type backoff struct{ first, longest time.Duration }

var defaultBackoff = backoff{first: 50 * time.Millisecond, longest: time.Second}

type prober struct {
	timeout time.Duration
	backoff backoff
	client  *http.Client
}

func newProber(timeout time.Duration, b backoff) *prober {
	return &prober{timeout: timeout, backoff: b, client: &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // a probe of its own host; see Main
		Proxy:           nil,                                   // a proxy cannot reach the container's loopback
		// Each probe on a fresh connection: one accepted by a listener
		// that was not serving yet must not be reused.
		DisableKeepAlives: true,
	}}}
}

func (p *prober) close() { p.client.CloseIdleConnections() }

// wait probes target until it is healthy or the wait has passed (one probe
// for a wait of 0), and returns how many probes it made and the last
// failure. waiting is called once, with the first failure, when there is
// time for another probe.
func (p *prober) wait(ctx context.Context, target string, wait time.Duration, waiting func(error)) (int, error) {
	deadline := time.Now().Add(wait)
	pause := p.backoff.first
	for attempt := 1; ; attempt++ {
		timeout := p.timeout
		if wait > 0 {
			// No probe runs past the wait, but the last one still gets
			// a chance.
			timeout = min(timeout, max(time.Until(deadline), time.Millisecond))
		}
		err := p.probe(ctx, target, timeout)
		if err == nil {
			return attempt, nil
		}
		left := time.Until(deadline)
		if left <= 0 || ctx.Err() != nil {
			return attempt, err
		}
		if attempt == 1 {
			waiting(err)
		}
		t := time.NewTimer(min(pause, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return attempt, err
		case <-t.C:
		}
		pause = min(2*pause, p.backoff.longest)
	}
}

// probe asks target once.
func (p *prober) probe(ctx context.Context, target string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	resp, err := p.client.Do(req)
	if err != nil {
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("no answer within %v", timeout)
		}
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("answered %d %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var h struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(body, &h); err != nil || h.Status != "ok" {
		return fmt.Errorf("answered 200 without {\"status\":\"ok\"}: %.200s", body)
	}
	return nil
}
