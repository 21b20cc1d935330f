package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// vendorOf tells which vendor's API a path belongs to, so that errors
// raised outside a route still come in that vendor's form.
func vendorOf(path string) string {
	if strings.HasPrefix(path, "/admin/") || path == "/admin" {
		return vendorAppgate
	}
	return vendorSegura
}

// notFound answers paths no route serves. Under Segura's /api, a request
// that carries an Authorization header reaches Segura, which answers its
// "Resource sub not found" envelope; without one, Kong's router answers
// first. Anywhere else only Kong could have answered.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if vendorOf(r.URL.Path) == vendorAppgate {
		writeAppgateError(w, AppgateErrorFor(http.StatusNotFound))
		return
	}
	if strings.HasPrefix(r.URL.Path, "/api/") && r.Header.Get("Authorization") != "" {
		writeSeguraError(w, SeguraErrorFor(http.StatusNotFound))
		return
	}
	writeSeguraError(w, kongNoRoute)
}

// methodNotAllowed answers a known path with a method it does not serve.
// Kong routes on the method as well, so Segura's answer is Kong's 404.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if vendorOf(r.URL.Path) == vendorAppgate {
		writeAppgateError(w, appgateError(http.StatusMethodNotAllowed,
			fmt.Sprintf("Method %s is not allowed on %s.", r.Method, r.URL.Path)))
		return
	}
	writeSeguraError(w, kongNoRoute)
}

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
			if vendorOf(r.URL.Path) == vendorAppgate {
				writeAppgateError(w, AppgateErrorFor(http.StatusInternalServerError))
			} else {
				writeSeguraError(w, SeguraErrorFor(http.StatusInternalServerError))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// logRequests writes one line per request at debug level.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path,
			"status", ww.Status(), "bytes", ww.BytesWritten(), "duration", time.Since(start))
	})
}
