package server

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// otpInitAnswer is the answer of POST /admin/authentication/otp/initialize
// for the built-in time-based OTP provider and a user who already has a
// seed: the one-time password is asked for next.
type otpInitAnswer struct {
	Type string `json:"type"`
}

type otpRequest struct {
	OTP   *string `json:"otp"`
	State *string `json:"state"`
}

// maxOTPBytes bounds the body of the OTP steps.
const maxOTPBytes = 4 << 10

// signInToken checks the bearer token of a sign-in step and returns its
// claims and user; a token of any stage will do. It answers 401 itself.
func (s *Server) signInToken(w http.ResponseWriter, r *http.Request, route string) (appgateClaims, AppgateUser, bool) {
	token, present := bearer(r.Header.Get("Authorization"))
	if !present || token == "" {
		s.writeError(w, r, wire.Appgate, route, http.StatusUnauthorized, "Missing bearer token. Login first.")
		return appgateClaims{}, AppgateUser{}, false
	}
	c, err := s.appgateTokens.verify(token)
	var user AppgateUser
	ok := err == nil
	if ok {
		user, ok = s.appgateUser(c.provider, c.username)
	}
	if !ok {
		s.writeError(w, r, wire.Appgate, route, http.StatusUnauthorized, tokenMessage(err))
		return appgateClaims{}, AppgateUser{}, false
	}
	return c, user, true
}

// signInStep starts a sign-in step: the Accept header's version and the
// bearer token's claims and user, or false once it has answered.
func (s *Server) signInStep(w http.ResponseWriter, r *http.Request, route string) (int, appgateClaims, AppgateUser, bool) {
	version, ok := s.negotiate(w, r, route)
	if !ok {
		return 0, appgateClaims{}, AppgateUser{}, false
	}
	c, user, ok := s.signInToken(w, r, route)
	return version, c, user, ok
}

// tokenMessage words a rejected Appgate token's 401.
func tokenMessage(err error) string {
	switch {
	case errors.Is(err, errTokenExpired):
		return "Token has expired. Login again."
	case errors.Is(err, errTokenRevoked):
		return "Token has been revoked by a logout. Login again."
	case errors.Is(err, errTokenStage):
		return "Token is only good for completing the sign-in: call GET /admin/authorization with it first."
	}
	return "Token error. Login again."
}

// appgateAuthorization is GET /admin/authorization, the last sign-in step:
// a partial token becomes the final one, a final token is confirmed as it
// is (the vendor's CLI checks a stored token so), and a user who still
// owes the one-time password gets 412.
func (s *Server) appgateAuthorization(w http.ResponseWriter, r *http.Request) {
	const route = appgate.RouteAuthorization
	fail := func(status int, message string, opts ...errorOption) {
		s.writeError(w, r, wire.Appgate, route, status, message, opts...)
	}
	version, c, user, ok := s.signInStep(w, r, route)
	if !ok {
		return
	}
	switch c.stage {
	case stageNeedsOTP:
		fail(http.StatusPreconditionFailed, "A one-time password is required: POST /admin/authentication/otp/initialize, then /admin/authentication/otp.")
	case stageFinal:
		token, _ := bearer(r.Header.Get("Authorization"))
		s.writeLoginAnswer(w, version, user, token, unixTime(c.expires), false)
	default:
		c.stage = stageFinal
		s.writeSignIn(w, version, user, c)
	}
}

// appgateOTPInitialize is POST /admin/authentication/otp/initialize: with a
// token that owes the one-time password, the built-in OTP provider is ready
// for it. The optional body ({"userPassword"}) is read and not needed.
func (s *Server) appgateOTPInitialize(w http.ResponseWriter, r *http.Request) {
	st, ok := s.otpStep(w, r, appgate.RouteOTPInitialize)
	if !ok {
		return
	}
	c, body, fail := st.claims, st.body, st.fail
	if len(bytes.TrimSpace(body)) > 0 {
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil {
			fail(http.StatusBadRequest, "Request body is not a JSON object: "+describeJSONError(err))
			return
		}
	}
	if c.stage != stageNeedsOTP {
		fail(http.StatusBadRequest, "This sign-in needs no one-time password.")
		return
	}
	writeValue(w, http.StatusOK, otpInitAnswer{Type: "AlreadySeeded"})
}

