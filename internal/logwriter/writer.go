// Package logwriter batches log lines on their way to a slow destination
// (a terminal, a pipe, a container's log file): each line is kept in
// memory and written with the others of the last few milliseconds in one
// system call, instead of one call per line.
//
// A request log writes one line per request. Written one by one, the
// lines cost the server a system call each, about as much as answering
// the request itself; batched, a busy server makes a few dozen calls a
// second whatever its request rate, the way web servers buffer their
// access logs.
//
// Lines stay whole and in order. They reach the destination at most one
// flush interval late, at once when the buffer fills, and all of them on
// Flush and Close; only a crash of the process can lose the last
// interval's lines.
package logwriter

import (
	"io"
	"sync"
	"time"
)

// Defaults of New.
const (
	// DefaultInterval is how late a line may reach the destination.
	DefaultInterval = 50 * time.Millisecond
	// DefaultLimit is how many bytes are kept before they are written
	// at once, whatever the time.
	DefaultLimit = 64 << 10
)

// Writer keeps what is written to it and passes it on to its destination
// in batches. Each Write is kept whole: a line written in one call never
// reaches the destination split. It is safe for concurrent use.
type Writer struct {
	dst   io.Writer
	limit int

	mu     sync.Mutex // guards buf and closed
	buf    []byte
	spare  []byte // the buffer last written out, reused
	closed bool

	outMu sync.Mutex // serializes writes to dst, so batches keep their order
	err   error      // the destination's first error, under outMu

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// New returns a Writer to dst that writes what it holds every interval
// and whenever it holds limit bytes; zero values take the defaults. Close
// it to write the rest and end its flushing goroutine.
func New(dst io.Writer, interval time.Duration, limit int) *Writer {
	if interval <= 0 {
		interval = DefaultInterval
	}
	t := time.NewTicker(interval)
	w := newWriter(dst, limit)
	go func() {
		defer t.Stop()
		w.loop(t.C)
	}()
	return w
}

// newWriter is New without its goroutine: the caller runs loop.
func newWriter(dst io.Writer, limit int) *Writer {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Writer{dst: dst, limit: limit, stop: make(chan struct{}), done: make(chan struct{})}
}

// loop flushes on every tick until Close.
func (w *Writer) loop(tick <-chan time.Time) {
	defer close(w.done)
	for {
		select {
		case <-tick:
			_ = w.Flush()
		case <-w.stop:
			return
		}
	}
}

// Write keeps p to be written with the next batch; once the batch holds
// the limit, it is written at once, by this call. After Close, p goes
// straight to the destination. The error is the destination's first.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return w.writeOut(p)
	}
	w.buf = append(w.buf, p...)
	full := len(w.buf) >= w.limit
	w.mu.Unlock()
	if full {
		if err := w.Flush(); err != nil {
			return len(p), err
		}
	}
	return len(p), nil
}

// Flush writes what is kept now.
func (w *Writer) Flush() error {
	// outMu is taken first so that two flushes write their batches in
	// the order they took them.
	w.outMu.Lock()
	defer w.outMu.Unlock()
	w.mu.Lock()
	batch := w.buf
	w.buf, w.spare = w.spare[:0], nil
	w.mu.Unlock()
	if len(batch) == 0 {
		w.giveBack(batch)
		return w.err
	}
	if _, err := w.dst.Write(batch); err != nil && w.err == nil {
		w.err = err
	}
	w.giveBack(batch)
	return w.err
}

// giveBack keeps a written batch's memory for the next one, unless it grew
// past the limit (one huge line must not be held for ever).
func (w *Writer) giveBack(batch []byte) {
	if cap(batch) > 2*w.limit {
		return
	}
	w.mu.Lock()
	if w.spare == nil {
		w.spare = batch[:0]
	}
	w.mu.Unlock()
}

// writeOut writes p to the destination in its turn.
func (w *Writer) writeOut(p []byte) (int, error) {
	w.outMu.Lock()
	defer w.outMu.Unlock()
	n, err := w.dst.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// Close writes what is kept and stops the flushing; later writes go
// straight to the destination, after everything written before. Calling
// it again does nothing.
func (w *Writer) Close() error {
	var err error
	w.closeOnce.Do(func() {
		close(w.stop)
		<-w.done
		// Holding outMu while the last batch is taken and written keeps a
		// write made after this (which goes straight out, and waits for
		// outMu) behind it.
		w.outMu.Lock()
		defer w.outMu.Unlock()
		w.mu.Lock()
		w.closed = true
		batch := w.buf
		w.buf, w.spare = nil, nil
		w.mu.Unlock()
		if len(batch) > 0 {
			if _, werr := w.dst.Write(batch); werr != nil && w.err == nil {
				w.err = werr
			}
		}
		err = w.err
	})
	return err
}
