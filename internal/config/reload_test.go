package config

import (
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
)

// TestReloadFollowsTheTable changes each setting in turn and checks that
// Reload takes it when its row is marked reload and names it as needing
// a restart otherwise, and that it changes nothing else. A new setting
// fails here until it has a sample value, so that its reload behaviour is
// decided, not inherited.
func TestReloadFollowsTheTable(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "other.yaml", "seed: 1\n")
	pem := writeFile(t, "cert.pem", "x")
	samples := map[string][]string{
		"addr": {"127.0.0.1:9999"}, "seed": {"7"}, "config": {file}, "config-poll": {"1s"},
		"segura-sessions": {"5"}, "appgate-sessions": {"6"}, "fixtures": {pem},
		"client-id": {"ci"}, "client-secret": {"ci-secret"}, "provider": {"ldap"}, "username": {"ops"}, "password": {"ops-pass"},
		"token-ttl": {"2h"}, "peer-version": {"30"}, "lowest-peer-version": {"23"}, "validate": {"false"},
		"tls": {"true"}, "tls-cert": {pem, "--tls-key", pem}, "tls-key": {pem, "--tls-cert", pem},
		"log-format": {"json"}, "log-level": {"debug"}, "quiet": {"true"},
		"latency": {"10ms"}, "error-rate": {"0.5"}, "error-status": {"503"},
		"admin-token": {"t0ken"}, "cors-origins": {"http://app.example"}, "journal-size": {"5"},
		"segura-tenant": {"senhasegura"}, "metrics": {"false"},
		"appgate-release": {"6.5"}, "token-key": {"k3y"}, "body-timeout": {"2s"},
		// The clock and the timeline reload by restarting the world.
		"segura-release": {"3"}, "clock": {"live"}, "clock-start": {"2026-01-01T00:00:00Z"},
		"segura-arrival-rate": {"10"}, "segura-in-progress": {"omit"}, "appgate-arrival-rate": {"5"}, "appgate-grace": {"1m"},
	}
	running, err := Load(nil, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range serveSettings() {
		sample, ok := samples[set.name]
		if !ok {
			t.Errorf("--%s has no sample value here: decide whether a reload takes it (mark its row reload) and add one", set.name)
			continue
		}
		next, err := Load(append([]string{"--" + set.name + "=" + sample[0]}, sample[1:]...), envOf(nil))
		if err != nil {
			t.Fatalf("--%s: %v", set.name, err)
		}
		if set.current(&running) == set.current(&next) {
			t.Fatalf("--%s %s changes nothing that the comparison sees", set.name, sample[0])
		}
		applied, restart, world := running.Reload(next)
		for _, other := range serveSettings() {
			was, now, got := other.current(&running), other.current(&next), other.current(&applied)
			inRestart, inWorld := slices.Contains(restart, other.name), slices.Contains(world, other.name)
			switch {
			case was == now && (inRestart || inWorld):
				t.Errorf("--%s: %s is named (restart %v, world %v) but did not change", set.name, other.name, inRestart, inWorld)
			case was == now:
			case inWorld != other.world:
				t.Errorf("--%s: %s restarts the world: %v, want %v (named: %v)", set.name, other.name, inWorld, other.world, world)
			case other.reload && (got != now || inRestart):
				t.Errorf("--%s: reloadable %s is %q after the reload, want %q, not named for a restart (named: %v)", set.name, other.name, got, now, inRestart)
			case !other.reload && (got != was || !inRestart):
				t.Errorf("--%s: %s needs a restart: it is %q after the reload, want the running %q, and named (named: %v)", set.name, other.name, got, was, inRestart)
			}
		}
	}
}

// TestReloadTakesTheFileParts checks the parts of a config file that are
// no setting row: the credential lists and the fault rules.
func TestReloadTakesTheFileParts(t *testing.T) {
	t.Parallel()
	running, err := Load(nil, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, "c.yaml", `
segura:
  clients:
    - {id: ci, secret: ci-secret}
appgate:
  users:
    - {username: ops, password: ops-pass}
faults:
  - id: down
    action: {status: 503}
latency: 5ms
`)
	next, err := Load([]string{"--config", file}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	applied, restart, world := running.Reload(next)
	if len(world) != 0 {
		t.Errorf("the world restarts for %v, though no clock or timeline setting changed", world)
	}
	if !slices.Equal(restart, []string{"config"}) {
		t.Errorf("restart names %v, want only config (named on the command line this time)", restart)
	}
	if !reflect.DeepEqual(applied.SeguraClients, next.SeguraClients) || !reflect.DeepEqual(applied.AppgateUsers, next.AppgateUsers) {
		t.Errorf("credentials not taken: %+v %+v", applied.SeguraClients, applied.AppgateUsers)
	}
	ids := []string{}
	for _, r := range applied.Faults {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{fault.FlagLatencyID, "down"}) {
		t.Errorf("fault rules %v, want the latency rule then the file's", ids)
	}
	if applied.ConfigFile != running.ConfigFile {
		t.Errorf("config file changed to %q by a reload", applied.ConfigFile)
	}
}

func TestEffectiveLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		level slog.Level
		quiet bool
		want  slog.Level
	}{
		{slog.LevelInfo, false, slog.LevelInfo},
		{slog.LevelDebug, true, slog.LevelWarn},
		{slog.LevelError, true, slog.LevelError},
	}
	for _, tt := range tests {
		if got := (Settings{LogLevel: tt.level, Quiet: tt.quiet}).EffectiveLevel(); got != tt.want {
			t.Errorf("level %v quiet %v: got %v, want %v", tt.level, tt.quiet, got, tt.want)
		}
	}
}

func TestParseConfigPoll(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want string // error text; "" for none
	}{
		{"0", ""}, {"5s", ""}, {"100ms", ""},
		{"10ms", "10ms is below the minimum; want 0 or a duration from 100ms to 1h"},
		{"2h", "2h is above the maximum"},
		{"often", `"often" is not a duration`},
	}
	for _, tt := range tests {
		_, err := parseConfigPoll(tt.raw)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.raw, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want %q", tt.raw, err, tt.want)
		}
	}
}

// TestReloadWorldSettings pins which settings restart the world when a
// reload changes them: the clock and the timeline, and nothing else.
func TestReloadWorldSettings(t *testing.T) {
	t.Parallel()
	var got []string
	for _, set := range serveSettings() {
		if set.world {
			if !set.reload {
				t.Errorf("--%s restarts the world but is not marked reload", set.name)
			}
			got = append(got, set.name)
		}
	}
	want := []string{"clock", "clock-start", "segura-arrival-rate", "segura-in-progress", "appgate-arrival-rate", "appgate-grace"}
	if !slices.Equal(got, want) {
		t.Errorf("the settings that restart the world are %v, want %v", got, want)
	}
}
