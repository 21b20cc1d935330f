package server

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"time"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

const maxLoginBytes = 64 << 10

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

type loginRequest struct {
	ProviderName *string `json:"providerName"`
	Username     *string `json:"username"`
	Password     *string `json:"password"`
	DeviceID     *string `json:"deviceId"`
}

type privilege struct {
	Type   string         `json:"type"`
	Target string         `json:"target"`
	Scope  privilegeScope `json:"scope"`
}

type privilegeScope struct {
	All  bool     `json:"all"`
	IDs  []string `json:"ids"`
	Tags []string `json:"tags"`
}

type loginUser struct {
	Name               string      `json:"name"`
	NeedTwoFactorAuth  bool        `json:"needTwoFactorAuth"`
	CanAccessAuditLogs bool        `json:"canAccessAuditLogs"`
	Privileges         []privilege `json:"privileges"`
}

type loginResponse struct {
	User              loginUser `json:"user"`
	Token             string    `json:"token"`
	Expires           string    `json:"expires"`
	MessageOfTheDay   string    `json:"messageOfTheDay"`
	ZTPCollectiveType string    `json:"ztpCollectiveType"`
	ZTPAccountType    string    `json:"ztpAccountType"`
	CRLEnabled        bool      `json:"crlEnabled"`
	// From API version 24.
	PPModeEnabled            *bool `json:"ppModeEnabled,omitempty"`
	InactivityTimeoutEnabled *bool `json:"inactivityTimeoutEnabled,omitempty"`
	InactivityTimeoutMinutes *int  `json:"inactivityTimeoutMinutes,omitempty"`
}

// loginFieldsFrom is the first API version whose login answer has the
// portal-protection and inactivity fields.
const loginFieldsFrom = 24

// appgateLogin is the controller's simple login: the credentials give the
// final token at once. A user who must give a one-time password gets the
// partial token of POST /authentication instead, with needTwoFactorAuth.
func (s *Server) appgateLogin(w http.ResponseWriter, r *http.Request) {
	s.appgateCredentials(w, r, appgate.RouteLogin, stageFinal)
}

// appgateAuthentication is POST /admin/authentication, the first step of
// the two-step sign-in the vendor's CLI uses: the same body as login, and
// a token that GET /admin/authorization turns into the final one.
func (s *Server) appgateAuthentication(w http.ResponseWriter, r *http.Request) {
	s.appgateCredentials(w, r, appgate.RouteAuthentication, stageAuthenticated)
}

// appgateCredentials checks a login body and answers with a token of
// stage, or of stageNeedsOTP for a user with a one-time password.
func (s *Server) appgateCredentials(w http.ResponseWriter, r *http.Request, route string, stage tokenStage) {
	fail := func(status int, message string, opts ...errorOption) {
		s.writeError(w, r, wire.Appgate, route, status, message, opts...)
	}
	version, ok := s.negotiate(w, r, route)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxLoginBytes))
	if err != nil {
		fail(http.StatusBadRequest, "Request body could not be read: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	var req loginRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&req); err != nil {
		fail(http.StatusBadRequest, "Request body is not a valid login request: "+describeJSONError(err))
		return
	}
	if fields := req.problems(); len(fields) > 0 {
		fail(http.StatusUnprocessableEntity, "", withFields(fields...))
		return
	}
	// The body is JSON whatever the client called it (curl -d says
	// form-encoded); validate it as what it is.
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		r = r.Clone(r.Context())
		r.Header.Set("Content-Type", "application/json")
	}
	if err := s.validateRequest(r, wire.Appgate); err != nil {
		fail(http.StatusUnprocessableEntity, "", withFields(appgate.FieldError{Field: "body", Message: err.Error()}))
		return
	}
	user, ok := s.appgateUser(*req.ProviderName, deref(req.Username))
	if !ok || subtle.ConstantTimeCompare([]byte(user.Password), []byte(deref(req.Password))) != 1 {
		fail(http.StatusUnauthorized, appgate.MsgBadCredentials, withReason(appgate.ReasonBadCredentials))
		return
	}
	if user.OTP != "" {
		stage = stageNeedsOTP
	}
	s.writeSignIn(w, version, user, appgateClaims{
		stage: stage, signIn: s.appgateTokens.newSignIn(user.Provider, user.Username),
		provider: user.Provider, username: user.Username,
	})
}

// writeSignIn answers a sign-in step with a token for claims and the
// login answer's other fields, as version has them.
func (s *Server) writeSignIn(w http.ResponseWriter, version int, user AppgateUser, claims appgateClaims) {
	token, exp := s.appgateTokens.issue(claims)
	s.writeLoginAnswer(w, version, user, token, exp, claims.stage == stageNeedsOTP)
}

func (s *Server) writeLoginAnswer(w http.ResponseWriter, version int, user AppgateUser, token string, exp time.Time, needOTP bool) {
	answer := loginResponse{
		User: loginUser{
			Name:               user.Username,
			NeedTwoFactorAuth:  needOTP,
			CanAccessAuditLogs: user.SessionInfo,
			Privileges:         privilegesOf(user),
		},
		Token:             token,
		Expires:           s.wallTime(exp).UTC().Format("2006-01-02T15:04:05.000Z07:00"),
		MessageOfTheDay:   "Welcome to sessionmock, an Appgate SDP Controller simulator.",
		ZTPCollectiveType: "hosted",
		ZTPAccountType:    "standard",
		CRLEnabled:        true,
	}
	if version >= loginFieldsFrom {
		off, minutes := false, 30
		answer.PPModeEnabled, answer.InactivityTimeoutEnabled, answer.InactivityTimeoutMinutes = &off, &off, &minutes
	}
	writeValue(w, http.StatusOK, answer)
}

// problems lists the fields a login request lacks or gets wrong, the way
// the controller's 422 answer lists them.
func (req loginRequest) problems() []appgate.FieldError {
	var out []appgate.FieldError
	if req.ProviderName == nil || *req.ProviderName == "" {
		out = append(out, appgate.FieldError{Field: "providerName", Message: "providerName is required."})
	}
	switch {
	case req.DeviceID == nil || *req.DeviceID == "":
		out = append(out, appgate.FieldError{Field: "deviceId", Message: "deviceId is required."})
	case !uuidPattern.MatchString(*req.DeviceID):
		out = append(out, appgate.FieldError{Field: "deviceId", Message: fmt.Sprintf("deviceId %q is not a UUID.", *req.DeviceID)})
	}
	return out
}

func privilegesOf(u AppgateUser) []privilege {
	all := privilegeScope{All: true, IDs: []string{}, Tags: []string{}}
	p := []privilege{{Type: "View", Target: "Site", Scope: all}}
	if u.SessionInfo {
		p = append(p, privilege{Type: "View", Target: "SessionInfo", Scope: all})
	}
	return p
}

func (s *Server) appgateUser(provider, username string) (AppgateUser, bool) {
	for _, u := range s.current().AppgateUsers {
		if u.Provider == provider && u.Username == username {
			return u, true
		}
	}
	return AppgateUser{}, false
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// describeJSONError turns a decoding error into a message naming where
// the body went wrong.
func describeJSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%v at byte %d", syn, syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q must be a %s, got a JSON %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return "the body is empty"
	}
	return err.Error()
}
