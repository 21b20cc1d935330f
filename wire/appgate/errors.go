package appgate

import (
	"fmt"
	"net/http"
	"strings"
)

// Messages of the controller's errors that clients and tools quote.
const (
	MsgBadCredentials   = "Invalid username or password."
	MsgBadOTP           = "Invalid one-time password."
	MsgTokenError       = "Token error. Login again."
	MsgValidationFailed = "Request validation failed."
)

// Error is one error answer of the Admin API. Every error body is
// {"id", "message"}; a 406 adds the supported versions and a 422 the
// fields at fault.
type Error struct {
	Status  int
	ID      string
	Message string
	// MinVersion and MaxVersion are sent on a 406.
	MinVersion, MaxVersion int
	// Fields are sent on a 422 that names fields.
	Fields []FieldError
	// Reason is sent on the 401 of a sign-in step that failed on the
	// credentials or the one-time password.
	Reason string
}

// FieldError is one entry of a 422 answer's "errors".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Reasons of the sign-in steps' 401 answers. The vendor's client reads a
// reason without documenting its values; these are sessionmock's.
const (
	ReasonBadCredentials = "Invalid credentials"
	ReasonBadOTP         = "Invalid one-time password"
)

// ErrorBody is the body every error has.
type ErrorBody struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

// NotAcceptableBody is the 406 body: the versions the controller supports,
// which tools read to pick their version.
type NotAcceptableBody struct {
	ID                  string `json:"id"`
	Message             string `json:"message"`
	MinSupportedVersion int    `json:"minSupportedVersion"`
	MaxSupportedVersion int    `json:"maxSupportedVersion"`
}

// ReasonBody is the body of a failed sign-in step, with why it failed.
type ReasonBody struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Reason  string `json:"reason"`
}

// ValidationBody is the 422 body that names the fields at fault.
type ValidationBody struct {
	ID      string       `json:"id"`
	Message string       `json:"message"`
	Errors  []FieldError `json:"errors"`
}

// ErrorFor returns the error the controller sends for status with its
// generic message. The id is the lower-case reason phrase, as in the
// vendor's "not acceptable".
func ErrorFor(status int) Error {
	text := http.StatusText(status)
	if text == "" {
		text = fmt.Sprintf("Error %d", status)
	}
	msg, ok := messages[status]
	if !ok {
		msg = text + "."
	}
	return Error{Status: status, ID: strings.ToLower(text), Message: msg}
}

// messages are the controller's messages for the statuses whose message
// is not the reason phrase.
var messages = map[int]string{
	http.StatusBadRequest:          "Bad request.",
	http.StatusUnauthorized:        MsgTokenError,
	http.StatusForbidden:           "Insufficient permissions to access this resource.",
	http.StatusNotFound:            "The requested resource can not be found.",
	http.StatusMethodNotAllowed:    "Method not allowed.",
	http.StatusNotAcceptable:       "Invalid 'Accept' header.",
	http.StatusUnprocessableEntity: MsgValidationFailed,
	http.StatusInternalServerError: "Unexpected server side error.",
	http.StatusGatewayTimeout:      "The upstream server is timing out.",
}

// NotAcceptable is the 406 a controller supporting lowest to current
// sends for the Accept header received.
func NotAcceptable(lowest, current int, received string) Error {
	e := ErrorFor(http.StatusNotAcceptable)
	e.Message = fmt.Sprintf("Invalid 'Accept' header. Current version: %s, Received: %s",
		PeerMediaType(current), received)
	e.MinVersion, e.MaxVersion = lowest, current
	return e
}

// Body returns the value to encode as the answer's JSON body.
func (e Error) Body() any {
	switch {
	case e.Status == http.StatusNotAcceptable:
		return NotAcceptableBody{e.ID, e.Message, e.MinVersion, e.MaxVersion}
	case len(e.Fields) > 0:
		return ValidationBody{e.ID, e.Message, e.Fields}
	case e.Reason != "":
		return ReasonBody{e.ID, e.Message, e.Reason}
	}
	return ErrorBody{e.ID, e.Message}
}
