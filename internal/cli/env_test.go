package cli

import (
	"slices"
	"testing"
)

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

func TestUnknownEnv(t *testing.T) {
	t.Parallel()
	known := []string{"SESSIONMOCK_SEED", "SESSIONMOCK_ADDR", "SESSIONMOCK_TLS", "SESSIONMOCK_JOURNAL_SIZE"}
	got := UnknownEnv([]string{
		"HOME=/root",
		"SESSIONMOCK_SEED=3",         // known
		"SESSIONMOCK_SED=3",          // misspelt
		"SESSIONMOCK_JOURNALSIZE=10", // misspelt
		"SESSIONMOCK_COLOUR=blue",    // unknown, nothing close
		"SESSIONMOCK_EMPTY=",         // empty counts as unset
		"SESSIONMOCK_SED=4",          // once per name
		"sessionmock_seed=1",         // not ours: variables are case-sensitive
	}, known)
	want := []string{
		"SESSIONMOCK_COLOUR is set but sessionmock reads no such variable",
		"SESSIONMOCK_JOURNALSIZE is set but sessionmock reads no such variable; did you mean SESSIONMOCK_JOURNAL_SIZE?",
		"SESSIONMOCK_SED is set but sessionmock reads no such variable; did you mean SESSIONMOCK_SEED?",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("UnknownEnv =\n%q\nwant\n%q", got, want)
	}
}
