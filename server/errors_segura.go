package server

import (
	"net/http"
)

// seguraStatus is the bilingual status block every Segura API answer
// carries. The vendor repeats the English text in the Portuguese fields.
type seguraStatus struct {
	Status    int    `json:"status"`
	Message   string `json:"message"`
	Error     bool   `json:"error"`
	ErrorCode int    `json:"error_code"`
	Detail    string `json:"detail"`
	Mensagem  string `json:"mensagem"`
	Erro      bool   `json:"erro"`
	CodErro   int    `json:"cod_erro"`
}

type seguraEnvelope struct {
	Code     int          `json:"code"`
	Response seguraStatus `json:"response"`
}

func newSeguraStatus(status int, message string, code int) seguraStatus {
	failed := status >= 400
	return seguraStatus{
		Status: status, Message: message, Error: failed, ErrorCode: code,
		Mensagem: message, Erro: failed, CodErro: code,
	}
}

// seguraOK is the status block of a successful answer, as in the seed.
var seguraOK = newSeguraStatus(http.StatusOK, "", 0)

// Messages and error codes of the errors Segura documents. The codes other
// than 4 (from the vendor's own 404 example) and 1002 are not published;
// the OpenAPI document notes the choice.
const (
	msgUnauthenticated = "Client authentication failed"
	msgForbidden       = "You are not authorized to access this resource."
	msgNotFound        = "Resource sub not found"
	msgUnexpected      = "Unexpected error."
	msgSessionNotFound = "Session not found"
	msgKongNoRoute     = "no Route matched with those values"
	msgKongTimeout     = "The upstream server is timing out"
	msgKongReqTimeout  = "Request timeout"
)

// SeguraError describes one error answer of the Segura API. It is the
// single place where a status becomes a body, for natural errors and for
// injected ones alike.
type SeguraError struct {
	Status  int
	Message string
	Code    int
	// Kong marks answers produced by the gateway in front of Segura; they
	// have Kong's own {"message"} body instead of the envelope.
	Kong bool
}

// SeguraErrorFor returns the error Segura sends for status, with the
// vendor's documented message where there is one.
func SeguraErrorFor(status int) SeguraError {
	switch status {
	case http.StatusUnauthorized:
		return SeguraError{Status: status, Message: msgUnauthenticated, Code: 1}
	case http.StatusForbidden:
		return SeguraError{Status: status, Message: msgForbidden, Code: 3}
	case http.StatusNotFound:
		return SeguraError{Status: status, Message: msgNotFound, Code: 4}
	case http.StatusRequestTimeout:
		return SeguraError{Status: status, Message: msgKongReqTimeout, Kong: true}
	case http.StatusGatewayTimeout:
		return SeguraError{Status: status, Message: msgKongTimeout, Kong: true}
	case http.StatusInternalServerError:
		return SeguraError{Status: status, Message: msgUnexpected, Code: 5}
	}
	text := http.StatusText(status)
	if text == "" {
		text = "Unexpected error."
	}
	return SeguraError{Status: status, Message: text, Code: status}
}

// kongNoRoute is what the gateway answers a request without an
// Authorization header: it routes on the header, so no route matches.
var kongNoRoute = SeguraError{Status: http.StatusNotFound, Message: msgKongNoRoute, Kong: true}

// Body encodes the error the way the vendor sends it.
func (e SeguraError) Body() any {
	if e.Kong {
		return struct {
			Message string `json:"message"`
		}{e.Message}
	}
	return seguraEnvelope{Code: e.Status, Response: newSeguraStatus(e.Status, e.Message, e.Code)}
}

func writeSeguraError(w http.ResponseWriter, e SeguraError) {
	writeValue(w, e.Status, e.Body())
}

// oauthError is the OAuth 2.0 server's error body (RFC 6749 section 5.2),
// with the "message" field the PHP OAuth server behind Segura adds.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Message     string `json:"message"`
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeValue(w, status, oauthError{Error: code, Description: description, Message: description})
}
