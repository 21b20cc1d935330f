package logformat

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"testing"
	"time"
)

// The lines a server writes per request take the fast path and come out
// as slog's.
func TestFastPathWritesServerLines(t *testing.T) {
	cases := map[string]slog.Record{
		"request":         record(slog.LevelInfo, "request", requestAttrs()...),
		"request, short":  record(slog.LevelInfo, "request", requestAttrs()[:7]...),
		"admin, at debug": record(slog.LevelDebug, "admin", requestAttrs()[2:7]...),
		"no attributes":   record(slog.LevelWarn, "listening"),
		"quoted values": record(slog.LevelError, "a message", slog.String("path", "/a b"),
			slog.String("rules", `x="y"`), slog.String("empty", "")),
		"every fast kind": record(slog.LevelInfo+2, "kinds", slog.Int("i", -3), slog.Uint64("u", math.MaxUint64),
			slog.Float64("f", 1e-7), slog.Float64("g", 1e21), slog.Bool("b", true)),
		"zero time": slog.NewRecord(time.Time{}, slog.LevelInfo, "request", 0),
		"zone east": slog.NewRecord(time.Date(2026, 1, 2, 3, 4, 5, 6000000, time.FixedZone("", 19800)),
			slog.LevelInfo, "request", 0),
	}
	for name, r := range cases {
		for _, format := range formats {
			got, want, fast, std := outputs(t, format, r, nil)
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %s:\n got %q\nwant %q", name, format, got, want)
			}
			if fast != 1 || std != 0 {
				t.Errorf("%s, %s: %d lines on the fast path and %d by slog, want 1 and 0", name, format, fast, std)
			}
		}
	}
}

// The request line, spelled out, so that a change on both sides would
// still be caught.
func TestRequestLineBytes(t *testing.T) {
	r := record(slog.LevelInfo, "request", requestAttrs()...)
	want := map[string]string{
		"text": `time=2026-03-14T09:26:53.589Z level=INFO msg=request vendor=segura route=remotesessions ` +
			`method=GET path=/api/session/remotesessions status=503 bytes=172 duration_ms=20.493 ` +
			`fault=status rules=slow-list,prefer client=ci remote=127.0.0.1:38250` + "\n",
		"json": `{"time":"2026-03-14T09:26:53.589793238Z","level":"INFO","msg":"request","vendor":"segura",` +
			`"route":"remotesessions","method":"GET","path":"/api/session/remotesessions","status":503,` +
			`"bytes":172,"duration_ms":20.493,"fault":"status","rules":"slow-list,prefer","client":"ci",` +
			`"remote":"127.0.0.1:38250"}` + "\n",
	}
	for _, format := range formats {
		if got, _, _, _ := outputs(t, format, r, nil); string(got) != want[format] {
			t.Errorf("%s:\n got %s\nwant %s", format, got, want[format])
		}
	}
}

type secret string

