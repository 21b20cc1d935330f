package config

import (
	"strings"
	"testing"
)

func TestServeUsage(t *testing.T) {
	var b strings.Builder
	ServeUsage(&b)
	out := b.String()
	for _, set := range serveSettings() {
		if !strings.Contains(out, "--"+set.name) || !strings.Contains(out, EnvName(set.name)) {
			t.Errorf("help lacks --%s or %s", set.name, EnvName(set.name))
		}
	}
	for _, want := range []string{
		"--addr HOST:PORT", "default 127.0.0.1:8080, env SESSIONMOCK_ADDR",
		"default 50, env SESSIONMOCK_SEGURA_SESSIONS", "default sessionmock-secret, env SESSIONMOCK_CLIENT_SECRET",
		"default 1h, env SESSIONMOCK_TOKEN_TTL", "default info, env SESSIONMOCK_LOG_LEVEL",
		"default admin, env SESSIONMOCK_PASSWORD", "default local, env SESSIONMOCK_PROVIDER",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}
