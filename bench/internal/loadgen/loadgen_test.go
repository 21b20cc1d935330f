package loadgen

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func newRequests(t *testing.T, base string, paths ...string) []*http.Request {
	t.Helper()
	var out []*http.Request
	for _, p := range paths {
		r, err := http.NewRequest(http.MethodGet, base+p, nil)
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Authorization", "Bearer t")
		out = append(out, r)
	}
	return out
}

func TestRunCountsAnswersAndErrors(t *testing.T) {
	body := strings.Repeat("x", 1000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t" {
			http.Error(w, "no header", http.StatusUnauthorized)
			return
		}
		if r.URL.Path == "/bad" {
			http.Error(w, "bad", http.StatusTeapot)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()

	// One worker walks /a /b /bad in order, so exactly every third
	// request fails, however fast the machine is.
	// A slow machine may fit fewer than one round in the window; the run
	// is then repeated with a longer one, a bounded number of times.
	var res Result
	var total uint64
	var window time.Duration
	for _, window = range []time.Duration{300 * time.Millisecond, time.Second, 3 * time.Second, 10 * time.Second} {
		var err error
		res, err = Run(context.Background(), NewClient(1), Config{
			Requests:    newRequests(t, srv.URL, "/a", "/b", "/bad"),
			Concurrency: 1,
			Warmup:      20 * time.Millisecond,
			Duration:    window,
		})
		if err != nil {
			t.Fatal(err)
		}
		if total = res.Requests + res.Errors; total >= 3 {
			break
		}
	}
	if total < 3 {
		t.Fatalf("only %d requests in %v", total, res.Elapsed)
	}
	if res.Errors != total/3 {
		t.Errorf("%d errors in %d requests, want %d", res.Errors, total, total/3)
	}
	if !strings.Contains(res.FirstError, "status 418") {
		t.Errorf("FirstError = %q, want the status named", res.FirstError)
	}
	if res.Bytes != int64(res.Requests)*int64(len(body)) {
		t.Errorf("bytes %d for %d answers of %d", res.Bytes, res.Requests, len(body))
	}
	if res.Latency.Count() != res.Requests {
		t.Errorf("histogram holds %d, requests %d", res.Latency.Count(), res.Requests)
	}
	if res.Elapsed < window || res.RPS() <= 0 {
		t.Errorf("elapsed %v rps %v", res.Elapsed, res.RPS())
	}
}

func TestRunKeepsConnectionsAlive(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	const conc = 4
	res, err := Run(context.Background(), NewClient(conc), Config{
		Requests: newRequests(t, srv.URL, "/"), Concurrency: conc,
		Warmup: 20 * time.Millisecond, Duration: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests == 0 || res.Errors != 0 {
		t.Fatalf("requests %d errors %d (%s)", res.Requests, res.Errors, res.FirstError)
	}
	// How many requests fit in the window depends on the machine's load;
	// the keep-alive verdict needs more requests than the connections a
	// pool with keep-alive may open.
	if res.Requests <= 2*conc {
		t.Skipf("only %d requests in the window: too few to tell keep-alive apart", res.Requests)
	}
	// The transport may dial a spare connection while a worker's own is
	// being returned, so a few more than one per worker can open at the
	// start; without keep-alive there would be one per request.
	if n := conns.Load(); n > 2*conc {
		t.Errorf("%d connections opened for %d workers and %d requests", n, conc, res.Requests)
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	t.Parallel()
	reqs := newRequests(t, "http://127.0.0.1:1", "/")
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no requests", Config{Concurrency: 1, Duration: time.Second}, "no requests"},
		{"no workers", Config{Requests: reqs, Duration: time.Second}, "concurrency 0"},
		{"no duration", Config{Requests: reqs, Concurrency: 1}, "duration 0s"},
		{"negative warm-up", Config{Requests: reqs, Concurrency: 1, Duration: time.Second, Warmup: -1}, "warm-up -1ns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), NewClient(1), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// The run is an hour long; returning at all shows the cancel stopped
	// it. The two-minute wait only keeps a broken cancel from hanging.
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, NewClient(2), Config{
			Requests: newRequests(t, srv.URL, "/"), Concurrency: 2, Duration: time.Hour,
		})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled run returned no error")
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the cancelled run did not return")
	}
}

func TestResultAdd(t *testing.T) {
	a := Result{Requests: 10, Errors: 1, Bytes: 100, Elapsed: time.Second, Latency: NewHistogram()}
	a.Latency.Record(time.Millisecond)
	b := Result{Requests: 30, Bytes: 300, Elapsed: time.Second, Latency: NewHistogram(), FirstError: "status 500"}
	b.Latency.Record(3 * time.Millisecond)
	b.Latency.Record(5 * time.Millisecond)

	var sum Result
	sum.Add(a)
	sum.Add(b)
	if sum.Requests != 40 || sum.Errors != 1 || sum.Bytes != 400 || sum.Elapsed != 2*time.Second {
		t.Fatalf("sum %+v", sum)
	}
	if sum.RPS() != 20 {
		t.Errorf("RPS %v, want 40 requests over 2 s", sum.RPS())
	}
	if sum.FirstError != "status 500" {
		t.Errorf("FirstError %q", sum.FirstError)
	}
	if sum.Latency.Count() != 3 || sum.Latency.Max() != 5*time.Millisecond || sum.Latency.Min() != time.Millisecond {
		t.Errorf("latencies: count %d min %v max %v", sum.Latency.Count(), sum.Latency.Min(), sum.Latency.Max())
	}
}
