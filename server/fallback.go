package server

import (
	"fmt"
	"net/http"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// vendorOf tells which vendor's API a path belongs to, so that errors
// raised outside a route still come in that vendor's form.
func vendorOf(path string) string {
	if appgate.IsAdminPath(path) {
		return wire.Appgate
	}
	return wire.Segura
}

// notFound answers paths no route serves. Under Segura's /api, a request
// that carries an Authorization header reaches Segura, which answers its
// "Resource sub not found" envelope; without one, Kong's router answers
// first, and anywhere else only Kong could have answered (see kongRoutes).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, vendorOf(r.URL.Path), "", http.StatusNotFound, "")
}

// methodNotAllowed answers a known path with a method it does not serve.
// Kong routes on the method as well, so Segura's answer is Kong's 404.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if vendorOf(r.URL.Path) == wire.Appgate {
		s.writeError(w, r, wire.Appgate, "", http.StatusMethodNotAllowed,
			fmt.Sprintf("Method %s is not allowed on %s.", r.Method, r.URL.Path))
		return
	}
	s.writeError(w, r, wire.Segura, "", http.StatusNotFound, "", fromGateway())
}
