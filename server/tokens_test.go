package server

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { return now }
	key := func(seed int64) []byte { return tokenKey(seed, "", DefaultSeguraClients(), DefaultAppgateUsers()) }
	a := newTokens(key(1), time.Hour, clock)
	tok, exp := a.issue("segura", "sessionmock")
	if !exp.Equal(now.Add(time.Hour)) {
		t.Errorf("expiry %v", exp)
	}
	if sub, err := a.verify("segura", tok); err != nil || sub != "sessionmock" {
		t.Fatalf("verify own token: %q, %v", sub, err)
	}
	// Replicas with the same seed accept each other's tokens; other seeds do not.
	if _, err := newTokens(key(1), time.Hour, clock).verify("segura", tok); err != nil {
		t.Errorf("same seed replica rejected the token: %v", err)
	}
	if _, err := newTokens(key(2), time.Hour, clock).verify("segura", tok); !errors.Is(err, errTokenSignature) {
		t.Errorf("other seed: %v, want signature error", err)
	}
	if _, err := a.verify("appgate", tok); !errors.Is(err, errTokenAudience) {
		t.Errorf("other audience: %v", err)
	}
	tok2, _ := a.issue("segura", "sessionmock")
	if tok2 == tok {
		t.Error("two tokens issued in the same second are equal")
	}
	parts := strings.Split(tok, ".")
	for name, bad := range map[string]string{
		"empty":           "",
		"one part":        "abc",
		"four parts":      tok + ".x",
		"swapped payload": parts[0] + "." + strings.Split(tok2, ".")[1] + "." + parts[2],
		"bad base64":      parts[0] + ".!!!." + a.sign(parts[0]+".!!!"),
		"not json":        parts[0] + ".bm90anNvbg." + a.sign(parts[0]+".bm90anNvbg"),
	} {
		if _, err := a.verify("segura", bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	now = now.Add(time.Hour)
	if _, err := a.verify("segura", tok); !errors.Is(err, errTokenExpired) {
		t.Errorf("at expiry: %v, want expired", err)
	}
}

func TestBearer(t *testing.T) {
	t.Parallel()
	for h, want := range map[string][2]any{
		"":                 {"", false},
		"Bearer abc":       {"abc", true},
		"bearer  abc ":     {"abc", true},
		"Basic Zm9vOmJhcg": {"", true},
		"Bearer":           {"", true},
	} {
		tok, present := bearer(h)
		if tok != want[0] || present != want[1] {
			t.Errorf("bearer(%q) = %q, %v", h, tok, present)
		}
	}
}
