package server

import (
	"context"
	"errors"
	"net/http"
	"time"
)

var errClientGone = errors.New("client went away")

// throttledWriter caps the body at a number of bytes per second: it sends
// pieces of a twentieth of a second's worth and waits between them.
type throttledWriter struct {
	http.ResponseWriter
	s     *Server
	ctx   context.Context
	rate  int64
	start time.Time
	sent  int64
}

func (s *Server) newThrottledWriter(ctx context.Context, w http.ResponseWriter, rate int64) *throttledWriter {
	return &throttledWriter{ResponseWriter: w, s: s, ctx: ctx, rate: rate}
}

func (t *throttledWriter) Write(p []byte) (int, error) {
	if t.start.IsZero() {
		t.start = time.Now()
	}
	piece := max(int(t.rate/20), 1)
	written := 0
	rc := http.NewResponseController(t.ResponseWriter)
	for len(p) > 0 {
		n := min(piece, len(p))
		// Wait until sending n more bytes keeps within the rate.
		due := t.start.Add(time.Duration(float64(t.sent+int64(n)) / float64(t.rate) * float64(time.Second)))
		if wait := time.Until(due); wait > 0 && !t.s.wait(t.ctx, wait) {
			if !t.s.simulationsStopped() {
				return written, errClientGone
			}
			// The server is stopping: the cap is lifted and the rest
			// of the answer goes at once.
			m, err := t.ResponseWriter.Write(p)
			return written + m, err
		}
		m, err := t.ResponseWriter.Write(p[:n])
		written += m
		t.sent += int64(m)
		if err != nil {
			return written, err
		}
		_ = rc.Flush()
		p = p[n:]
	}
	return written, nil
}

// Unwrap lets http.ResponseController reach the connection underneath.
func (t *throttledWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
