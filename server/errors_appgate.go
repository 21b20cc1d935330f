package server

import (
	"fmt"
	"net/http"
	"strings"
)

// AppgateError describes one error answer of the Appgate Admin API:
// {"id","message"}, plus the supported versions on a 406 and the field
// errors on a 422.
type AppgateError struct {
	Status  int
	ID      string
	Message string
	// MinVersion and MaxVersion are set on 406 answers.
	MinVersion, MaxVersion int
	Fields                 []fieldError
	// Reason is set on the 401 answers of the sign-in steps.
	Reason string
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// AppgateErrorFor returns the error the controller sends for status with
// its generic message. The id is the lower-case reason phrase, as in the
// vendor's "not acceptable".
func AppgateErrorFor(status int) AppgateError {
	text := http.StatusText(status)
	if text == "" {
		text = fmt.Sprintf("Error %d", status)
	}
	msg := text + "."
	switch status {
	case http.StatusBadRequest:
		msg = "Bad request."
	case http.StatusUnauthorized:
		msg = "Token error. Login again."
	case http.StatusForbidden:
		msg = "Insufficient permissions to access this resource."
	case http.StatusNotFound:
		msg = "The requested resource can not be found."
	case http.StatusMethodNotAllowed:
		msg = "Method not allowed."
	case http.StatusNotAcceptable:
		msg = "Invalid 'Accept' header."
	case http.StatusUnprocessableEntity:
		msg = "Request validation failed."
	case http.StatusInternalServerError:
		msg = "Unexpected server side error."
	}
	id := strings.ToLower(http.StatusText(status))
	if id == "" {
		id = fmt.Sprintf("error %d", status)
	}
	return AppgateError{Status: status, ID: id, Message: msg}
}

// Body encodes the error the way the controller sends it.
func (e AppgateError) Body() any {
	switch {
	case e.Status == http.StatusNotAcceptable:
		return struct {
			ID                  string `json:"id"`
			Message             string `json:"message"`
			MinSupportedVersion int    `json:"minSupportedVersion"`
			MaxSupportedVersion int    `json:"maxSupportedVersion"`
		}{e.ID, e.Message, e.MinVersion, e.MaxVersion}
	case e.Reason != "":
		return struct {
			ID      string `json:"id"`
			Message string `json:"message"`
			Reason  string `json:"reason"`
		}{e.ID, e.Message, e.Reason}
	case len(e.Fields) > 0:
		return struct {
			ID      string       `json:"id"`
			Message string       `json:"message"`
			Errors  []fieldError `json:"errors"`
		}{e.ID, e.Message, e.Fields}
	}
	return struct {
		ID      string `json:"id"`
		Message string `json:"message"`
	}{e.ID, e.Message}
}

func writeAppgateError(w http.ResponseWriter, e AppgateError) {
	writeValue(w, e.Status, e.Body())
}

func appgateError(status int, message string) AppgateError {
	e := AppgateErrorFor(status)
	if message != "" {
		e.Message = message
	}
	return e
}
