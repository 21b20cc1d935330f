package segura

import "net/http"

// Messages and error codes of the errors Segura documents. The codes other
// than 4 (from the vendor's own 404 example) and 1002 are not published;
// the OpenAPI document notes the choice.
const (
	MsgUnauthenticated = "Client authentication failed"
	MsgForbidden       = "You are not authorized to access this resource."
	MsgNotFound        = "Resource sub not found"
	MsgUnexpected      = "Unexpected error."
	MsgSessionNotFound = "Session not found"

	CodeSessionNotFound = 1002
)

// Answers of the Kong gateway in front of the appliance.
const (
	MsgKongNoRoute        = "no Route matched with those values"
	MsgKongTimeout        = "The upstream server is timing out"
	MsgKongRequestTimeout = "Request timeout"
)

// Error is one error answer of the Segura API, from the appliance or from
// the gateway in front of it.
type Error struct {
	Status  int
	Message string
	Code    int
	// Kong marks answers of the gateway; they have Kong's own
	// {"message"} body instead of the envelope.
	Kong bool
	// Exception, when not 0, adds the exception block with this code (the
	// one-session errors).
	Exception int
}

// KongBody is the body of the gateway's answers.
type KongBody struct {
	Message string `json:"message"`
}

// ErrorFor returns the error Segura sends for status, with the vendor's
// documented message where there is one. A time-out (408, 504) is the
// gateway's answer.
func ErrorFor(status int) Error {
	switch status {
	case http.StatusRequestTimeout, http.StatusGatewayTimeout:
		return KongErrorFor(status)
	case http.StatusUnauthorized:
		return Error{Status: status, Message: MsgUnauthenticated, Code: 1}
	case http.StatusForbidden:
		return Error{Status: status, Message: MsgForbidden, Code: 3}
	case http.StatusNotFound:
		return Error{Status: status, Message: MsgNotFound, Code: 4}
	case http.StatusInternalServerError:
		return Error{Status: status, Message: MsgUnexpected, Code: 5}
	}
	text := http.StatusText(status)
	if text == "" {
		text = MsgUnexpected
	}
	return Error{Status: status, Message: text, Code: status}
}

// KongErrorFor returns what the gateway in front of the appliance answers
// with status. Its 404 is its answer to a request it has no route for: it
// routes on the Authorization header and the method as well as the path,
// so a request without the header gets it too.
func KongErrorFor(status int) Error {
	msg := http.StatusText(status)
	switch status {
	case http.StatusNotFound:
		msg = MsgKongNoRoute
	case http.StatusRequestTimeout:
		msg = MsgKongRequestTimeout
	case http.StatusGatewayTimeout:
		msg = MsgKongTimeout
	}
	if msg == "" {
		msg = MsgUnexpected
	}
	return Error{Status: status, Message: msg, Kong: true}
}

// Body returns the value to encode as the answer's JSON body.
func (e Error) Body() any {
	if e.Kong {
		return KongBody{e.Message}
	}
	env := Envelope{Code: e.Status, Response: NewStatus(e.Status, e.Message, e.Code)}
	if e.Exception == 0 {
		return env
	}
	return struct {
		Envelope
		Exception Exception `json:"exception"`
	}{env, Exception{Code: e.Exception, Message: e.Message}}
}

// OAuthError is the body of the token endpoint's errors (RFC 6749 section
// 5.2), with the "message" field the PHP OAuth server behind Segura adds.
type OAuthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Message     string `json:"message"`
}

// OAuth error codes the token endpoint answers with.
const (
	OAuthInvalidRequest       = "invalid_request"
	OAuthInvalidClient        = "invalid_client"
	OAuthUnsupportedGrantType = "unsupported_grant_type"
)

// MsgOAuthInvalidRequest is the OAuth server's description of a malformed
// token request.
const MsgOAuthInvalidRequest = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."

// NewOAuthError returns the body of an OAuth error with its description.
func NewOAuthError(code, description string) OAuthError {
	return OAuthError{Error: code, Description: description, Message: description}
}
