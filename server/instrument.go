package server

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// route wraps a vendor handler with what every vendor request goes
// through: fault injection and latency, then the journal.
func (s *Server) route(vendor, name string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		rec := &exchange{vendor: vendor, route: name}
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
				s.record(r, rec, ww, start)
				panic(v)
			}
		}()
		s.serveVendor(ww, r, rec, h)
		s.record(r, rec, ww, start)
	})
}

// record adds one finished vendor request to the journal.
func (s *Server) record(r *http.Request, rec *exchange, ww middleware.WrapResponseWriter, start time.Time) {
	if s.journal == nil {
		return
	}
	status := ww.Status()
	if rec.hijacked {
		status = 0
	}
	s.journal.add(JournalEntry{
		Time:   start.UTC(),
		Vendor: rec.vendor,
		Route:  rec.route,
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.RawQuery,
		// The map is the request's own: net/http makes a new one per
		// request and nothing writes to it after the handler returns,
		// so it is redacted when the journal is read, not copied here.
		Headers:  r.Header,
		Client:   rec.client,
		Status:   status,
		Bytes:    int64(ww.BytesWritten()),
		Fault:    rec.fault,
		Rules:    rec.rules,
		Duration: float64(time.Since(start).Microseconds()) / 1000,
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
}

// fallback wraps the not-found and method-not-allowed answers so that they
// are journaled like vendor routes.
func (s *Server) fallback(h http.HandlerFunc) http.HandlerFunc {
	// Unknown paths under /__mock/ never get here: the admin router
	// answers them itself.
	return func(w http.ResponseWriter, r *http.Request) {
		s.route(vendorOf(r.URL.Path), "", h).ServeHTTP(w, r)
	}
}
