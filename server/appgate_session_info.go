package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/sessionmock/sessionmock/fixtures"
)

const sessionInfoPrefix = "/admin/session-info/"

// appgateAuth checks the bearer token of an Appgate request and answers
// 401 (no, bad, expired, revoked or unfinished token) or 403 (no
// SessionInfo privilege) itself.
func (s *Server) appgateAuth(w http.ResponseWriter, r *http.Request) bool {
	token, present := bearer(r.Header.Get("Authorization"))
	if !present || token == "" {
		writeAppgateError(w, appgateError(http.StatusUnauthorized, "Missing bearer token. Login first."))
		return false
	}
	c, err := s.appgateTokens.verify(token)
	if err == nil && c.stage != stageFinal {
		err = errTokenStage
	}
	user, ok := s.appgateUser(c.provider, c.username)
	if err != nil || !ok {
		writeAppgateError(w, appgateError(http.StatusUnauthorized, tokenMessage(err)))
		return false
	}
	if !user.SessionInfo {
		writeAppgateError(w, appgateError(http.StatusForbidden,
			"Insufficient permissions to access this resource. The SessionInfo privilege is required."))
		return false
	}
	return true
}

// appgateSessionInfo answers GET /admin/session-info/{distinguished-name}.
// The name arrives with raw commas (curl), with %2C (the official client
// path-escapes it) or fully percent-encoded; URL.Path holds it decoded in
// every case.
func (s *Server) appgateSessionInfo(w http.ResponseWriter, r *http.Request) {
	version, ok := s.negotiate(w, r)
	if !ok {
		return
	}
	if !s.appgateAuth(w, r) {
		return
	}
	raw := strings.TrimPrefix(r.URL.Path, sessionInfoPrefix)
	// Answers are cached under the name as the client spelled it, so a
	// repeated call skips parsing it too; the older versions' shape under
	// a key of its own.
	key := raw
	if version <= discoveredAppsTill {
		key = "v21\x00" + raw
	}
	if body, ok := s.sessionInfoBodies.get(key); ok && s.validators == nil {
		writeJSON(w, http.StatusOK, body)
		return
	}
	dn, err := fixtures.ParseDN(raw)
	if err != nil {
		// The vendor documents no 400 here: a name that cannot be parsed
		// names no session, so it is answered like an unknown one.
		writeAppgateError(w, appgateError(http.StatusNotFound,
			fmt.Sprintf("Invalid distinguished name %q: %v", raw, err)))
		return
	}
	if err := s.validateRequest(r, vendorAppgate); err != nil {
		writeAppgateError(w, appgateError(http.StatusNotFound, err.Error()))
		return
	}
	body, ok := s.sessionInfoBodies.get(key)
	if !ok {
		client, found := s.cfg.World.Appgate().Lookup(dn)
		if !found {
			writeAppgateError(w, appgateError(http.StatusNotFound,
				fmt.Sprintf("No active client session found for %s.", dn)))
			return
		}
		if body, err = marshalSessionInfo(client.Info, version); err != nil {
			writeAppgateError(w, AppgateErrorFor(http.StatusInternalServerError))
			return
		}
		s.sessionInfoBodies.put(key, body)
	}
	writeJSON(w, http.StatusOK, body)
}

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
