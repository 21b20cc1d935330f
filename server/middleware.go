package server

import (
	"fmt"
	"net/http"
	"runtime/debug"
)

// recoverer turns a panic in a handler into the vendor's 500 answer and a
// log line, instead of a dropped connection and a stack on stderr.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // net/http's own signal to drop the connection
			}
			s.log.Error("handler panic", "method", r.Method, "path", r.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.writeError(w, r, vendorOf(r.URL.Path), "", http.StatusInternalServerError, "")
		}()
		next.ServeHTTP(w, r)
	})
}
