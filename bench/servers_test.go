package main

import (
	"slices"
	"strings"
	"testing"
)

func TestChildEnvDropsMockSettings(t *testing.T) {
	t.Setenv("SESSIONMOCK_SEGURA_SESSIONS", "7")
	t.Setenv("SESSIONMOCK_VALIDATE", "false")
	t.Setenv("BENCH_TEST_KEEP", "yes")
	env := childEnv()
	for _, kv := range env {
		if strings.HasPrefix(kv, "SESSIONMOCK_") {
			t.Errorf("%s reaches the servers under test", kv)
		}
	}
	if !slices.Contains(env, "BENCH_TEST_KEEP=yes") {
		t.Error("other variables (PATH, GOMAXPROCS, ...) must pass through")
	}
}
