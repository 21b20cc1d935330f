package config

import (
	"testing"
	"time"
)

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "1h", 90 * time.Minute: "1h30m", 90 * time.Second: "1m30s", 2*time.Hour + 5*time.Second: "2h0m5s", 30 * time.Second: "30s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestEnvName(t *testing.T) {
	t.Parallel()
	for flag, want := range map[string]string{
		"seed":                "SESSIONMOCK_SEED",
		"lowest-peer-version": "SESSIONMOCK_LOWEST_PEER_VERSION",
		"tls-cert":            "SESSIONMOCK_TLS_CERT",
	} {
		if got := EnvName(flag); got != want {
			t.Errorf("EnvName(%q) = %q, want %q", flag, got, want)
		}
	}
}
