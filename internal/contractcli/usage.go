package contractcli

import (
	"fmt"
	"io"

	"github.com/sessionmock/sessionmock/internal/cli"
)

// Usage writes the help of the contract command.
func Usage(w io.Writer) {
	fmt.Fprint(w, `Usage: sessionmock contract --vendor segura|appgate --base-url URL [flags]

Checks a server, a real appliance or a mock, against the vendor's contract:
the embedded OpenAPI document and the vendor's documented behaviour. It sends
GETs, the token, login and sign-in calls (with the credentials given and with
those of an account that does not exist), the logout of its own Appgate token
and one TRACE; nothing that changes data, unless --allow-writes --drop names a
Segura session to end.

`)
	cli.WriteFlags(w, flags())
	fmt.Fprint(w, `
Exit status: 0 every check passed (or was skipped), 1 a check failed (the
server answered wrongly, while signing in or discovering the version too),
2 a mistake to fix on the command line, nothing listening, or credentials
refused.
Secrets never appear in the output or the reports.
`)
}
