package logformat

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// BenchmarkRequestLine compares slog's handlers with New's on the line a
// vendor request writes, as the server writes it: through a Logger.
func BenchmarkRequestLine(b *testing.B) {
	attrs := requestAttrs()
	handlers := []struct {
		name string
		new  func(io.Writer, *slog.HandlerOptions) slog.Handler
	}{
		{"slog-text", func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewTextHandler(w, o) }},
		{"logformat-text", func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return New(w, "text", o.Level) }},
		{"slog-json", func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return slog.NewJSONHandler(w, o) }},
		{"logformat-json", func(w io.Writer, o *slog.HandlerOptions) slog.Handler { return New(w, "json", o.Level) }},
	}
	for _, h := range handlers {
		b.Run(h.name+"/logger", func(b *testing.B) {
			logger := slog.New(h.new(discard{}, &slog.HandlerOptions{Level: slog.LevelInfo}))
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				logger.LogAttrs(ctx, slog.LevelInfo, "request", attrs...)
			}
		})
		// The handler alone, on a record made once.
		b.Run(h.name+"/handle", func(b *testing.B) {
			handler := h.new(discard{}, &slog.HandlerOptions{Level: slog.LevelInfo})
			r := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
			r.AddAttrs(attrs...)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				_ = handler.Handle(ctx, r)
			}
		})
	}
}

// BenchmarkRequestLineAttrs is the server's way in: HandleAttrs, given
// the line's parts.
func BenchmarkRequestLineAttrs(b *testing.B) {
	attrs := requestAttrs()
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			h := New(discard{}, format, nil).(AttrsHandler)
			ctx := context.Background()
			at := time.Now()
			b.ReportAllocs()
			for b.Loop() {
				_ = h.HandleAttrs(ctx, at, slog.LevelInfo, "request", attrs)
			}
		})
	}
}
