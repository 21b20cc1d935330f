package server

import (
	"net/http"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// negotiate checks the Accept header of an Appgate request and answers the
// controller's 406 itself when the request names no supported version.
// Real tools rely on that answer: they send peer-v5 on purpose and read
// maxSupportedVersion from it.
func (s *Server) negotiate(w http.ResponseWriter, r *http.Request, route string) (int, bool) {
	v, ok := appgate.Negotiate(r.Header.Values("Accept"), s.cfg.LowestPeerVersion, s.cfg.PeerVersion)
	if !ok {
		s.writeError(w, r, wire.Appgate, route, http.StatusNotAcceptable, "")
	}
	return v, ok
}
