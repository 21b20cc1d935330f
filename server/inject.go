package server

import (
	"net/http"
	"strings"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// serveVendor decides, from the fault rules and the request's own
// preferences, whether r is delayed, throttled, answered with an injected
// error or broken, and otherwise hands it to h.
func (s *Server) serveVendor(w http.ResponseWriter, r *http.Request, rec *exchange, h http.HandlerFunc) {
	req := fault.Request{
		Vendor: rec.vendor, Route: rec.route, Method: r.Method, Path: r.URL.Path, Header: r.Header,
	}
	if strings.Contains(r.URL.RawQuery, "__") {
		q := r.URL.Query()
		req.Query = q
		// The handler and the request validation never see the controls.
		r = r.Clone(r.Context())
		r.URL.RawQuery = fault.StripQuery(q).Encode()
	}
	if rec.route == appgate.RouteSessionInfo {
		req.DN, _ = appgate.SessionInfoDN(r.URL.Path)
	}
	// Who is calling is worked out once, for the rules that match on it,
	// for the journal, which records it whenever it is known, and for the
	// request log.
	if s.journal != nil || s.faults.MatchesOnClient() || s.logsRequests(r.Context()) {
		req.Client = s.clientOf(r, rec.vendor)
		rec.client = req.Client
	}
	d, err := s.faults.Decide(req)
	if err != nil {
		s.writeError(w, r, rec.vendor, rec.route, http.StatusBadRequest, err.Error())
		return
	}
	rec.rules, rec.answeredBy, rec.injected = d.Rules, d.AnsweredBy, injectedKind(d)
	if len(d.Applied) > 0 {
		w.Header().Set("Preference-Applied", strings.Join(d.Applied, ", "))
	}
	if d.Zero() {
		h(w, r)
		return
	}
	if kind := heldKind(d); kind != "" {
		s.metrics.heldAdd(kind, 1)
		defer s.metrics.heldAdd(kind, -1)
	}
	if d.Delay > 0 && !s.wait(r.Context(), d.Delay) {
		// Cut short (the client left, or the server is stopping): returning
		// now would send an empty 200, which a client could take for an
		// answer, so the connection goes instead.
		rec.fault = "interrupted"
		s.dropConnection(w, rec, false)
		return
	}
	switch {
	case d.Status != 0:
		rec.fault = "status"
		s.writeError(w, r, rec.vendor, rec.route, d.Status, d.Message)
	case d.Fault != "":
		rec.fault = string(d.Fault)
		s.breakAnswer(w, r, rec, d, h)
	case d.Bandwidth > 0:
		h(s.newThrottledWriter(r.Context(), w, d.Bandwidth), r)
	default:
		h(w, r)
	}
}

// clientOf works out who is calling, for rules that match on the client:
// the subject of a valid bearer token, or the credentials a token or
// login request carries.
func (s *Server) clientOf(r *http.Request, vendor string) string {
	if token, ok := bearer(authorization(r)); ok && token != "" {
		if vendor == wire.Appgate {
			if c, err := s.appgateTokens.verify(token); err == nil {
				return c.username
			}
		} else if subject, err := s.tokens.verify(vendor, token); err == nil {
			return subject
		}
	}
	if id, _, ok := r.BasicAuth(); ok {
		return id
	}
	return peekClient(r)
}
