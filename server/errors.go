package server

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// errorAnswer is a vendor's error answer, ready to send.
type errorAnswer struct {
	status int
	header http.Header // beyond the JSON content type; nil for none
	body   any
}

func (a errorAnswer) write(w http.ResponseWriter) {
	for k, v := range a.header {
		w.Header()[k] = v
	}
	writeValue(w, a.status, a.body)
}

// errorOption refines an error answer where the vendor, route and status do
// not decide it alone.
type errorOption func(*errorDetail)

type errorDetail struct {
	gateway   bool
	code      int
	exception bool
	oauth     string
	fields    []appgate.FieldError
	reason    string
}

// fromGateway makes a Segura error the answer of the Kong gateway in front
// of the appliance rather than the appliance's own.
func fromGateway() errorOption { return func(d *errorDetail) { d.gateway = true } }

// withErrorCode sets a Segura error's error_code, which is the status's
// otherwise.
func withErrorCode(code int) errorOption { return func(d *errorDetail) { d.code = code } }

// withException adds the exception block, with the error code, to a
// Segura error (the one-session errors).
func withException() errorOption { return func(d *errorDetail) { d.exception = true } }

// withOAuthCode sets the OAuth error code of a 400 of the token endpoint,
// invalid_request otherwise.
func withOAuthCode(code string) errorOption { return func(d *errorDetail) { d.oauth = code } }

// withFields lists the fields at fault in an Appgate 422.
func withFields(fields ...appgate.FieldError) errorOption {
	return func(d *errorDetail) { d.fields = fields }
}

// withReason sets the reason of an Appgate sign-in step's 401.
func withReason(reason string) errorOption { return func(d *errorDetail) { d.reason = reason } }

// vendorError turns (vendor, route, status, message) into the vendor's
// error answer: status, headers and body. It is the one place where a
// status becomes a body, for the errors the handlers raise, the injected
// ones and those of the fallbacks alike, so the same status on the same
// route always has the same form. An empty message is the vendor's own
// message for the status on that route; route is "" outside any route.
func (s *Server) vendorError(r *http.Request, vendor, route string, status int, message string, opts ...errorOption) errorAnswer {
	var d errorDetail
	for _, o := range opts {
		o(&d)
	}
	if vendor == wire.Appgate {
		return s.appgateError(r, route, status, message, d)
	}
	return seguraError(r, route, status, message, d)
}

// writeError sends the answer of vendorError.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, vendor, route string, status int, message string, opts ...errorOption) {
	s.vendorError(r, vendor, route, status, message, opts...).write(w)
}

// appgateError: every error is {id, message}. A 406 names the versions the
// mock accepts and the Accept header received; a 401 of the login is a
// credentials error, not a token error.
func (s *Server) appgateError(r *http.Request, route string, status int, message string, d errorDetail) errorAnswer {
	e := appgate.ErrorFor(status)
	switch {
	case status == http.StatusNotAcceptable:
		e = appgate.NotAcceptable(s.cfg.LowestPeerVersion, s.cfg.PeerVersion, strings.Join(r.Header.Values("Accept"), ", "))
	case status == http.StatusUnauthorized && (route == appgate.RouteLogin || route == appgate.RouteAuthentication):
		e.Message, e.Reason = appgate.MsgBadCredentials, appgate.ReasonBadCredentials
	}
	if message != "" {
		e.Message = message
	}
	e.Fields = d.fields
	if d.reason != "" {
		e.Reason = d.reason
	}
	return errorAnswer{status: status, body: e.Body()}
}

// seguraError: the token endpoint's 400 and 401 come from its OAuth server;
// every other error is the appliance's envelope or, for time-outs and
// requests the gateway cannot route, Kong's {"message"}.
func seguraError(r *http.Request, route string, status int, message string, d errorDetail) errorAnswer {
	if status == http.StatusNotFound && !kongRoutes(r) {
		d.gateway = true
	}
	if route == segura.RouteToken && !d.gateway {
		switch status {
		case http.StatusBadRequest:
			body := segura.NewOAuthError(cmp.Or(d.oauth, segura.OAuthInvalidRequest), cmp.Or(message, segura.MsgOAuthInvalidRequest))
			return errorAnswer{status: status, body: body}
		case http.StatusUnauthorized:
			a := errorAnswer{status: status, body: segura.NewOAuthError(segura.OAuthInvalidClient, cmp.Or(message, segura.MsgUnauthenticated))}
			if _, _, basic := r.BasicAuth(); basic {
				a.header = http.Header{"Www-Authenticate": {`Basic realm="OAuth"`}}
			}
			return a
		}
	}
	e := segura.ErrorFor(status)
	if d.gateway {
		e = segura.KongErrorFor(status)
	}
	if message != "" {
		e.Message = message
	}
	if d.code != 0 {
		e.Code = d.code
	}
	if d.exception {
		e.Exception = e.Code
	}
	return errorAnswer{status: status, body: e.Body()}
}

// kongRoutes reports whether Segura's Kong gateway passes r on to the
// appliance rather than answering its own 404: it routes only paths under
// /api/ that carry an Authorization header. So a 404, whether it arises
// or is injected, is Kong's for any other request.
func kongRoutes(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, segura.APIPrefix) && r.Header.Get("Authorization") != ""
}
