package server

import (
	"fmt"
	"net/http"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// appgateAuth checks the bearer token of an Appgate request and answers
// 401 (no, bad, expired, revoked or unfinished token) or 403 (no
// SessionInfo privilege) itself.
func (s *Server) appgateAuth(w http.ResponseWriter, r *http.Request, route string) bool {
	fail := func(status int, message string) { s.writeError(w, r, wire.Appgate, route, status, message) }
	token, present := bearer(authorization(r))
	if !present || token == "" {
		fail(http.StatusUnauthorized, "Missing bearer token. Login first.")
		return false
	}
	c, err := s.appgateTokens.verify(token)
	if err == nil && c.stage != stageFinal {
		err = errTokenStage
	}
	user, ok := s.appgateUser(c.provider, c.username)
	if err != nil || !ok {
		fail(http.StatusUnauthorized, tokenMessage(err))
		return false
	}
	if !user.SessionInfo {
		fail(http.StatusForbidden, "Insufficient permissions to access this resource. The SessionInfo privilege is required.")
		return false
	}
	return true
}

// appgateSessionInfo answers GET /admin/session-info/{distinguished-name}.
// The name arrives with raw commas (curl), with %2C (the official client
// path-escapes it) or fully percent-encoded; URL.Path holds it decoded in
// every case.
func (s *Server) appgateSessionInfo(w http.ResponseWriter, r *http.Request) {
	const route = appgate.RouteSessionInfo
	fail := func(status int, message string) { s.writeError(w, r, wire.Appgate, route, status, message) }
	version, ok := s.negotiate(w, r, route)
	if !ok {
		return
	}
	if !s.appgateAuth(w, r, route) {
		return
	}
	raw, _ := appgate.SessionInfoDN(r.URL.Path)
	// Answers are cached under what they depend on (sessionInfoKey), so a
	// repeated call skips generating and encoding it: under a fixed clock
	// by its instant and the changes' version, which takes no look at the
	// world, and not even the name's parse (an answer is kept only for a
	// name that parsed); under a live one by the stamp of what the client
	// shows.
	live := s.live.Load()
	now := live.cfg.Clock.Now()
	key := sessionInfoKey{dn: raw, v21: version <= discoveredAppsTill}
	fixed := live.cfg.Clock.Mode() == clock.Fixed
	var kept cachedAnswer
	hit := false
	if fixed {
		key.at, key.changes = now.UnixNano(), live.world.changes.Version()
		kept, hit = live.world.sessionInfoBodies.get(key)
	}
	var dn appgate.DN
	if !hit {
		// Names are kept parsed under the spelling the client sent, so a
		// repeated call does not parse it again.
		var parsed bool
		if dn, parsed = s.parsedDNs.get(raw); !parsed {
			var err error
			if dn, err = appgate.ParseDN(raw); err != nil {
				// The vendor documents no 400 here: a name that cannot
				// be parsed names no session, so it is answered like an
				// unknown one.
				fail(http.StatusNotFound, fmt.Sprintf("Invalid distinguished name %q: %v", raw, err))
				return
			}
			s.parsedDNs.put(raw, dn)
		}
	}
	if err := s.validateRequest(r, wire.Appgate); err != nil {
		fail(http.StatusNotFound, err.Error())
		return
	}
	if hit {
		kept.write(w)
		return
	}
	view := live.cfg.World.View(now, live.world.changes).Appgate()
	keep := fixed
	if !fixed {
		key.stamp = view.Stamp(dn)
		if keep = key.stamp != 0; keep {
			if a, ok := live.world.sessionInfoBodies.get(key); ok {
				a.write(w)
				return
			}
		}
	}
	client, _, found := view.Lookup(dn)
	if !found {
		fail(http.StatusNotFound, fmt.Sprintf("No active client session found for %s.", dn))
		return
	}
	body, err := marshalSessionInfo(client.Info, version)
	if err != nil {
		fail(http.StatusInternalServerError, "")
		return
	}
	a := newCachedAnswer(body)
	if keep {
		live.world.sessionInfoBodies.put(key, a)
	}
	a.write(w)
}

// sessionInfoKey is what a session-info answer depends on: the name as
// the client spelled it, whether the version wants the older shape, and
// the world's state: under a fixed clock its instant (at) and the
// version of the changes read before the view (see Changes.Version);
// under a live clock the stamp of what the client shows at this instant
// (which Gateways it is on), at and changes left zero.
type sessionInfoKey struct {
	dn      string
	stamp   uint64
	at      int64
	changes uint64
	v21     bool
}
