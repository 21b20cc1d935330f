package config

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/server"
)

func envOf(m map[string]string) func(string) string {
	return func(name string) string { return m[name] }
}

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadPrecedence(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "c.yaml", "addr: 127.0.0.1:1111\nseed: 11\ntoken-ttl: 11m\nclient-secret: from-file\nlog-format: json\nvalidate: false\n")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want func(s Settings) bool
		show func(s Settings) any
	}{
		{"default", nil, nil,
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:8080" && s.Seed == 1 && s.TokenTTL == time.Hour && !s.DisableValidation
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.DisableValidation} }},
		{"file over default", []string{"--config", file}, nil,
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:1111" && s.Seed == 11 && s.TokenTTL == 11*time.Minute && s.DisableValidation && s.LogFormat == "json"
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.DisableValidation, s.LogFormat} }},
		{"env over file", []string{"--config", file},
			map[string]string{"SESSIONMOCK_SEED": "22", "SESSIONMOCK_TOKEN_TTL": "22m", "SESSIONMOCK_VALIDATE": "true"},
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:1111" && s.Seed == 22 && s.TokenTTL == 22*time.Minute && !s.DisableValidation
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.DisableValidation} }},
		{"flag over env over file", []string{"--config", file, "--seed", "33", "--validate=false", "--log-format=text"},
			map[string]string{"SESSIONMOCK_SEED": "22", "SESSIONMOCK_ADDR": "127.0.0.1:2222", "SESSIONMOCK_VALIDATE": "true"},
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:2222" && s.Seed == 33 && s.TokenTTL == 11*time.Minute && s.DisableValidation && s.LogFormat == "text"
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.DisableValidation, s.LogFormat} }},
		{"config named by env", nil, map[string]string{"SESSIONMOCK_CONFIG": file},
			func(s Settings) bool { return s.Seed == 11 && s.ConfigFile == file },
			func(s Settings) any { return []any{s.Seed, s.ConfigFile} }},
		{"empty env is unset", nil, map[string]string{"SESSIONMOCK_SEED": ""},
			func(s Settings) bool { return s.Seed == 1 },
			func(s Settings) any { return s.Seed }},
		{"secret: env over file", []string{"--config", file}, map[string]string{"SESSIONMOCK_CLIENT_SECRET": "from-env"},
			func(s Settings) bool {
				return s.SeguraClients[0].Secret == "from-env" && s.SeguraClients[0].ID == "sessionmock"
			},
			func(s Settings) any { return s.SeguraClients }},
		{"secret: file over default", []string{"--config", file}, nil,
			func(s Settings) bool { return s.SeguraClients[0].Secret == "from-file" },
			func(s Settings) any { return s.SeguraClients }},
		{"single dash flags", []string{"-seed=5", "-tls"}, nil,
			func(s Settings) bool { return s.Seed == 5 && s.TLS },
			func(s Settings) any { return []any{s.Seed, s.TLS} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(tt.args, envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(s) {
				t.Fatalf("got %v", tt.show(s))
			}
		})
	}
}

func TestLoadCredentialOverrides(t *testing.T) {
	file := writeFile(t, "c.yaml", `segura:
  clients:
    - {id: blocked, secret: b, list-sessions: false}
    - {id: ci, secret: c}
appgate:
  users:
    - {username: viewer, password: v, session-info: false}
    - {provider: ldap, username: ops, password: o}
`)
	s, err := Load([]string{"--config", file, "--client-id", "mine", "--username", "me", "--provider", "corp"},
		envOf(map[string]string{"SESSIONMOCK_CLIENT_SECRET": "s3cret", "SESSIONMOCK_PASSWORD": "pw"}))
	if err != nil {
		t.Fatal(err)
	}
	wantClients := []server.SeguraClient{
		{ID: "blocked", Secret: "b", ListSessions: false},
		{ID: "mine", Secret: "s3cret", ListSessions: true, DropSessions: true},
	}
	if !equalSlices(s.SeguraClients, wantClients) {
		t.Errorf("clients = %+v, want %+v", s.SeguraClients, wantClients)
	}
	wantUsers := []server.AppgateUser{
		{Provider: "local", Username: "viewer", Password: "v", SessionInfo: false},
		{Provider: "corp", Username: "me", Password: "pw", SessionInfo: true},
	}
	if !equalSlices(s.AppgateUsers, wantUsers) {
		t.Errorf("users = %+v, want %+v", s.AppgateUsers, wantUsers)
	}
	// Overrides must not leak into the defaults of the next run.
	if d := Defaults(); d.SeguraClients[0].ID != "sessionmock" || d.AppgateUsers[0].Username != "admin" {
		t.Errorf("defaults changed: %+v %+v", d.SeguraClients, d.AppgateUsers)
	}
}

