package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/proc"
)

const (
	// readyTimeout bounds how long a server may take to answer at all.
	readyTimeout = 30 * time.Second
	// readyPoll is how often a starting server is asked whether it is up;
	// it is also the resolution of the start-up times.
	readyPoll = time.Millisecond
)

// server is one running server under test.
type server struct {
	*proc.Process
	base  string // http://127.0.0.1:port
	ready time.Time
}

// childEnv is the harness's environment without the mock's own
// variables, so a SESSIONMOCK_ setting of the user cannot change what is
// measured.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SESSIONMOCK_") {
			env = append(env, kv)
		}
	}
	return env
}

// startServer starts bin on a free loopback port (passed with addrFlag),
// placed as pl says, and returns once ready answers. The caller must Stop
// it.
func startServer(ctx context.Context, pl placement, bin, addrFlag string, args []string, ready func(ctx context.Context, base string) error) (*server, error) {
	addr, err := proc.FreeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	path, argv := pl.command(bin, append([]string{addrFlag, addr}, args...))
	p, err := proc.Start(path, argv, pl.env(childEnv()))
	if err != nil {
		return nil, err
	}
	s := &server{Process: p, base: "http://" + addr}
	rctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	s.ready, err = p.WaitReady(rctx, readyPoll, func(ctx context.Context) error { return ready(ctx, s.base) })
	if err != nil {
		p.Stop()
		return nil, fmt.Errorf("%s %s: %w", bin, strings.Join(args, " "), err)
	}
	return s, nil
}

// probeClient is used for readiness and set-up requests: no keep-alive, so
// a poll never waits on a stale connection, and a short time-out per try.
func probeClient() *http.Client {
	return &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true},
	}
}

// startMock starts the mock with args and waits for its health answer.
func startMock(ctx context.Context, bin string, args ...string) (*server, error) {
	return startMockAt(ctx, placement{}, bin, args...)
}

// startMockAt is startMock placed as pl says.
func startMockAt(ctx context.Context, pl placement, bin string, args ...string) (*server, error) {
	hc := probeClient()
	return startServer(ctx, pl, bin, "--addr", args, func(ctx context.Context, base string) error {
		return mockAPI{base: base, hc: hc}.healthy(ctx)
	})
}

// startBaseline starts the baseline serving the answers in file, and waits
// until probePath answers 200.
// It is placed as pl says.
func startBaseline(ctx context.Context, pl placement, bin, file, probePath string) (*server, error) {
	hc := probeClient()
	return startServer(ctx, pl, bin, "-addr", []string{"-bodies", file}, func(ctx context.Context, base string) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+probePath, nil)
		if err != nil {
			return err
		}
		_, _, err = mockAPI{base: base, hc: hc}.do(req)
		return err
	})
}

// api is a client for the mock s.
func (s *server) api() mockAPI { return mockAPI{base: s.base, hc: probeClient()} }

// peakRSS reads the server's peak resident memory so far.
func (s *server) peakRSS() (int64, error) { return proc.PeakRSS(s.Pid()) }
