package server

import (
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/internal/logformat"
)

// vendorRoute wraps a vendor handler with what every vendor request goes
// through: the fault decision (serveVendor), then finish.
func (s *Server) vendorRoute(vendor, name string, h http.HandlerFunc) http.Handler {
	routeMetrics := s.metrics.route(vendor, name)
	lines := s.routeLines(vendor, name)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &exchange{vendor: vendor, route: name, clock: s.Now(), metrics: routeMetrics, lines: lines}
		rec.answer.ResponseWriter = w
		ww := &rec.answer
		// A handler that aborts the answer (http.ErrAbortHandler) is
		// journaled too, without a status, before net/http drops the
		// connection.
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					rec.hijacked = true
				} else {
					rec.fault = "panic" // the recoverer answers 500
				}
				s.finish(r, rec, ww, start)
				panic(v)
			}
		}()
		body, err := s.readBody(ww, r, maxVendorBody)
		if err != nil {
			status, msg := bodyError(err)
			s.writeError(ww, r, vendor, name, status, msg)
		} else {
			s.serveVendor(ww, body, rec, h)
		}
		s.finish(r, rec, ww, start)
	})
}

// exchange carries what the journal records about one request beyond the
// request and response themselves.
type exchange struct {
	vendor, route string
	client        string
	fault         string
	rules         []string
	hijacked      bool
	clock         time.Time // the world clock's time when the request came
	// answeredBy and injected are the rule (or preference) that chose an
	// injected answer, and its kind (see injectedKind), for the metrics.
	answeredBy, injected string
	metrics              *routeMetrics // nil when metrics are off
	// lines writes the route's request lines with the vendor and the
	// route spelt once (see routeLines); nil to write them whole.
	lines logformat.AttrsHandler
	// answer is the writer the handler writes to, which keeps the status
	// and the bytes sent.
	answer answerWriter
}

// finish is the end of every vendor request, answered or dropped: its
// journal entry, its metrics and its log line.
func (s *Server) finish(r *http.Request, rec *exchange, ww *answerWriter, start time.Time) {
	end := time.Now() // one reading for the journal, the metrics and the log
	took := end.Sub(start)
	status := ww.Status()
	if rec.hijacked {
		status = 0
	}
	s.record(r, rec, ww, start, took)
	s.metrics.observe(rec.metrics, rec, status, took)
	s.logVendor(r, rec, status, ww.BytesWritten(), end, took)
}

// fallback wraps the not-found and method-not-allowed answers so that they
// are journaled like vendor routes.
func (s *Server) fallback(h http.HandlerFunc) http.HandlerFunc {
	// Unknown paths under /__mock/ never get here: the admin router
	// answers them itself.
	return func(w http.ResponseWriter, r *http.Request) {
		s.vendorRoute(vendorOf(r.URL.Path), "", h).ServeHTTP(w, r)
	}
}
