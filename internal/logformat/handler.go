package logformat

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
)

// New returns a handler that writes records to w as slog.NewTextHandler
// does, or as slog.NewJSONHandler does when format is "json", with level
// as the minimum level (nil means info, as in slog.HandlerOptions).
func New(w io.Writer, format string, level slog.Leveler) slog.Handler {
	out := &lockedWriter{w: w}
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
}

// lockedWriter serializes the writes of both paths to one writer. It
// counts the lines of each path, so that a test can tell which one a
// record took; the counts cost nothing as they are kept under the lock
// that a write takes anyway.
type lockedWriter struct {
	mu   sync.Mutex
	w    io.Writer
	fast uint64 // lines the appender wrote
	std  uint64 // lines the standard handler wrote
}

// Write is the standard handler's way out.
func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.std++
	return l.w.Write(p)
}

func (l *lockedWriter) writeFast(p []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fast++
	_, err := l.w.Write(p)
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
	bp := getBuffer()
	defer putBuffer(bp)
	var ok bool
	if h.json {
		*bp, ok = appendJSONLine((*bp)[:0], &r)
	} else {
		*bp, ok = appendTextLine((*bp)[:0], &r)
	}
	if !ok {
		return h.std.Handle(ctx, r)
	}
	return h.out.writeFast(*bp)
}

// appendAttrs appends the attributes of r, each as sep, its key, kv and
// its value, with str and float spelling strings and floats in the
// format's way. It reports false, and stops, at the first attribute the
// fast path leaves to the standard handler: an empty key, or a kind other
// than string, integer, float and bool (or a float float refuses).
func appendAttrs(b []byte, r *slog.Record, sep, kv byte,
	str func([]byte, string) []byte, float func([]byte, float64) ([]byte, bool)) ([]byte, bool) {
	ok := true
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "" {
			ok = false
			return false
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
			b, ok = float(b, v.Float64())
		case slog.KindBool:
			b = strconv.AppendBool(b, v.Bool())
		default:
			ok = false
		}
		return ok
	})
	return b, ok
}

// WithAttrs and WithGroup hand over to the standard handler: the lines
// stay right, and they are not the ones a server writes per request.
func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler { return h.std.WithAttrs(attrs) }
func (h *handler) WithGroup(name string) slog.Handler       { return h.std.WithGroup(name) }

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
