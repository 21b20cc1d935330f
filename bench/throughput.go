package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/loadgen"
	"github.com/sessionmock/sessionmock/bench/internal/proc"
)

// Throughput targets: at least these shares of the baseline's requests
// per second.
const (
	targetValidatedShare   = 0.80
	targetUnvalidatedShare = 0.90
)

// sliceLength is roughly how long the load stays on one server before it
// moves to the next; see measureThroughput.
const sliceLength = 2 * time.Second

// Throughput scenario names, in the order of the results.
const (
	scenarioBaseline    = "baseline"
	scenarioValidated   = "validated"
	scenarioUnvalidated = "unvalidated"
)

// throughputResult is the load of one workload measured on one server.
type throughputResult struct {
	Workload string `json:"workload"`
	Scenario string `json:"scenario"`
	// Cores is the GOMAXPROCS of the server; CPUs the CPU list it was
	// pinned to, empty when it was not.
	Cores int    `json:"cores"`
	CPUs  string `json:"cpus,omitempty"`
	// LoadCPUs is the CPU list the load generator ran on, empty when it
	// was not placed; LoadShared says it had to share the servers' CPUs.
	LoadCPUs   string        `json:"load_cpus,omitempty"`
	LoadShared bool          `json:"load_shares_cpus,omitempty"`
	RPS        float64       `json:"rps"`
	P50        time.Duration `json:"p50_ns"`
	P99        time.Duration `json:"p99_ns"`
	PeakRSS    int64         `json:"peak_rss_bytes"`
	// CPUPerRequest is the server's user+system CPU time over the counted
	// load divided by its requests: what one answer costs the server,
	// whatever share of the cores the load generator took.
	CPUPerRequest time.Duration `json:"cpu_per_request_ns"`
	Requests      uint64        `json:"requests"`
	Errors        uint64        `json:"errors"`
	// FirstError says why requests failed, when some did.
	FirstError string `json:"first_error,omitempty"`
	// Share is RPS over the baseline's RPS of the same run.
	Share float64 `json:"share_of_baseline"`
	// CPUShare is the baseline's CPU per request over this one's: the
	// share a server bound by its own work would reach.
	CPUShare float64 `json:"cpu_share_of_baseline"`
}

// loadTarget is one server under load and what was counted on it.
type loadTarget struct {
	scenario string
	srv      *server
	client   *http.Client
	reqs     []*http.Request
	counted  loadgen.Result
	cpu      time.Duration
}

// slices is how many interleaved slices the counted time is cut into.
func (o options) slices() int {
	return max(1, int((o.Duration+sliceLength/2)/sliceLength))
}

// measureThroughput puts the same load of workload w on the baseline, the
// mock with request validation and the mock without. The three run side by side as
// separate processes, but only one is loaded at a time: the counted time
// is cut into slices that go round the three, so that load from elsewhere
// on a shared machine, which comes and goes over seconds, falls on all of
// them alike. Repetition rep and each slice start the round at a
// different server. All three are placed alike by pl, and the harness,
// which runs the load generator, is moved onto the CPUs pl leaves for it
// until the servers are stopped again. Before the warm-up, each server
// must answer every request of w with the bytes fetched by prepare. The
// results come in the fixed order baseline, validated, unvalidated.
func measureThroughput(ctx context.Context, o options, pin pinning, pl placement, bin binaries, w workload, rep int) (_ []throughputResult, err error) {
	if len(w.URIs) == 0 {
		return nil, fmt.Errorf("throughput %s: no requests", w.Name)
	}
	restore, err := pin.placeLoad(ctx, pl)
	if err != nil {
		return nil, err
	}
	defer func() {
		if rerr := restore(); rerr != nil && err == nil {
			err = rerr
		}
	}()
	scenarios := []string{scenarioBaseline, scenarioValidated, scenarioUnvalidated}
	targets := make([]*loadTarget, len(scenarios))
	defer func() {
		for _, t := range targets {
			if t != nil {
				t.client.CloseIdleConnections()
				t.srv.Stop()
			}
		}
	}()
	for i, sc := range scenarios {
		t, err := newLoadTarget(ctx, o, pl, bin, w, sc)
		if err != nil {
			return nil, fmt.Errorf("throughput %s %s: %w", w.Name, sc, err)
		}
		targets[i] = t
	}
	for _, t := range targets {
		if err := t.load(ctx, o, o.Warmup, false); err != nil {
			return nil, fmt.Errorf("throughput %s %s warm-up: %w", w.Name, t.scenario, err)
		}
	}
	n := o.slices()
	for slice := range n {
		for k := range targets {
			t := targets[(k+rep+slice)%len(targets)]
			// The last slice takes what rounding left over.
			d := o.Duration / time.Duration(n)
			if slice == n-1 {
				d = o.Duration - d*time.Duration(n-1)
			}
			if err := t.load(ctx, o, d, true); err != nil {
				return nil, fmt.Errorf("throughput %s %s: %w", w.Name, t.scenario, err)
			}
		}
	}
	out := make([]throughputResult, len(targets))
	for i, t := range targets {
		r, err := t.result()
		if err != nil {
			return nil, err
		}
		r.Workload = w.Name
		r.Cores, r.CPUs, r.LoadCPUs, r.LoadShared = pl.Cores, pl.CPUs, pl.Load, pl.LoadShared
		out[i] = r
	}
	for i := range out {
		if base := out[0]; base.RPS > 0 && out[i].CPUPerRequest > 0 {
			out[i].Share = out[i].RPS / base.RPS
			out[i].CPUShare = float64(base.CPUPerRequest) / float64(out[i].CPUPerRequest)
		}
	}
	return out, nil
}