func equalSlices[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLoadErrorsNameTheirSource(t *testing.T) {
	t.Parallel()
	badFile := writeFile(t, "bad.yaml", "seed: 1\nsegura-sessions: lots\n")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"flag int", []string{"--seed", "x"}, nil, `--seed: "x" is not a whole number; want a whole number from -9223372036854775808 to 9223372036854775807`},
		{"env int", nil, map[string]string{"SESSIONMOCK_SEED": "x"}, `SESSIONMOCK_SEED: "x" is not a whole number`},
		{"file count", []string{"--config", badFile}, nil, badFile + `:2:18: segura-sessions: "lots" is not a whole number; want a whole number from 0 to 1000000000`},
		{"flag addr", []string{"--addr", "8080"}, nil, `--addr: "8080" is not host:port; want host:port, such as 127.0.0.1:8080 or :8080`},
		{"env duration", nil, map[string]string{"SESSIONMOCK_TOKEN_TTL": "forever"}, `SESSIONMOCK_TOKEN_TTL: "forever" is not a duration; want a duration from 1s to 8760h`},
		{"flag negative count", []string{"--appgate-sessions=-1"}, nil, `--appgate-sessions: -1 is below the minimum; want a whole number from 0 to 1000000000`},
		{"flag bool", []string{"--tls=maybe"}, nil, `--tls: "maybe" is not true or false; want true or false`},
		{"bool with space", []string{"--validate", "false"}, nil, `unexpected argument "false": serve takes only flags; boolean flags take their value after =, as in --tls=false`},
		{"stray argument", []string{"extra"}, nil, `unexpected argument "extra": serve takes only flags`},
		{"unknown flag", []string{"--port", "1"}, nil, `unknown flag --port; sessionmock serve --help lists the flags`},
		{"misspelt flag", []string{"--sed", "1"}, nil, `unknown flag --sed; did you mean --seed?`},
		{"flag without value", []string{"--seed"}, nil, `--seed needs a value; want --seed N`},
		{"missing config flag", []string{"--config", "nope.yaml"}, nil, `--config: no file "nope.yaml"; want an existing file`},
		{"missing config env", nil, map[string]string{"SESSIONMOCK_CONFIG": "nope.yaml"}, `SESSIONMOCK_CONFIG: no file "nope.yaml"; want an existing file`},
		{"missing fixtures", []string{"--fixtures", "nope.json"}, nil, `--fixtures: no file "nope.json"; want an existing file`},
		{"log level", nil, map[string]string{"SESSIONMOCK_LOG_LEVEL": "verbose"}, `SESSIONMOCK_LOG_LEVEL: "verbose" is not a choice here; want debug, info, warn or error`},
		{"versions", []string{"--lowest-peer-version", "25"}, nil, `lowest-peer-version 25 (--lowest-peer-version) is above peer-version 24 (default)`},
		{"versions of a release", []string{"--lowest-peer-version", "24", "--appgate-release", "6.6"}, nil,
			`lowest-peer-version 24 (--lowest-peer-version) is above peer-version 23 (--appgate-release)`},
		{"versions env", []string{"--peer-version", "22"}, map[string]string{"SESSIONMOCK_LOWEST_PEER_VERSION": "23"},
			`lowest-peer-version 23 (SESSIONMOCK_LOWEST_PEER_VERSION) is above peer-version 22 (--peer-version)`},
		{"cert without key", []string{"--tls-cert", badFile}, nil, `tls-cert is set (--tls-cert) but tls-key is not: give both or neither`},
		{"key without cert", nil, map[string]string{"SESSIONMOCK_TLS_KEY": badFile}, `tls-key is set (SESSIONMOCK_TLS_KEY) but tls-cert is not: give both or neither`},
		{"client id taken", []string{"--client-id", "no-sessions"}, nil, `--client-id: client id "no-sessions" is already taken by another Segura client`},
		{"user taken", nil, map[string]string{"SESSIONMOCK_USERNAME": "viewer"}, `SESSIONMOCK_USERNAME: user "viewer" of provider "local" is already taken by another Appgate user`},
		{"empty secret flag", []string{"--client-secret="}, nil, `--client-secret: empty value; want a non-empty one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(tt.args, envOf(tt.env))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to start with %s", err, tt.want)
			}
		})
	}
}

// TestLoadBounds: every size and count is bounded, and a value beyond
// the bound is refused with the flag, the value and the range, whichever
// source it came from.
func TestLoadBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--journal-size", "10000000000"}, nil, `--journal-size: 10000000000 is above the maximum; want a whole number from 0 to 100000`},
		{nil, map[string]string{"SESSIONMOCK_JOURNAL_SIZE": "100001"}, `SESSIONMOCK_JOURNAL_SIZE: 100001 is above the maximum; want a whole number from 0 to 100000`},
		{[]string{"--segura-sessions", "1000000001"}, nil, `--segura-sessions: 1000000001 is above the maximum; want a whole number from 0 to 1000000000`},
		{[]string{"--appgate-sessions", "99999999999999999999"}, nil, `--appgate-sessions: 99999999999999999999 is above the maximum; want a whole number from 0 to 1000000000`},
		{[]string{"--token-ttl", "500ms"}, nil, `--token-ttl: 500ms is below the minimum; want a duration from 1s to 8760h`},
		{[]string{"--token-ttl", "9000h"}, nil, `--token-ttl: 9000h is above the maximum; want a duration from 1s to 8760h`},
		{[]string{"--token-ttl", "3600"}, nil, `--token-ttl: "3600" is not a duration (a number needs a unit: ms, s, m or h); want a duration from 1s to 8760h`},
		{[]string{"--body-timeout", "2h"}, nil, `--body-timeout: 2h is above the maximum; want a duration from 0 to 1h`},
		{[]string{"--body-timeout", "-1s"}, nil, `--body-timeout: -1s is below the minimum; want a duration from 0 to 1h`},
		{[]string{"--peer-version", "0"}, nil, `--peer-version: 0 is below the minimum; want a whole number from 1 to 999`},
		{[]string{"--lowest-peer-version", "1000"}, nil, `--lowest-peer-version: 1000 is above the maximum; want a whole number from 1 to 999`},
		{[]string{"--error-rate", "abc"}, nil, `--error-rate: "abc" is not a number; want a number from 0 to 1`},
		{[]string{"--error-rate", "1.5"}, nil, `--error-rate: 1.5 is above the maximum; want a number from 0 to 1`},
		{[]string{"--error-status", "200"}, nil, `--error-status: 200 is below the minimum; want an HTTP error status from 300 to 599`},
		{[]string{"--latency", "2h"}, nil, `--latency: `},
		{[]string{"--cors-origins", strings.Repeat("http://a.example,", 101)}, nil, `--cors-origins: 101 origins is above the maximum; want 1 to 100 origins`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " ")+fmt.Sprint(tt.env), func(t *testing.T) {
			t.Parallel()
			_, err := Load(tt.args, envOf(tt.env))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to start with %s", err, tt.want)
			}
		})
	}
	// The bounds themselves are allowed.
	s, err := Load([]string{"--journal-size", "100000", "--segura-sessions", "1000000000", "--token-ttl", "8760h", "--peer-version", "999"}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.JournalSize != 100000 || s.SeguraSessions != 1000000000 || s.TokenTTL != 8760*time.Hour || s.PeerVersion != 999 {
		t.Fatalf("bounds not kept: %d %d %v %d", s.JournalSize, s.SeguraSessions, s.TokenTTL, s.PeerVersion)
	}
}

func TestLoadTLSFiles(t *testing.T) {
	cert := writeFile(t, "cert.pem", "x")
	key := writeFile(t, "key.pem", "y")
	s, err := Load([]string{"--tls-cert", cert, "--tls-key", key}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !s.TLS || s.TLSCert != cert || s.TLSKey != key {
		t.Fatalf("got TLS=%v cert=%q key=%q", s.TLS, s.TLSCert, s.TLSKey)
	}
}

func TestLoadHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		if _, err := Load([]string{arg}, envOf(nil)); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("Load(%s) error = %v, want flag.ErrHelp", arg, err)
		}
	}
}

// --appgate-release sets the versions a controller of that release
// accepts: its own and the two before; --peer-version and
// --lowest-peer-version, from any source, win.
func TestAppgateRelease(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args           []string
		env            map[string]string
		lowest, newest int
	}{
		{nil, nil, 22, 24},
		{[]string{"--appgate-release", "6.4"}, nil, 19, 21},
		{[]string{"--appgate-release", "6.5"}, nil, 20, 22},
		{[]string{"--appgate-release", "6.6"}, nil, 21, 23},
		{[]string{"--appgate-release", "v6.7"}, nil, 22, 24},
		{[]string{"--appgate-release", "6.8"}, nil, 23, 25},
		{[]string{"--appgate-release", "6.8", "--peer-version", "24"}, nil, 23, 24},
		{[]string{"--peer-version", "21"}, nil, 21, 21},
		{[]string{"--appgate-release", "6.8"}, map[string]string{"SESSIONMOCK_LOWEST_PEER_VERSION": "21"}, 21, 25},
		{nil, map[string]string{"SESSIONMOCK_APPGATE_RELEASE": "6.5"}, 20, 22},
	} {
		s, err := Load(tt.args, envOf(tt.env))
		if err != nil {
			t.Errorf("%q %v: %v", tt.args, tt.env, err)
			continue
		}
		if s.LowestPeerVersion != tt.lowest || s.PeerVersion != tt.newest {
			t.Errorf("%q %v: versions %d to %d, want %d to %d", tt.args, tt.env, s.LowestPeerVersion, s.PeerVersion, tt.lowest, tt.newest)
		}
	}
	if _, err := Load([]string{"--appgate-release", "7.0"}, envOf(nil)); err == nil ||
		err.Error() != `--appgate-release: appliance release "7.0" is not one sessionmock imitates; want one of 6.4, 6.5, 6.6, 6.7, 6.8` {
		t.Errorf("unknown release: %v", err)
	}
}
