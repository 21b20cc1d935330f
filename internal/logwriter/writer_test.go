package logwriter

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a destination that keeps each Write it gets.
type recorder struct {
	mu     sync.Mutex
	writes [][]byte
	err    error
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = append(r.writes, bytes.Clone(p))
	if r.err != nil {
		return 0, r.err
	}
	return len(p), nil
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.writes)
}

func (r *recorder) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(bytes.Join(r.writes, nil))
}

// started is a Writer whose flushes come from tick, not from the time.
func started(dst *recorder, limit int) (*Writer, chan time.Time) {
	tick := make(chan time.Time)
	w := newWriter(dst, limit)
	go w.loop(tick)
	return w, tick
}

func TestLinesWaitForTheTickAndGoOutInOneWrite(t *testing.T) {
	t.Parallel()
	dst := &recorder{}
	w, tick := started(dst, 0)
	defer w.Close()
	for i := range 100 {
		fmt.Fprintf(w, "line %d\n", i)
	}
	if n := dst.calls(); n != 0 {
		t.Fatalf("%d writes reached the destination before any flush; want them kept", n)
	}
	tick <- time.Time{}
	tick <- time.Time{} // the loop has finished the first flush once it takes the second tick
	if n := dst.calls(); n != 1 {
		t.Fatalf("destination got %d writes for one flush; want the batch in 1", n)
	}
	var want strings.Builder
	for i := range 100 {
		fmt.Fprintf(&want, "line %d\n", i)
	}
	if got := dst.all(); got != want.String() {
		t.Fatalf("destination got %q; want the lines whole and in order", got)
	}
}

func TestAFullBufferIsWrittenAtOnce(t *testing.T) {
	t.Parallel()
	dst := &recorder{}
	w, _ := started(dst, 100)
	defer w.Close()
	line := strings.Repeat("x", 39) + "\n"
	_, _ = w.Write([]byte(line))
	_, _ = w.Write([]byte(line))
	if n := dst.calls(); n != 0 {
		t.Fatalf("80 bytes of a 100-byte limit were written out (%d writes); want them kept", n)
	}
	_, _ = w.Write([]byte(line))
	if n := dst.calls(); n != 1 {
		t.Fatalf("destination got %d writes once 120 bytes were kept; want the batch written by the Write that filled it", n)
	}
	if got := dst.all(); got != strings.Repeat(line, 3) {
		t.Fatalf("destination got %q", got)
	}
}

func TestCloseWritesTheRestAndLaterWritesGoStraightOut(t *testing.T) {
	t.Parallel()
	dst := &recorder{}
	w, _ := started(dst, 0)
	_, _ = w.Write([]byte("before\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := dst.all(); got != "before\n" {
		t.Fatalf("after Close the destination holds %q; want the kept line", got)
	}
	_, _ = w.Write([]byte("after\n"))
	if got := dst.all(); got != "before\nafter\n" {
		t.Fatalf("a write after Close was not passed straight on: %q", got)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestConcurrentWritersKeepEachLineWhole(t *testing.T) {
	t.Parallel()
	dst := &recorder{}
	w, tick := started(dst, 512)
	const writers, lines = 8, 200
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			for i := range lines {
				fmt.Fprintf(w, "writer %d line %03d %s\n", g, i, strings.Repeat("-", i%17))
			}
		})
	}
	stopTicks := make(chan struct{})
	ticked := make(chan struct{})
	go func() {
		defer close(ticked)
		for {
			select {
			case tick <- time.Time{}:
			case <-stopTicks:
				return
			}
		}
	}()
	wg.Wait()
	close(stopTicks)
	<-ticked
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	next := make([]int, writers)
	for _, line := range strings.Split(strings.TrimSuffix(dst.all(), "\n"), "\n") {
		var g, i int
		var dashes string
		n, _ := fmt.Sscanf(line, "writer %d line %d %s", &g, &i, &dashes)
		if n < 2 || g < 0 || g >= writers {
			t.Fatalf("line %q is not one that was written: lines were split or mixed", line)
		}
		if i != next[g] {
			t.Fatalf("writer %d: line %d came where line %d was due", g, i, next[g])
		}
		if want := strings.Repeat("-", i%17); dashes != want && !(want == "" && n == 2) {
			t.Fatalf("line %q lost part of itself", line)
		}
		next[g]++
	}
	for g, n := range next {
		if n != lines {
			t.Fatalf("writer %d: %d lines arrived; want %d", g, n, lines)
		}
	}
}

func TestTheDestinationsErrorIsReported(t *testing.T) {
	t.Parallel()
	broken := errors.New("disk full")
	dst := &recorder{err: broken}
	w, _ := started(dst, 0)
	_, _ = w.Write([]byte("lost\n"))
	if err := w.Flush(); !errors.Is(err, broken) {
		t.Fatalf("Flush = %v; want the destination's error", err)
	}
	if err := w.Close(); !errors.Is(err, broken) {
		t.Fatalf("Close = %v; want the destination's first error", err)
	}
}

func TestNewFlushesOnItsOwn(t *testing.T) {
	t.Parallel()
	dst := &recorder{}
	w := New(dst, time.Millisecond, 0)
	defer w.Close()
	_, _ = w.Write([]byte("soon\n"))
	// No deadline: the line must arrive by the ticker alone, however
	// slow the machine; the test's own time-out is the bound.
	for dst.calls() == 0 {
		time.Sleep(time.Millisecond)
	}
	if got := dst.all(); got != "soon\n" {
		t.Fatalf("destination got %q", got)
	}
}

func BenchmarkWriteLine(b *testing.B) {
	line := []byte(`time=2026-12-02T08:00:00.000Z level=INFO msg=request vendor=appgate route=session-info method=GET path=/admin/session-info/CN=x status=200 bytes=1808 duration_ms=0.012 client=admin remote=127.0.0.1:50000` + "\n")
	w := New(discard{}, 0, 0)
	defer w.Close()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_, _ = w.Write(line)
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
