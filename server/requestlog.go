package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sessionmock/sessionmock/internal/logformat"
)

// The request log: one line per vendor request at info level, one per
// admin call at debug level, through Config.Logger, so the process picks
// the format (text or JSON) and the level. A line never carries a secret:
// it names the path without its query, the client by its id or username
// and never a header, a body, a token or a password.

// logsRequests reports whether vendor requests are logged, so that what
// only the log needs (who is calling) is worked out only then.
func (s *Server) logsRequests(ctx context.Context) bool {
	return s.log.Enabled(ctx, slog.LevelInfo)
}

// logVendor writes the line of one finished vendor request: its vendor,
// route, method and path, the status (0 for a connection dropped without
// an answer), the bytes sent, how long it took, the fault injected and
// the rules that fired, the client's id or username and its address.
func (s *Server) logVendor(r *http.Request, rec *exchange, status, bytes int, end time.Time, took time.Duration) {
	ctx := r.Context()
	if !s.logsRequests(ctx) {
		return
	}
	route := rec.route
	if route == "" {
		route = noRoute
	}
	buf := lineAttrs.Get().(*[]slog.Attr)
	defer lineAttrs.Put(buf)
	attrs := (*buf)[:0]
	if rec.lines == nil {
		attrs = append(attrs, slog.String("vendor", rec.vendor), slog.String("route", route))
	}
	attrs = append(attrs,
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Int("bytes", bytes),
		slog.Float64("duration_ms", float64(took.Microseconds())/1000),
	)
	if rec.fault != "" {
		attrs = append(attrs, slog.String("fault", rec.fault))
	}
	if len(rec.rules) > 0 {
		attrs = append(attrs, slog.String("rules", strings.Join(rec.rules, ",")))
	}
	if rec.client != "" {
		attrs = append(attrs, slog.String("client", rec.client))
	}
	attrs = append(attrs, slog.String("remote", r.RemoteAddr))
	if rec.lines != nil {
		_ = rec.lines.HandleAttrs(ctx, end, slog.LevelInfo, "request", attrs)
	} else {
		s.logLine(ctx, end, slog.LevelInfo, "request", attrs)
	}
	*buf = attrs[:0]
}

// routeLines is the handler of a vendor route's request lines: serve's
// handler with the vendor and the route spelt once, as slog.Logger.With
// would add them, or nil for the fallbacks (route "", one per request)
// and for a logger whose handler takes no parts.
func (s *Server) routeLines(vendor, name string) logformat.AttrsHandler {
	if s.lines == nil || name == "" {
		return nil
	}
	h, _ := s.lines.WithAttrs([]slog.Attr{slog.String("vendor", vendor), slog.String("route", name)}).(logformat.AttrsHandler)
	return h
}

// lineAttrs keeps the attribute lists of request lines for reuse: a
// handler's interface method would make each one escape to the heap.
var lineAttrs = sync.Pool{New: func() any {
	a := make([]slog.Attr, 0, 12)
	return &a
}}

// logLine hands a line straight to the logger's handler, as
// Logger.LogAttrs would, but without the caller's program counter, which
// costs a stack walk per request and would name this file on every line
// anyway; serve's handler takes the parts without a record.
func (s *Server) logLine(ctx context.Context, at time.Time, level slog.Level, msg string, attrs []slog.Attr) {
	if s.lines != nil {
		_ = s.lines.HandleAttrs(ctx, at, level, msg, attrs)
		return
	}
	line := slog.NewRecord(at, level, msg, 0)
	line.AddAttrs(attrs...)
	_ = s.log.Handler().Handle(ctx, line)
}

// logAdmin writes one line per admin API call at debug level.
func (s *Server) logAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		ww := &answerWriter{ResponseWriter: w}
		next.ServeHTTP(ww, r)
		end := time.Now()
		s.logLine(r.Context(), end, slog.LevelDebug, "admin", []slog.Attr{
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", ww.Status()), slog.Int("bytes", ww.BytesWritten()),
			slog.Float64("duration_ms", float64(end.Sub(start).Microseconds())/1000),
			slog.String("remote", r.RemoteAddr)})
	})
}
