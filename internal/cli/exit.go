package cli

import "errors"

// Exit statuses of every subcommand; 0 is success.
const (
	// ExitFailed says the command ran and found a problem: a contract
	// check failed, the mock is not healthy.
	ExitFailed = 1
	// ExitUsage says the command could not do its work as asked: a bad
	// flag, variable or config file, a port already taken, a server that
	// could not be checked at all. As for the standard tools' flag errors.
	ExitUsage = 2
)

// Error is an error with the exit status the process should end with. Its
// message is one line, which main prints after "sessionmock: ".
type Error struct {
	Code int
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ExitCode is the status the process should exit with.
func (e *Error) ExitCode() int { return e.Code }

// Usage marks err as a usage mistake (exit status 2). A nil err stays nil.
func Usage(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: ExitUsage, Err: err}
}

// Failed marks err as a problem the command found (exit status 1). A nil
// err stays nil.
func Failed(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: ExitFailed, Err: err}
}

// ExitCode is the exit status for err: 0 for nil, the code of the first
// *Error in its chain, and ExitFailed for any other error.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return ExitFailed
}
