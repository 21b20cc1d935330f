package logformat

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// writeRecorder keeps every Write apart and notes when two overlap. It
// takes no lock of its own, so overlapping writes are also a data race
// for -race to report.
type writeRecorder struct {
	inFlight atomic.Int32
	overlaps atomic.Int32
	writes   [][]byte
}

func (w *writeRecorder) Write(p []byte) (int, error) {
	if w.inFlight.Add(1) > 1 {
		w.overlaps.Add(1)
	}
	defer w.inFlight.Add(-1)
	w.writes = append(w.writes, bytes.Clone(p))
	return len(p), nil
}

// Lines of both paths written at once from many goroutines reach the
// writer whole, one Write each, never two Writes at a time.
// NewShared leaves the serializing to its writer, which must keep the
// lines just as whole.
func TestConcurrentLinesStayWhole(t *testing.T) {
	for _, shared := range []bool{false, true} {
		for _, format := range formats {
			w := new(writeRecorder)
			var h slog.Handler
			if shared {
				h = NewShared(&serialized{w: w}, format, nil)
			} else {
				h = New(w, format, nil)
			}
			linesStayWhole(t, format, w, h, !shared)
		}
	}
}

// linesStayWhole logs from many goroutines, half through the standard
// handler's path, and checks what reached w; counted says whether h
// counts the lines of each path (New does, NewShared keeps no counts).
func linesStayWhole(t *testing.T, format string, w *writeRecorder, h slog.Handler, counted bool) {
	t.Helper()
	const goroutines, perGoroutine = 8, 100
	long := strings.Repeat("x", 2000) // long lines give a torn write a chance to show
	logger := slog.New(h)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := logger
			if g%2 == 1 {
				// A duration is not a fast kind: the standard handler's path.
				l = logger.With("via", time.Second)
			}
			for i := range perGoroutine {
				l.Info("line", "g", g, "i", i, "pad", long)
			}
		}()
	}
	wg.Wait()

	if n := w.overlaps.Load(); n > 0 {
		t.Errorf("%s: %d writes overlapped another", format, n)
	}
	if len(w.writes) != goroutines*perGoroutine {
		t.Fatalf("%s: %d writes, want one per line: %d", format, len(w.writes), goroutines*perGoroutine)
	}
	seen := make(map[string]bool)
	for _, p := range w.writes {
		line := string(p)
		if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") || !strings.Contains(line, long) {
			t.Fatalf("%s: a write is not one whole line: %.200q", format, line)
		}
		var g, i int
		pattern := "g=%d i=%d "
		at := strings.Index(line, " g=") + 1
		if format == "json" {
			pattern = `"g":%d,"i":%d,`
			at = strings.Index(line, `"g":`)
		}
		if _, err := fmt.Sscanf(line[at:], pattern, &g, &i); err != nil {
			t.Fatalf("%s: %v in %.200q", format, err, line)
		}
		id := fmt.Sprint(g, ".", i)
		if seen[id] {
			t.Fatalf("%s: line %s written twice", format, id)
		}
		seen[id] = true
	}
	half := uint64(goroutines * perGoroutine / 2)
	if fast, std := h.(*handler).out.lines(); counted && (fast != half || std != half) {
		t.Errorf("%s: %d lines on the fast path and %d by slog, want %d each", format, fast, std, half)
	}
}

// serialized is a writer that takes concurrent writes, one at a time, as
// a shared writer must (NewShared).
type serialized struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *serialized) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// NewShared writes the bytes New writes.
func TestSharedWritesNewsBytes(t *testing.T) {
	for _, format := range formats {
		// The same record, through New and through NewShared.
		r := record(slog.LevelInfo, "request", requestAttrs()...)
		var viaNew, viaShared bytes.Buffer
		_ = New(&viaNew, format, nil).Handle(context.Background(), r)
		_ = NewShared(&viaShared, format, nil).Handle(context.Background(), r)
		if viaNew.String() != viaShared.String() || viaNew.Len() == 0 {
			t.Errorf("%s: NewShared wrote %q, New %q", format, viaShared.String(), viaNew.String())
		}
	}
}
