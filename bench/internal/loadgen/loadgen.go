package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Config is one load run.
type Config struct {
	// Requests are cycled over by every worker, each worker starting at a
	// different one. They are templates: each worker sends clones of its
	// own, made once, so the generator costs the same for every target.
	Requests []*http.Request
	// Concurrency is the number of workers, each with at most one request
	// in flight; it is also the size of the keep-alive pool.
	Concurrency int
	// Warmup is run first and not counted: it opens the connections and
	// lets both sides reach a steady state.
	Warmup time.Duration
	// Duration is how long requests are counted.
	Duration time.Duration
}

// Result is what one load run measured.
type Result struct {
	Requests uint64        // answered with 200 and read to the end
	Errors   uint64        // other statuses, transport errors, short bodies
	Bytes    int64         // body bytes read from the 200 answers
	Elapsed  time.Duration // from the first counted send to the last answer
	Latency  *Histogram    // of the 200 answers
	// FirstError describes one failure, so a run full of errors says why.
	FirstError string
}

// RPS is the rate of successful requests.
func (r Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

func (c Config) check() error {
	switch {
	case len(c.Requests) == 0:
		return errors.New("loadgen: no requests to send")
	case c.Concurrency < 1:
		return fmt.Errorf("loadgen: concurrency %d is below 1", c.Concurrency)
	case c.Duration <= 0:
		return fmt.Errorf("loadgen: duration %v is not positive", c.Duration)
	case c.Warmup < 0:
		return fmt.Errorf("loadgen: warm-up %v is negative", c.Warmup)
	}
	return nil
}

// NewClient is a keep-alive client whose pool holds one connection per
// worker, so a steady run never opens a new one.
func NewClient(concurrency int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConns:        concurrency,
		MaxIdleConnsPerHost: concurrency,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}}
}

// Run warms up, then sends requests for c.Duration and returns what was
// counted. A cancelled ctx ends the run early with ctx's error.
func Run(ctx context.Context, client *http.Client, c Config) (Result, error) {
	if err := c.check(); err != nil {
		return Result{}, err
	}
	if c.Warmup > 0 {
		if _, err := phase(ctx, client, c, c.Warmup); err != nil {
			return Result{}, err
		}
	}
	return phase(ctx, client, c, c.Duration)
}

// worker is one sender's tally; the tallies are merged after the phase.
type worker struct {
	hist     *Histogram
	ok, errs uint64
	bytes    int64
	firstErr string
}

func phase(ctx context.Context, client *http.Client, c Config, d time.Duration) (Result, error) {
	workers := make([]*worker, c.Concurrency)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{hist: NewHistogram()}
		workers[i] = w
		wg.Go(func() { w.loop(ctx, client, c.Requests, i, deadline) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	res := Result{Elapsed: elapsed, Latency: NewHistogram()}
	for _, w := range workers {
		res.Latency.Merge(w.hist)
		res.Requests += w.ok
		res.Errors += w.errs
		res.Bytes += w.bytes
		if res.FirstError == "" {
			res.FirstError = w.firstErr
		}
	}
	return res, nil
}

// loop sends until the deadline; a request in flight at the deadline is
// finished and counted, and Elapsed runs until it is.
func (w *worker) loop(ctx context.Context, client *http.Client, templates []*http.Request, first int, deadline time.Time) {
	// A request may be sent again once its answer's body is closed.
	reqs := make([]*http.Request, len(templates))
	for i, r := range templates {
		reqs[i] = r.Clone(ctx)
	}
	for i := first; ctx.Err() == nil; i++ {
		t0 := time.Now()
		if !t0.Before(deadline) {
			return
		}
		n, err := send(client, reqs[i%len(reqs)])
		lat := time.Since(t0)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			w.errs++
			if w.firstErr == "" {
				w.firstErr = err.Error()
			}
			continue
		}
		w.ok++
		w.bytes += n
		w.hist.Record(lat)
	}
}

// send does one request and reads the whole body, which is what lets the
// connection go back to the pool.
func send(client *http.Client, req *http.Request) (int64, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return n, fmt.Errorf("%s %s: reading the body: %w", req.Method, req.URL.Path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return n, fmt.Errorf("%s %s: body of %d bytes, Content-Length %d", req.Method, req.URL.Path, n, resp.ContentLength)
	}
	return n, nil
}

// Add folds o into r, as if both had been one run: counts and times are
// summed and the latencies merged. It lets a measurement be taken in
// slices interleaved with other measurements.
func (r *Result) Add(o Result) {
	if r.Latency == nil {
		r.Latency = NewHistogram()
	}
	if o.Latency != nil {
		r.Latency.Merge(o.Latency)
	}
	r.Requests += o.Requests
	r.Errors += o.Errors
	r.Bytes += o.Bytes
	r.Elapsed += o.Elapsed
	if r.FirstError == "" {
		r.FirstError = o.FirstError
	}
}