// newLoadTarget starts the server of a scenario, checks that it serves
// w's answers and prepares its requests.
func newLoadTarget(ctx context.Context, o options, pl placement, bin binaries, w workload, scenario string) (*loadTarget, error) {
	var (
		s   *server
		err error
		// The baseline answers without looking at the token.
		token = "unused-by-the-baseline"
	)
	switch scenario {
	case scenarioBaseline:
		s, err = startBaseline(ctx, pl, bin.baseline, w.AnswersFile, w.URIs[0])
	case scenarioValidated:
		s, err = startMockAt(ctx, pl, bin.mock)
	case scenarioUnvalidated:
		s, err = startMockAt(ctx, pl, bin.mock, "--validate=false")
	default:
		err = fmt.Errorf("unknown scenario %q", scenario)
	}
	if err != nil {
		return nil, err
	}
	if scenario != scenarioBaseline {
		if token, err = s.api().appgateToken(ctx); err != nil {
			s.Stop()
			return nil, err
		}
	}
	if err := checkServes(ctx, s, token, w); err != nil {
		s.Stop()
		return nil, err
	}
	t := &loadTarget{scenario: scenario, srv: s, client: loadgen.NewClient(o.Concurrency)}
	for _, uri := range w.URIs {
		req, err := appgateRequest(ctx, s.base, token, uri)
		if err != nil {
			s.Stop()
			return nil, err
		}
		t.reqs = append(t.reqs, req)
	}
	return t, nil
}

// load runs the generator on t for d; counted loads add to the result and
// to the server CPU time read around them.
func (t *loadTarget) load(ctx context.Context, o options, d time.Duration, counted bool) error {
	if d <= 0 {
		return nil
	}
	cpu0, err := proc.CPUTime(t.srv.Pid())
	if err != nil {
		return err
	}
	res, err := loadgen.Run(ctx, t.client, loadgen.Config{Requests: t.reqs, Concurrency: o.Concurrency, Duration: d})
	if err != nil {
		return err
	}
	cpu1, err := proc.CPUTime(t.srv.Pid())
	if err != nil {
		return err
	}
	if counted {
		t.counted.Add(res)
		t.cpu += cpu1 - cpu0
	}
	return nil
}

func (t *loadTarget) result() (throughputResult, error) {
	rss, err := t.srv.peakRSS()
	if err != nil {
		return throughputResult{}, err
	}
	c := t.counted
	r := throughputResult{
		Scenario: t.scenario, RPS: c.RPS(),
		P50: c.Latency.Quantile(0.50), P99: c.Latency.Quantile(0.99),
		PeakRSS: rss, Requests: c.Requests, Errors: c.Errors, FirstError: c.FirstError,
	}
	if c.Requests > 0 {
		r.CPUPerRequest = t.cpu / time.Duration(c.Requests)
	}
	return r, nil
}
