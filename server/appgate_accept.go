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
	v, ok := s.peerVersion(r.Header["Accept"])
	if !ok {
		s.writeError(w, r, wire.Appgate, route, http.StatusNotAcceptable, "")
	}
	return v, ok
}

// Bounds of the cache of Accept headers read: clients send the same one
// on every call, so a few hundred spellings cover any run.
const (
	acceptCacheSize = 256
	maxCachedAccept = 256 // longer headers are read every time
)

// peerVersion is appgate.Negotiate with the configured versions, its
// answer kept for a lone Accept header, which is read once per spelling.
func (s *Server) peerVersion(accept []string) (int, bool) {
	if len(accept) != 1 || len(accept[0]) > maxCachedAccept {
		return appgate.Negotiate(accept, s.cfg.LowestPeerVersion, s.cfg.PeerVersion)
	}
	if n, hit := s.acceptVersions.get(accept[0]); hit {
		return n.version, n.ok
	}
	v, ok := appgate.Negotiate(accept, s.cfg.LowestPeerVersion, s.cfg.PeerVersion)
	s.acceptVersions.put(accept[0], negotiated{v, ok})
	return v, ok
}

// negotiated is a kept answer of appgate.Negotiate.
type negotiated struct {
	version int
	ok      bool
}