func (secret) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// What the fast path leaves to slog's handler still comes out as slog's.
func TestFallbacksMatchSlog(t *testing.T) {
	plain := func(attrs ...slog.Attr) func() slog.Record {
		return func() slog.Record { return record(slog.LevelInfo, "m", attrs...) }
	}
	at := func(tm time.Time) func() slog.Record {
		return func() slog.Record { return slog.NewRecord(tm, slog.LevelInfo, "m", 0) }
	}
	cases := []struct {
		name     string
		derive   func(slog.Handler) slog.Handler
		record   func() slog.Record
		fastText bool // whether the text handler writes the line itself
		fastJSON bool
	}{
		// Attributes of the fast kinds are spelt once, for the fast path.
		{name: "WithAttrs", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.String("mock", "a b")})
		}, record: plain(requestAttrs()...), fastText: true, fastJSON: true},
		{name: "WithAttrs twice", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.String("vendor", "appgate")}).WithAttrs([]slog.Attr{slog.Int("n", 2)})
		}, record: plain(requestAttrs()...), fastText: true, fastJSON: true},
		{name: "WithAttrs, then a record the fast path leaves", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.String("vendor", "appgate")})
		}, record: plain(slog.Duration("took", time.Second))},
		{name: "WithAttrs of another kind", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.String("a", "b")}).WithAttrs([]slog.Attr{slog.Any("err", errors.New("x"))})
		}, record: plain(requestAttrs()...)},
		{name: "WithAttrs then WithGroup", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.String("a", "b")}).WithGroup("g")
		}, record: plain(requestAttrs()...)},
		{name: "WithGroup", derive: func(h slog.Handler) slog.Handler {
			return h.WithGroup("g").WithAttrs([]slog.Attr{slog.Int("n", 1)})
		}, record: plain(requestAttrs()...)},
		{name: "group attribute", record: plain(slog.Group("g", slog.String("k", "v")), slog.Int("n", 1))},
		// The record itself drops an empty group.
		{name: "empty group", record: plain(slog.String("k", "v"), slog.Group("g")), fastText: true, fastJSON: true},
		{name: "error value", record: plain(slog.Any("err", errors.New("no route to host")))},
		{name: "bytes value", record: plain(slog.Any("raw", []byte("a\x00b")))},
		{name: "duration", record: plain(slog.Duration("took", 1500*time.Microsecond))},
		{name: "time attribute", record: plain(slog.Time("at", time.Unix(1, 2)))},
		{name: "LogValuer", record: plain(slog.Any("token", secret("s3cret")))},
		{name: "empty key", record: plain(slog.String("", "v"))},
		{name: "NaN", record: plain(slog.Float64("f", math.NaN())), fastText: true},
		{name: "infinity", record: plain(slog.Float64("f", math.Inf(-1))), fastText: true},
		{name: "year 10000", record: at(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))},
		{name: "year -1", record: at(time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC))},
	}
	for _, c := range cases {
		for _, format := range formats {
			got, want, fast, std := outputs(t, format, c.record(), c.derive)
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %s:\n got %q\nwant %q", c.name, format, got, want)
			}
			wantFast := c.fastText
			if format == "json" {
				wantFast = c.fastJSON
			}
			if wantFast && (fast != 1 || std != 0) || !wantFast && (fast != 0 || std != 1) {
				t.Errorf("%s, %s: %d lines on the fast path and %d by slog, want the fast path: %v",
					c.name, format, fast, std, wantFast)
			}
		}
	}
}

func TestEnabledFollowsTheLevel(t *testing.T) {
	level := new(slog.LevelVar)
	for _, format := range formats {
		h := New(new(bytes.Buffer), format, level)
		for _, min := range []slog.Level{slog.LevelDebug, slog.LevelWarn, slog.LevelError + 1} {
			level.Set(min)
			for _, l := range []slog.Level{slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError} {
				if got := h.Enabled(context.Background(), l); got != (l >= min) {
					t.Errorf("%s at %v: Enabled(%v) = %v", format, min, l, got)
				}
			}
		}
		if h := New(new(bytes.Buffer), format, nil); h.Enabled(context.Background(), slog.LevelDebug) ||
			!h.Enabled(context.Background(), slog.LevelInfo) {
			t.Errorf("%s: without a level, the minimum is not info", format)
		}
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestHandleReturnsTheWriteError(t *testing.T) {
	full := errors.New("disk full")
	for _, format := range formats {
		h := New(failingWriter{full}, format, nil)
		for _, r := range []slog.Record{record(slog.LevelInfo, "fast"), record(slog.LevelInfo, "std", slog.Group("g", "k", 1))} {
			if err := h.Handle(context.Background(), r); !errors.Is(err, full) {
				t.Errorf("%s, %s: Handle returned %v, want %v", format, r.Message, err, full)
			}
		}
	}
}

// The fast path reuses its buffers: a record costs no allocation.
func TestFastPathAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop buffers at random")
	}
	r := record(slog.LevelInfo, "request", requestAttrs()...)
	for _, format := range formats {
		h := New(discard{}, format, nil)
		allocs := testing.AllocsPerRun(200, func() { _ = h.Handle(context.Background(), r) })
		if allocs != 0 {
			t.Errorf("%s: %.1f allocations per record, want none", format, allocs)
		}
		attrs := requestAttrs()
		ah := h.(AttrsHandler)
		allocs = testing.AllocsPerRun(200, func() {
			_ = ah.HandleAttrs(context.Background(), r.Time, r.Level, r.Message, attrs)
		})
		if allocs != 0 {
			t.Errorf("%s: %.1f allocations per HandleAttrs, want none", format, allocs)
		}
	}
}

// discard is io.Discard without its io.ReaderFrom, so a buffer handed to
// it is seen as escaping, as it is with a real writer.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
