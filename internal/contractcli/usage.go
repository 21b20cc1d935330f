package contractcli

import (
	"fmt"
	"io"

	"github.com/sessionmock/sessionmock/contracttest"
)

// Usage writes the help of the contract command.
func Usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: sessionmock contract --vendor segura|appgate --base-url URL [flags]

Checks a server, a real appliance or a mock, against the vendor's contract:
the embedded OpenAPI document and the vendor's documented behaviour. It sends
GETs, the token or login calls (with the credentials given and with those of
an account that does not exist) and one TRACE; nothing that changes data.

Target:
  --vendor NAME          segura or appgate
  --base-url URL         the vendor's own base: https://pam.example (segura),
                         https://ctrl.example:8443/admin (appgate)

Credentials (flags win over the variables):
  --client-id ID         segura client id            (env SESSIONMOCK_CLIENT_ID)
  --client-secret SECRET segura client secret        (env SESSIONMOCK_CLIENT_SECRET)
  --username NAME        appgate admin username      (env SESSIONMOCK_USERNAME)
  --password PASSWORD    appgate admin password      (env SESSIONMOCK_PASSWORD)
  --provider NAME        appgate identity provider   (env SESSIONMOCK_PROVIDER, default %s)
  --token TOKEN          a ready bearer token, either vendor (env SESSIONMOCK_TOKEN)

Appgate:
  --accept-version N     peer API version to send; discovered when absent, as
                         the vendor's tools do (peer-v5 to POST /login, then
                         maxSupportedVersion from the 406; else GET /version)
  --dn DN                distinguished name of an active session to check
                         (repeatable); asked of GET /__mock/sessions when the
                         target is a sessionmock and none is given
  --max-dns N            how many DNs to ask a sessionmock for (default %d)

Connection and limits:
  --insecure             skip TLS certificate verification
  --ca-cert FILE         trust the PEM certificates in FILE as well
  --timeout DURATION     time-out of each request (default %s)
  --deadline DURATION    time-out of the whole run (default %s)
  --rate N               at most N requests per second (default: no limit)
  --max-requests N       at most N requests in all (default %d)
  --latency-budget D     fail answers slower than D (default: not checked)

Checks and reports:
  --checks IDS           run only these checks (comma-separated, repeatable)
  --skip IDS             leave these checks out
  --list-checks          print the checks and what each proves, and exit
  --junit FILE           write a JUnit XML report (one test case per check)
  --json FILE            write the JSON report

Exit status: 0 every check passed (or was skipped), 1 a check failed,
2 a usage mistake or a server that could not be checked at all.
Secrets never appear in the output or the reports.
`, contracttest.DefaultProvider, contracttest.DefaultMaxDNs, shortDuration(contracttest.DefaultTimeout),
		shortDuration(contracttest.DefaultDeadline), contracttest.DefaultMaxRequests)
}
