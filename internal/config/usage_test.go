package config

import (
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/internal/cli"
)

func TestServeUsage(t *testing.T) {
	var b strings.Builder
	ServeUsage(&b)
	out := b.String()
	for _, set := range serveSettings() {
		if !strings.Contains(out, "--"+set.name) || !strings.Contains(out, cli.EnvName(set.name)) {
			t.Errorf("help lacks --%s or %s", set.name, cli.EnvName(set.name))
		}
	}
	for _, want := range []string{
		"--addr HOST:PORT", "default 127.0.0.1:8080, env SESSIONMOCK_ADDR",
		"default sessionmock-secret, env SESSIONMOCK_CLIENT_SECRET",
		"default info, env SESSIONMOCK_LOG_LEVEL",
		"default admin, env SESSIONMOCK_PASSWORD", "default local, env SESSIONMOCK_PROVIDER",
		"(default 1000, range 0 to 100000, env SESSIONMOCK_JOURNAL_SIZE)",
		"(default 50, range 0 to 1000000000, env SESSIONMOCK_SEGURA_SESSIONS)",
		"(default 1h, range 1s to 8760h, env SESSIONMOCK_TOKEN_TTL)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}
