package server

import "net/http"

// answerWriter is the response writer a request's handler writes to: it
// passes everything on and keeps the status and the body bytes, for the
// journal, the metrics and the log. It lives in the request's exchange,
// so that watching an answer costs no allocation of its own.
type answerWriter struct {
	http.ResponseWriter
	status      int // 0 until a final status is written
	bytes       int
	wroteHeader bool
}

// WriteHeader passes on informational statuses (1xx but 101) as they
// come, and the first final one; later ones are dropped, as net/http
// would drop them with a complaint in its log.
func (w *answerWriter) WriteHeader(code int) {
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	if w.wroteHeader {
		return
	}
	w.status, w.wroteHeader = code, true
	w.ResponseWriter.WriteHeader(code)
}

func (w *answerWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += n
	return n, err
}

// FlushError sends what is buffered; a flush before any status sends 200,
// so it is recorded.
func (w *answerWriter) FlushError() error {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return http.NewResponseController(w.ResponseWriter).Flush()
}

// Flush is FlushError for callers that take an http.Flusher.
func (w *answerWriter) Flush() { _ = w.FlushError() }

// Unwrap lets http.ResponseController reach the connection underneath
// (hijacking, deadlines).
func (w *answerWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Status is the final status written, 0 when none was.
func (w *answerWriter) Status() int { return w.status }

// BytesWritten is how many body bytes were passed on.
func (w *answerWriter) BytesWritten() int { return w.bytes }
