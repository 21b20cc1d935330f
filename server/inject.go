package server

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/fault"
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
	if rec.route == fault.RouteSessionInfo {
		req.DN = strings.TrimPrefix(r.URL.Path, sessionInfoPrefix)
	}
	if s.faults.MatchesOnClient() {
		req.Client = s.clientOf(r, rec.vendor)
		rec.client = req.Client
	}
	d, err := s.faults.Decide(req)
	if err != nil {
		s.writeError(w, r, rec, http.StatusBadRequest, err.Error())
		return
	}
	rec.rules = d.Rules
	if len(d.Applied) > 0 {
		w.Header().Set("Preference-Applied", strings.Join(d.Applied, ", "))
	}
	if d.Zero() {
		h(w, r)
		return
	}
	if d.Delay > 0 && !sleep(r.Context(), d.Delay) {
		// Cut short (the client left, or the server is closing): returning
		// now would send an empty 200, which a client could take for an
		// answer, so the connection goes instead.
		rec.fault = "interrupted"
		s.dropConnection(w, rec, false)
		return
	}
	switch {
	case d.Status != 0:
		rec.fault = "status"
		s.writeError(w, r, rec, d.Status, d.Message)
	case d.Fault != "":
		rec.fault = string(d.Fault)
		s.breakAnswer(w, r, rec, d, h)
	case d.Bandwidth > 0:
		h(newThrottledWriter(r.Context(), w, d.Bandwidth), r)
	default:
		h(w, r)
	}
}

// sleep waits d, or less when ctx ends first; it reports whether the whole
// time passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// writeError answers status with the body the vendor sends for it on this
// route, the same body a natural error of that status has.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, rec *exchange, status int, message string) {
	if rec.vendor == vendorAppgate {
		e := AppgateErrorFor(status)
		switch {
		case status == http.StatusNotAcceptable:
			e = s.notAcceptable(strings.Join(r.Header.Values("Accept"), ", "))
		case status == http.StatusUnauthorized && rec.route == fault.RouteLogin:
			e.Message = "Invalid username or password."
		}
		if message != "" {
			e.Message = message
		}
		writeAppgateError(w, e)
		return
	}
	if rec.route == fault.RouteToken {
		switch status {
		case http.StatusBadRequest:
			writeOAuthError(w, status, "invalid_request", or(message, "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."))
			return
		case http.StatusUnauthorized:
			writeOAuthError(w, status, "invalid_client", or(message, msgUnauthenticated))
			return
		}
	}
	e := SeguraErrorFor(status)
	if message != "" {
		e.Message = message
	}
	writeSeguraError(w, e)
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// clientOf works out who is calling, for rules that match on the client:
// the subject of a valid bearer token, or the credentials a token or
// login request carries.
func (s *Server) clientOf(r *http.Request, vendor string) string {
	if token, ok := bearer(r.Header.Get("Authorization")); ok && token != "" {
		if vendor == vendorAppgate {
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

// resetFaults restores the fault rules the server started with, with
// fresh counters.
func (s *Server) resetFaults() {
	// The start rules were valid when the server was built.
	_, _ = s.faults.Replace(s.cfg.Faults)
	s.faults.ResetCounters()
}
