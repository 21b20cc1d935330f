package main

import (
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/proc"
)

// sample is the process's memory at one point of the run.
type sample struct {
	Done       uint64        // requests answered
	Elapsed    time.Duration // since the load began
	RSS        int64         // resident memory now
	PeakRSS    int64         // resident memory at most, so far
	HeapLive   uint64        // Go heap in use right after a collection
	GoMemory   uint64        // all memory the Go runtime holds
	Goroutines uint64
	Rules      int // fault rules in the mock
	Journal    int // entries kept in the journal
}

// sampler takes samples from several workers; samples are kept in order
// of progress.
type sampler struct {
	mu      sync.Mutex
	m       *mock
	start   time.Time
	samples []sample
}

func newSampler(m *mock, start time.Time) *sampler { return &sampler{m: m, start: start} }

var memoryMetrics = []string{"/gc/heap/live:bytes", "/memory/classes/total:bytes", "/sched/goroutines:goroutines"}

// take samples now, done requests in. It collects garbage first, so the
// heap figure is what is really held.
func (s *sampler) take(done uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	runtime.GC()
	ms := make([]metrics.Sample, len(memoryMetrics))
	for i, name := range memoryMetrics {
		ms[i].Name = name
	}
	metrics.Read(ms)
	rss, _ := proc.RSS(os.Getpid()) // 0 where there is no /proc
	peak, _ := proc.PeakRSS(os.Getpid())
	entries, _ := s.m.srv.Requests()
	s.samples = append(s.samples, sample{
		Done: done, Elapsed: time.Since(s.start), RSS: rss, PeakRSS: peak,
		HeapLive: ms[0].Value.Uint64(), GoMemory: ms[1].Value.Uint64(), Goroutines: ms[2].Value.Uint64(),
		Rules: len(s.m.srv.Faults().Rules()), Journal: len(entries),
	})
}

func (s *sampler) all() []sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.samples)
	slices.SortFunc(out, func(a, b sample) int { return int(a.Done) - int(b.Done) })
	return out
}
