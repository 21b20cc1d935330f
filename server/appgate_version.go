package server

import "net/http"

type versionResponse struct {
	PeerVersion                int `json:"peerVersion"`
	LowestPeerVersionSupported int `json:"lowestPeerVersionSupported"`
}

// appgateVersion needs neither a token nor a peer Accept header: the
// vendor documents it as the one route that takes application/json.
func (s *Server) appgateVersion(w http.ResponseWriter, r *http.Request) {
	writeValue(w, http.StatusOK, versionResponse{
		PeerVersion: s.cfg.PeerVersion, LowestPeerVersionSupported: s.cfg.LowestPeerVersion,
	})
}
