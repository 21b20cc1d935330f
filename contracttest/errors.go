package contracttest

import "errors"

// The kinds of error Run returns instead of a Report. Each stops the run before
// the checks could say anything about the server; errors.Is tells them apart.
var (
	// ErrUsage: the target or the options are incomplete or contradictory.
	ErrUsage = errors.New("usage")
	// ErrConnection: the server could not be reached at all (address, TLS,
	// time-out on the first request).
	ErrConnection = errors.New("connection")
	// ErrCredentials: the server refused the credentials or token given, or
	// they lack the permission the checks need.
	ErrCredentials = errors.New("credentials")
)

// runError is an error of one of the kinds above with a one-line message.
type runError struct {
	kind error
	msg  string
	err  error
}

func (e *runError) Error() string { return e.msg }

func (e *runError) Unwrap() []error {
	if e.err == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.err}
}

func usageErr(msg string) error { return &runError{kind: ErrUsage, msg: msg} }
