package server

import (
	"bytes"
	"crypto/subtle"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/segura"
)

const maxFormBytes = 64 << 10

type tokenResponse struct {
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	AccessToken string `json:"access_token"`
}

// seguraToken is the OAuth 2.0 client-credentials token endpoint. Clients
// send their id and secret in the form body or as HTTP Basic; both work.
func (s *Server) seguraToken(w http.ResponseWriter, r *http.Request) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		s.tokenError(w, r, http.StatusBadRequest, "The request must be form-encoded (application/x-www-form-urlencoded).")
		return
	}
	// The body is read once and handed back, so that request validation
	// sees it after the form has been parsed.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil {
		s.tokenError(w, r, http.StatusBadRequest, "The request body could not be read: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := r.ParseForm(); err != nil {
		s.tokenError(w, r, http.StatusBadRequest, "The request body could not be parsed: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	switch grant := r.PostForm.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		s.tokenError(w, r, http.StatusBadRequest, `The request is missing a required parameter: "grant_type".`)
		return
	default:
		s.tokenError(w, r, http.StatusBadRequest, "The authorization grant type is not supported by the authorization server.",
			withOAuthCode(segura.OAuthUnsupportedGrantType))
		return
	}
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id == "" {
		s.tokenError(w, r, http.StatusBadRequest, `The request is missing a required parameter: "client_id".`)
		return
	}
	client, ok := s.seguraClient(id)
	if !ok || subtle.ConstantTimeCompare([]byte(client.Secret), []byte(secret)) != 1 {
		s.tokenError(w, r, http.StatusUnauthorized, "")
		return
	}
	if err := s.validateRequest(r, wire.Segura); err != nil {
		s.tokenError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	token, _ := s.tokens.issue(wire.Segura, client.ID)
	w.Header().Set("Cache-Control", "no-store")
	writeValue(w, http.StatusOK, tokenResponse{
		TokenType: "Bearer", ExpiresIn: int64(s.cfg.TokenTTL.Seconds()), AccessToken: token,
	})
}

func (s *Server) tokenError(w http.ResponseWriter, r *http.Request, status int, message string, opts ...errorOption) {
	s.writeError(w, r, wire.Segura, segura.RouteToken, status, message, opts...)
}

func (s *Server) seguraClient(id string) (SeguraClient, bool) {
	for _, c := range s.current().SeguraClients {
		if c.ID == id {
			return c, true
		}
	}
	return SeguraClient{}, false
}

// seguraAuth checks the bearer token of a Segura API request and answers
// the error itself when it fails: no Authorization header is the gateway's
// 404, a bad token 401, a client without the Credentials and Devices
// permission 403.
func (s *Server) seguraAuth(w http.ResponseWriter, r *http.Request, route string) bool {
	token, present := bearer(authorization(r))
	if !present {
		s.writeError(w, r, wire.Segura, route, http.StatusNotFound, "", fromGateway())
		return false
	}
	subject, err := s.tokens.verify(wire.Segura, token)
	client, ok := s.seguraClient(subject)
	if err != nil || strings.TrimSpace(token) == "" || !ok {
		s.writeError(w, r, wire.Segura, route, http.StatusUnauthorized, "")
		return false
	}
	if !client.ListSessions || route == segura.RouteDrop && !client.DropSessions {
		// Ending a session needs write permission besides read.
		s.writeError(w, r, wire.Segura, route, http.StatusForbidden, "")
		return false
	}
	return true
}
