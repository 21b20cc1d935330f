package openapi

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// validationError carries a one-line message while keeping the kin-openapi error
// chain (routers.ErrPathNotFound, *openapi3filter.RequestError, ...) reachable
// through errors.Is and errors.As.
type validationError struct {
	msg string
	err error
}

func (e *validationError) Error() string { return e.msg }
func (e *validationError) Unwrap() error { return e.err }

// readable wraps err, prefixed with context, into a one-line error.
func readable(context string, err error) error {
	if err == nil {
		return nil
	}
	msg := oneLine(message(err))
	if context != "" {
		msg = context + ": " + msg
	}
	return &validationError{msg: msg, err: err}
}

// message is err.Error() with long lists of schema violations cut short.
func message(err error) string {
	switch e := err.(type) {
	case *openapi3filter.ResponseError:
		if me, ok := e.Err.(openapi3.MultiError); ok {
			return e.Reason + ": " + summarize(me)
		}
	case openapi3.MultiError:
		return summarize(e)
	}
	return err.Error()
}

func summarize(me openapi3.MultiError) string {
	return Summary(Violations(me))
}

// oneLine joins the lines of s, dropping their indentation; spaces inside a line
// (inside quoted values, say) are kept.
func oneLine(s string) string {
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, line := range lines {
		if line = strings.TrimSpace(line); line != "" {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, " ")
}
