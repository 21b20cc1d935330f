package logformat

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"time"
)

// New returns a handler that writes records to w as slog.NewTextHandler
// does, or as slog.NewJSONHandler does when format is "json", with level
// as the minimum level (nil means info, as in slog.HandlerOptions).
func New(w io.Writer, format string, level slog.Leveler) slog.Handler {
	return newHandler(&lockedWriter{w: w}, format, level)
}

// NewShared is New for a writer that takes whole writes from many
// goroutines at once, each written whole and in the order taken (the
// batching writer of package logwriter is one): the handler then writes
// without a lock of its own, so that a line takes one lock, not two.
func NewShared(w io.Writer, format string, level slog.Leveler) slog.Handler {
	return newHandler(&lockedWriter{w: w, shared: true}, format, level)
}

func newHandler(out *lockedWriter, format string, level slog.Leveler) slog.Handler {
	opts := &slog.HandlerOptions{Level: level}
	h := &handler{json: format == "json", level: level, out: out}
	if h.json {
		h.std = slog.NewJSONHandler(out, opts)
	} else {
		h.std = slog.NewTextHandler(out, opts)
	}
	return h
}

// handler formats the common record itself and leaves every other to
// std, which writes through the same lock.
type handler struct {
	json  bool
	level slog.Leveler
	out   *lockedWriter
	std   slog.Handler
	// pre are the attributes of WithAttrs, spelt in the format, which
	// every line writes after its message; std has them too.
	pre []byte
}

// lockedWriter serializes the writes of both paths to one writer, unless
// the writer is shared (NewShared), which serializes them itself. It
// counts the lines of each path, so that a test can tell which one a
// record took; the counts cost nothing as they are kept under the lock
// that a write takes anyway, and a shared writer keeps none.
type lockedWriter struct {
	mu     sync.Mutex
	w      io.Writer
	shared bool
	fast   uint64 // lines the appender wrote
	std    uint64 // lines the standard handler wrote
}

// Write is the standard handler's way out.
func (l *lockedWriter) Write(p []byte) (int, error) {
	if l.shared {
		return l.w.Write(p)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.std++
	return l.w.Write(p)
}

func (l *lockedWriter) writeFast(p []byte) error {
	if l.shared {
		_, err := l.w.Write(p)
		return err
	}
	l.mu.Lock()
	l.fast++
	_, err := l.w.Write(p)
	l.mu.Unlock()
	return err
}

// lines reports how many lines each path has written.
func (l *lockedWriter) lines() (fast, std uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.fast, l.std
}

func (h *handler) Enabled(_ context.Context, l slog.Level) bool {
	min := slog.LevelInfo
	if h.level != nil {
		min = h.level.Level()
	}
	return l >= min
}

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	// The attributes are copied out, so that both ways in share one
	// appender; a record of the server's has a dozen at most.
	var inline [16]slog.Attr
	attrs := inline[:0]
	r.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, a)
		return true
	})
	if written, err := h.write(r.Time, r.Level, r.Message, attrs); written {
		return err
	}
	return h.std.Handle(ctx, r)
}

// AttrsHandler is a handler that takes a record's parts without the
// record: HandleAttrs(ctx, t, level, msg, attrs) writes what
// Handle(ctx, r) writes for r := slog.NewRecord(t, level, msg, 0) with
// attrs added, without building r. A caller that writes a line per
// request (the server) checks for it, and builds the record for any
// other handler.
type AttrsHandler interface {
	slog.Handler
	HandleAttrs(ctx context.Context, t time.Time, level slog.Level, msg string, attrs []slog.Attr) error
}

// HandleAttrs implements AttrsHandler.
func (h *handler) HandleAttrs(ctx context.Context, t time.Time, level slog.Level, msg string, attrs []slog.Attr) error {
	if written, err := h.write(t, level, msg, attrs); written {
		return err
	}
	r := slog.NewRecord(t, level, msg, 0)
	r.AddAttrs(attrs...)
	return h.std.Handle(ctx, r)
}

// write appends the line and writes it, or reports false, having written
// nothing, for a line the fast path leaves to the standard handler.
func (h *handler) write(t time.Time, level slog.Level, msg string, attrs []slog.Attr) (written bool, err error) {
	bp := getBuffer()
	defer putBuffer(bp)
	var ok bool
	if h.json {
		*bp, ok = appendJSONLine((*bp)[:0], t, level, msg, h.pre, attrs)
	} else {
		*bp, ok = appendTextLine((*bp)[:0], t, level, msg, h.pre, attrs)
	}
	if !ok {
		return false, nil
	}
	return true, h.out.writeFast(*bp)
}

// appendAttrs appends attrs, each as sep, its key, kv and its value,
// spelt as JSON or as text. It reports false, and stops, at the first
// attribute the fast path leaves to the standard handler: an empty key,
// or a kind other than string, integer, float and bool (or a JSON float
// that JSON cannot hold).
func appendAttrs(b []byte, attrs []slog.Attr, json bool) ([]byte, bool) {
	sep, kv := byte(' '), byte('=')
	if json {
		sep, kv = ',', ':'
	}
	str := func(b []byte, s string) []byte {
		if json {
			return appendJSONString(b, s)
		}
		return appendTextString(b, s)
	}
	for _, a := range attrs {
		if a.Key == "" {
			return b, false
		}
		b = append(b, sep)
		b = str(b, a.Key)
		b = append(b, kv)
		switch v := a.Value; v.Kind() {
		case slog.KindString:
			b = str(b, v.String())
		case slog.KindInt64:
			b = strconv.AppendInt(b, v.Int64(), 10)
		case slog.KindUint64:
			b = strconv.AppendUint(b, v.Uint64(), 10)
		case slog.KindFloat64:
			var ok bool
			if json {
				b, ok = appendJSONFloat(b, v.Float64())
			} else {
				b, ok = appendTextFloat(b, v.Float64())
			}
			if !ok {
				return b, false
			}
		case slog.KindBool:
			b = strconv.AppendBool(b, v.Bool())
		default:
			return b, false
		}
	}
	return b, true
}

// WithAttrs spells attrs once, for every line of the handler it returns,
// as slog's handlers do; attributes the fast path leaves alone hand the
// handler over to the standard one, as WithGroup always does.
func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	pre, ok := appendAttrs(slices.Clip(h.pre), attrs, h.json)
	if !ok {
		return h.std.WithAttrs(attrs)
	}
	return &handler{json: h.json, level: h.level, out: h.out, std: h.std.WithAttrs(attrs), pre: pre}
}

func (h *handler) WithGroup(name string) slog.Handler { return h.std.WithGroup(name) }

// Buffers are kept for reuse up to maxKeptBuffer bytes, so that one huge
// record does not pin its memory for ever.
const (
	initialBuffer = 1 << 10
	maxKeptBuffer = 16 << 10
)

var bufferPool = sync.Pool{New: func() any {
	b := make([]byte, 0, initialBuffer)
	return &b
}}

func getBuffer() *[]byte { return bufferPool.Get().(*[]byte) }

func putBuffer(b *[]byte) {
	if cap(*b) > maxKeptBuffer {
		return
	}
	bufferPool.Put(b)
}
