package contractcli

// Exit statuses of the contract command.
const (
	ExitFailed = 1 // a check failed
	ExitUsage  = 2 // a usage mistake, or the server could not be checked at all
)

// ExitError is the error Main returns: a one-line message and the exit
// status the process should end with.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// ExitCode is the status the process should exit with.
func (e *ExitError) ExitCode() int { return e.Code }