// appgateOTP is POST /admin/authentication/otp: the right one-time password
// gives a token that GET /admin/authorization turns into the final one.
func (s *Server) appgateOTP(w http.ResponseWriter, r *http.Request) {
	st, ok := s.otpStep(w, r, appgate.RouteOTP)
	if !ok {
		return
	}
	version, c, user, body, fail := st.version, st.claims, st.user, st.body, st.fail
	var req otpRequest
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&req); err != nil {
		fail(http.StatusBadRequest, "Request body is not a valid one-time password request: "+describeJSONError(err))
		return
	}
	if req.OTP == nil || *req.OTP == "" {
		fail(http.StatusUnprocessableEntity, "", withFields(appgate.FieldError{Field: "otp", Message: "otp is required."}))
		return
	}
	if c.stage != stageNeedsOTP {
		fail(http.StatusBadRequest, "This sign-in needs no one-time password.")
		return
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(*req.OTP)), []byte(user.OTP)) != 1 {
		fail(http.StatusUnauthorized, appgate.MsgBadOTP, withReason(appgate.ReasonBadOTP))
		return
	}
	c.stage = stageOTPVerified
	s.writeSignIn(w, version, user, c)
}

// otpRequestStep is what an OTP step starts from: the sign-in step, the
// small JSON body, and how to answer an error on the route.
type otpRequestStep struct {
	version int
	claims  appgateClaims
	user    AppgateUser
	body    []byte
	fail    func(status int, message string, opts ...errorOption)
}

// otpStep starts an OTP step on route: the Accept header, the bearer
// token, and a body of at most maxOTPBytes; false once it has answered.
func (s *Server) otpStep(w http.ResponseWriter, r *http.Request, route string) (otpRequestStep, bool) {
	st := otpRequestStep{fail: func(status int, message string, opts ...errorOption) {
		s.writeError(w, r, wire.Appgate, route, status, message, opts...)
	}}
	var ok bool
	if st.version, st.claims, st.user, ok = s.signInStep(w, r, route); !ok {
		return otpRequestStep{}, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxOTPBytes))
	if err != nil {
		st.fail(http.StatusBadRequest, "Request body could not be read: "+err.Error())
		return otpRequestStep{}, false
	}
	st.body = body
	return st, true
}

// appgateLogout is POST /admin/authentication/logout: every token of the
// sign-in is refused afterwards, by this server (see revocations).
func (s *Server) appgateLogout(w http.ResponseWriter, r *http.Request) {
	const route = appgate.RouteLogout
	_, c, _, ok := s.signInStep(w, r, route)
	if !ok {
		return
	}
	s.appgateTokens.revoke(c)
	w.WriteHeader(http.StatusNoContent)
}

type identityProviderName struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type identityProviderNames struct {
	Data          []identityProviderName `json:"data"`
	BannerMessage string                 `json:"bannerMessage"`
}

// appgateIdentityProviders is GET /admin/identity-providers/names, which
// needs no token: the providers of the configured users, in the order
// they first appear.
func (s *Server) appgateIdentityProviders(w http.ResponseWriter, r *http.Request) {
	const route = appgate.RouteIdentityProviders
	if _, ok := s.negotiate(w, r, route); !ok {
		return
	}
	out := identityProviderNames{Data: []identityProviderName{}, BannerMessage: "sessionmock: simulated Appgate SDP Controller."}
	seen := map[string]bool{}
	for _, u := range s.current().AppgateUsers {
		if !seen[u.Provider] {
			seen[u.Provider] = true
			out.Data = append(out.Data, identityProviderName{Name: u.Provider, Type: providerType(u.Provider)})
		}
	}
	writeValue(w, http.StatusOK, out)
}

// providerType is the identity provider type shown for a provider name:
// every configured user signs in with a password, so the built-in
// "local" is the local database and any other a directory.
func providerType(name string) string {
	if name == "local" {
		return "LocalDatabase"
	}
	return "Ldap"
}

func unixTime(sec int64) time.Time { return time.Unix(sec, 0) }
