package sessionmocktest

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5/middleware"
)

// abortOnRelease serves h and, when the base context has ended while h
// ran and h wrote nothing, drops the connection. A request cut short by
// Close would otherwise go out as an empty 200, which a client could take
// for a real answer.
func abortOnRelease(base context.Context, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		h.ServeHTTP(ww, r)
		if base.Err() != nil && ww.Status() == 0 {
			panic(http.ErrAbortHandler)
		}
	})
}
