package cli

import (
	"strings"
	"testing"
)

func TestWriteFlags(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	WriteFlags(&b, []Flag{
		{Name: "vendor", Meta: "NAME", Usage: "segura or appgate", Group: "Target"},
		{Name: "timeout", Meta: "DURATION", Usage: "time-out of each request", Default: "30s", Range: "1ms to 1h", Group: "Limits"},
		{Name: "insecure", Usage: "skip TLS certificate verification; meant for appliances with a self-signed certificate, never for production", Group: "Limits"},
		{Name: "token", Meta: "TOKEN", Usage: "a bearer token", Env: "SESSIONMOCK_TOKEN", Group: "Limits"},
	})
	want := `Target:
  --vendor NAME
        segura or appgate

Limits:
  --timeout DURATION
        time-out of each request
        (default 30s, range 1ms to 1h)
  --insecure
        skip TLS certificate verification; meant for appliances with a
        self-signed certificate, never for production
  --token TOKEN
        a bearer token
        (env SESSIONMOCK_TOKEN)
`
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}
