package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// maxBody bounds what is read of an answer; the longest, the default
// Segura list, is about 17 KB.
const maxBody = 1 << 20

// kindResult is what one kind of request got over the run.
type kindResult struct {
	kind       kind
	sent       atomic.Uint64
	unexpected atomic.Uint64
	first      atomic.Pointer[string] // the first unexpected answer
}

// result is the whole run.
type result struct {
	opts    options
	kinds   []*kindResult
	cycle   int // requests in one turn of the mix
	admin   int // admin requests in one turn
	elapsed time.Duration
	samples []sample
}

// soak sends o.N requests of the mix with o.Concurrency workers and
// samples memory at o.Samples even steps of progress, plus once before.
func soak(ctx context.Context, o options, m *mock, progress func(string, ...any)) (*result, error) {
	kinds := mix()
	order := cycle(kinds)
	res := &result{opts: o, cycle: len(order)}
	for _, k := range kinds {
		res.kinds = append(res.kinds, &kindResult{kind: k})
		if k.admin {
			res.admin += k.weight
		}
	}
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: o.Concurrency, MaxIdleConnsPerHost: o.Concurrency, DisableCompression: true,
	}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	t, err := newTarget(ctx, client, m)
	if err != nil {
		return nil, err
	}

	start := time.Now()
	sampler := newSampler(m, start)
	sampler.take(0)
	step := max(o.N/o.Samples, 1)
	var next atomic.Uint64
	var wg sync.WaitGroup
	for range o.Concurrency {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= o.N {
					return
				}
				sl := order[i%len(order)]
				kr := res.kinds[sl.kind]
				send(client, t, kr, i/len(order)*kr.kind.weight+sl.occurrence)
				if done := i + 1; done%step == 0 || done == o.N {
					sampler.take(uint64(done))
					progress("%d of %d requests", done, o.N)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.elapsed = time.Since(start)
	res.samples = sampler.all()
	return res, nil
}

// send makes one request of kr and checks its answer.
func send(client *http.Client, t *target, kr *kindResult, n int) {
	kr.sent.Add(1)
	req, err := kr.kind.build(t, n)
	var a answer
	if err != nil {
		a.err = err
	} else {
		a = do(client, req)
	}
	if err := kr.kind.check(a); err != nil {
		if kr.unexpected.Add(1) == 1 {
			msg := err.Error()
			kr.first.Store(&msg)
		}
	}
}

func do(client *http.Client, req *http.Request) answer {
	resp, err := client.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	return answer{status: resp.StatusCode, body: body, err: err}
}

// newTarget gets the tokens, ids and DNs the mix sends.
func newTarget(ctx context.Context, client *http.Client, m *mock) (*target, error) {
	t := &target{base: m.base}
	for i := range m.world.Segura().Len() {
		t.ids = append(t.ids, m.world.Segura().At(i).ID)
	}
	for i := range m.world.Appgate().Len() {
		t.dns = append(t.dns, m.world.Appgate().At(i).DN.String())
	}
	if len(t.ids) == 0 || len(t.dns) == 0 {
		return nil, errors.New("the mock serves no records")
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		Token       string `json:"token"`
	}
	for _, k := range mix() {
		if k.name != "segura token" && k.name != "appgate login" {
			continue
		}
		req, err := k.build(t, 0)
		if err != nil {
			return nil, err
		}
		a := do(client, req.WithContext(ctx))
		if err := k.check(a); err != nil {
			return nil, fmt.Errorf("%s: %w", k.name, err)
		}
		if err := json.Unmarshal(a.body, &tok); err != nil {
			return nil, fmt.Errorf("%s: %w", k.name, err)
		}
	}
	t.seguraToken, t.appgateToken = tok.AccessToken, tok.Token
	if t.seguraToken == "" || t.appgateToken == "" {
		return nil, errors.New("no tokens from the mock")
	}
	return t, nil
}
