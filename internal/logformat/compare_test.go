package logformat

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"
)

var formats = []string{"text", "json"}

// stdHandler is the handler of slog that New must match.
func stdHandler(w *bytes.Buffer, format string, level slog.Leveler) slog.Handler {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.NewJSONHandler(w, opts)
	}
	return slog.NewTextHandler(w, opts)
}

// outputs hands r to New's handler and to slog's for format, each first
// passed through derive when it is not nil, and returns what each wrote
// and the line counts of New's two paths.
func outputs(t *testing.T, format string, r slog.Record, derive func(slog.Handler) slog.Handler) (got, want []byte, fast, std uint64) {
	t.Helper()
	var gotBuf, wantBuf bytes.Buffer
	ours := New(&gotBuf, format, slog.LevelDebug)
	theirs := stdHandler(&wantBuf, format, slog.LevelDebug)
	h := ours
	if derive != nil {
		h, theirs = derive(ours), derive(theirs)
	}
	if err := h.Handle(context.Background(), r.Clone()); err != nil {
		t.Fatalf("%s: Handle: %v", format, err)
	}
	if err := theirs.Handle(context.Background(), r.Clone()); err != nil {
		t.Fatalf("%s: slog's Handle: %v", format, err)
	}
	fast, std = ours.(*handler).out.lines()
	if derive == nil {
		// HandleAttrs, given the record's parts, writes what Handle does.
		var viaAttrs bytes.Buffer
		var attrs []slog.Attr
		r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a); return true })
		h := New(&viaAttrs, format, slog.LevelDebug).(AttrsHandler)
		if err := h.HandleAttrs(context.Background(), r.Time, r.Level, r.Message, attrs); err != nil {
			t.Fatalf("%s: HandleAttrs: %v", format, err)
		}
		if !bytes.Equal(viaAttrs.Bytes(), gotBuf.Bytes()) {
			t.Fatalf("%s: HandleAttrs wrote\n%q\nHandle wrote\n%q", format, viaAttrs.Bytes(), gotBuf.Bytes())
		}
	}
	return gotBuf.Bytes(), wantBuf.Bytes(), fast, std
}

// requestAttrs are the attributes of a vendor request's log line, every
// optional one present.
func requestAttrs() []slog.Attr {
	return []slog.Attr{
		slog.String("vendor", "segura"),
		slog.String("route", "remotesessions"),
		slog.String("method", "GET"),
		slog.String("path", "/api/session/remotesessions"),
		slog.Int("status", 503),
		slog.Int("bytes", 172),
		slog.Float64("duration_ms", 20.493),
		slog.String("fault", "status"),
		slog.String("rules", "slow-list,prefer"),
		slog.String("client", "ci"),
		slog.String("remote", "127.0.0.1:38250"),
	}
}

// record builds a record at a fixed time.
func record(level slog.Level, msg string, attrs ...slog.Attr) slog.Record {
	at := time.Date(2026, time.March, 14, 9, 26, 53, 589793238, time.UTC)
	r := slog.NewRecord(at, level, msg, 0)
	r.AddAttrs(attrs...)
	return r
}
