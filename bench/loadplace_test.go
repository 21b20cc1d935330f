package main

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// fakePinner records where the harness was asked to move, and fails the
// calls whose number (from 1) is in fail.
type fakePinner struct {
	mu    sync.Mutex
	calls []string
	fail  []int
	// cancelled notes calls made with a context already done.
	cancelled []string
}

func (f *fakePinner) pin(ctx context.Context, cpus string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, cpus)
	if ctx.Err() != nil {
		f.cancelled = append(f.cancelled, cpus)
	}
	if slices.Contains(f.fail, len(f.calls)) {
		return errors.New("sched_setaffinity: invalid argument")
	}
	return nil
}

func (f *fakePinner) pinning(allowed ...int) pinning {
	return pinning{Taskset: "/usr/bin/taskset", Allowed: allowed, pinSelf: f.pin}
}

func TestLoadPlacementSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		allowed     string
		n           int
		servers     string
		load        string
		shared      bool
		label       string
		movesToLoad bool
	}{
		{"0-1", 1, "0", "1", false, "1 core (CPU 0), load on CPU 1", true},
		{"0-1", 2, "0-1", "0-1", true, "2 cores (CPU 0-1), load shares the servers' CPUs", false},
		{"0,2,4-5", 2, "0,2", "4-5", false, "2 cores (CPU 0,2), load on CPU 4-5", true},
		{"3", 1, "3", "3", true, "1 core (CPU 3), load shares the servers' CPUs", false},
	}
	for _, tt := range tests {
		allowed, err := parseCPUList(tt.allowed)
		if err != nil {
			t.Fatal(err)
		}
		f := &fakePinner{}
		pin := f.pinning(allowed...)
		pl := pin.place(tt.n)
		if pl.CPUs != tt.servers || pl.Load != tt.load || pl.LoadShared != tt.shared {
			t.Errorf("allowed %s, %d cores: servers %q, load %q shared %v; want %q, %q shared %v",
				tt.allowed, tt.n, pl.CPUs, pl.Load, pl.LoadShared, tt.servers, tt.load, tt.shared)
		}
		if got := pl.label(); got != tt.label {
			t.Errorf("label %q, want %q", got, tt.label)
		}
		restore, err := pin.placeLoad(t.Context(), pl)
		if err != nil {
			t.Fatal(err)
		}
		if err := restore(); err != nil {
			t.Fatal(err)
		}
		want := []string(nil)
		if tt.movesToLoad {
			want = []string{tt.load, tt.allowed}
		}
		if !slices.Equal(f.calls, want) {
			t.Errorf("allowed %s, %d cores: harness moved to %q, want %q", tt.allowed, tt.n, f.calls, want)
		}
	}
}

func TestLoadPlacementWithoutPinning(t *testing.T) {
	t.Parallel()
	for _, pin := range []pinning{{Note: "not pinned: taskset not found"}, (&fakePinner{}).pinning(0, 1)} {
		// No taskset, or more cores than allowed CPUs: the servers get
		// GOMAXPROCS only and the harness stays where it is.
		pl := pin.place(3)
		if pl.Load != "" || pl.LoadShared || pl.label() != "3 cores" {
			t.Errorf("%+v: load placed without pinned servers (%q)", pl, pl.label())
		}
		restore, err := pin.placeLoad(t.Context(), pl)
		if err != nil || restore() != nil {
			t.Errorf("placeLoad without pinning: %v", err)
		}
	}
}

func TestPlaceLoadRestoresOnFailure(t *testing.T) {
	t.Parallel()
	f := &fakePinner{fail: []int{1}}
	pin := f.pinning(0, 1, 2)
	_, err := pin.placeLoad(t.Context(), pin.place(1))
	if err == nil || !strings.HasPrefix(err.Error(), "moving the load generator onto CPU 1-2: sched_setaffinity") {
		t.Fatalf("err = %v", err)
	}
	if !slices.Equal(f.calls, []string{"1-2", "0-2"}) {
		t.Errorf("calls %q: a failed move must still be undone", f.calls)
	}

	// Moving back fails: both failures are told.
	f = &fakePinner{fail: []int{1, 2}}
	pin = f.pinning(0, 1, 2)
	if _, err := pin.placeLoad(t.Context(), pin.place(1)); err == nil || !strings.Contains(err.Error(), "moving the harness back onto CPU 0-2") {
		t.Errorf("err = %v", err)
	}

	// The move back is told too when it alone fails.
	f = &fakePinner{fail: []int{2}}
	pin = f.pinning(0, 1, 2)
	restore, err := pin.placeLoad(t.Context(), pin.place(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := restore(); err == nil || !strings.HasPrefix(err.Error(), "moving the harness back onto CPU 0-2: ") {
		t.Errorf("restore err = %v", err)
	}
}

func TestPlaceLoadRestoresAfterCancel(t *testing.T) {
	t.Parallel()
	f := &fakePinner{}
	pin := f.pinning(0, 1)
	ctx, cancel := context.WithCancel(t.Context())
	restore, err := pin.placeLoad(ctx, pin.place(1))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := restore(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.calls, []string{"1", "0-1"}) || !slices.Equal(f.cancelled, nil) {
		t.Errorf("calls %q, with a done context %q: Ctrl-C must not keep the harness from moving back", f.calls, f.cancelled)
	}
}

// A throughput measurement that fails moves the harness back too: here
// the servers cannot even start.
func TestMeasureThroughputRestoresOnError(t *testing.T) {
	t.Parallel()
	f := &fakePinner{}
	pin := f.pinning(0, 1)
	bin := binaries{mock: "/nonexistent/sessionmock", baseline: "/nonexistent/baseline"}
	set := workload{Name: workloadSessionInfo, URIs: []string{appgate.SessionInfoPath("CN=a,OU=b")}}
	o := options{Concurrency: 1}
	_, err := measureThroughput(t.Context(), o, pin, pin.place(1), bin, set, 0)
	if err == nil || !strings.Contains(err.Error(), "throughput session-info baseline") {
		t.Fatalf("err = %v, want the baseline failing to start", err)
	}
	if !slices.Equal(f.calls, []string{"1", "0-1"}) {
		t.Errorf("harness moved to %q, want onto the load CPU and back", f.calls)
	}

	// The move itself failing is the error, and nothing is started.
	f = &fakePinner{fail: []int{1}}
	pin = f.pinning(0, 1)
	if _, err := measureThroughput(t.Context(), o, pin, pin.place(1), bin, set, 0); err == nil || !strings.HasPrefix(err.Error(), "moving the load generator") {
		t.Errorf("err = %v", err)
	}
	if !slices.Equal(f.calls, []string{"1", "0-1"}) {
		t.Errorf("harness moved to %q, want onto the load CPU and back", f.calls)
	}
}
