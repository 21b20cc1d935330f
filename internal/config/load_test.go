package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
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
				return s.Addr == "127.0.0.1:8080" && s.Seed == 1 && s.TokenTTL == time.Hour && s.Validate
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.Validate} }},
		{"file over default", []string{"--config", file}, nil,
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:1111" && s.Seed == 11 && s.TokenTTL == 11*time.Minute && !s.Validate && s.LogFormat == "json"
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.Validate, s.LogFormat} }},
		{"env over file", []string{"--config", file},
			map[string]string{"SESSIONMOCK_SEED": "22", "SESSIONMOCK_TOKEN_TTL": "22m", "SESSIONMOCK_VALIDATE": "true"},
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:1111" && s.Seed == 22 && s.TokenTTL == 22*time.Minute && s.Validate
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.Validate} }},
		{"flag over env over file", []string{"--config", file, "--seed", "33", "--validate=false", "--log-format=text"},
			map[string]string{"SESSIONMOCK_SEED": "22", "SESSIONMOCK_ADDR": "127.0.0.1:2222", "SESSIONMOCK_VALIDATE": "true"},
			func(s Settings) bool {
				return s.Addr == "127.0.0.1:2222" && s.Seed == 33 && s.TokenTTL == 11*time.Minute && !s.Validate && s.LogFormat == "text"
			},
			func(s Settings) any { return []any{s.Addr, s.Seed, s.TokenTTL, s.Validate, s.LogFormat} }},
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
	badFile := writeFile(t, "bad.yaml", "seed: 1\nsegura-sessions: lots\n")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"flag int", []string{"--seed", "x"}, nil, `--seed: invalid integer "x"`},
		{"env int", nil, map[string]string{"SESSIONMOCK_SEED": "x"}, `SESSIONMOCK_SEED: invalid integer "x"`},
		{"file count", []string{"--config", badFile}, nil, badFile + `:2:18: segura-sessions: must be a non-negative integer, got "lots"`},
		{"flag addr", []string{"--addr", "8080"}, nil, `--addr: must be host:port (such as 127.0.0.1:8080 or :8080), got "8080"`},
		{"env duration", nil, map[string]string{"SESSIONMOCK_TOKEN_TTL": "forever"}, `SESSIONMOCK_TOKEN_TTL: must be a duration such as 1h, 90m or 30s, got "forever"`},
		{"flag negative count", []string{"--appgate-sessions=-1"}, nil, `--appgate-sessions: must be a non-negative integer, got "-1"`},
		{"flag bool", []string{"--tls=maybe"}, nil, `--tls: must be true or false, got "maybe"`},
		{"bool with space", []string{"--validate", "false"}, nil, `serve: unexpected argument "false" (boolean flags take their value after =, as in --validate=false)`},
		{"stray argument", []string{"extra"}, nil, `serve: unexpected argument "extra"`},
		{"unknown flag", []string{"--port", "1"}, nil, `serve: flag provided but not defined: -port`},
		{"missing config flag", []string{"--config", "nope.yaml"}, nil, `--config: stat nope.yaml: no such file or directory`},
		{"missing config env", nil, map[string]string{"SESSIONMOCK_CONFIG": "nope.yaml"}, `SESSIONMOCK_CONFIG: stat nope.yaml: no such file or directory`},
		{"missing fixtures", []string{"--fixtures", "nope.json"}, nil, `--fixtures: stat nope.json: no such file or directory`},
		{"log level", nil, map[string]string{"SESSIONMOCK_LOG_LEVEL": "verbose"}, `SESSIONMOCK_LOG_LEVEL: must be one of debug, info, warn, error, got "verbose"`},
		{"versions", []string{"--lowest-peer-version", "24"}, nil, `lowest-peer-version 24 (--lowest-peer-version) is above peer-version 23 (default)`},
		{"versions env", []string{"--peer-version", "22"}, map[string]string{"SESSIONMOCK_LOWEST_PEER_VERSION": "23"},
			`lowest-peer-version 23 (SESSIONMOCK_LOWEST_PEER_VERSION) is above peer-version 22 (--peer-version)`},
		{"cert without key", []string{"--tls-cert", badFile}, nil, `tls-cert is set (--tls-cert) but tls-key is not: give both or neither`},
		{"key without cert", nil, map[string]string{"SESSIONMOCK_TLS_KEY": badFile}, `tls-key is set (SESSIONMOCK_TLS_KEY) but tls-cert is not: give both or neither`},
		{"client id taken", []string{"--client-id", "no-sessions"}, nil, `--client-id: client id "no-sessions" is already taken by another Segura client`},
		{"user taken", nil, map[string]string{"SESSIONMOCK_USERNAME": "viewer"}, `SESSIONMOCK_USERNAME: user "viewer" of provider "local" is already taken by another Appgate user`},
		{"empty secret flag", []string{"--client-secret="}, nil, `--client-secret: must not be empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.args, envOf(tt.env))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
		})
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
