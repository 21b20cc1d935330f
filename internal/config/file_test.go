package config

import (
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/server"
)

func TestLoadFileFull(t *testing.T) {
	data, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := loadFile("testdata/full.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := Defaults()
	want.Addr = "127.0.0.1:9090"
	want.Seed = 42
	want.SeguraSessions = 7
	want.AppgateSessions = 3
	want.TokenTTL = 30 * time.Minute
	want.PeerVersion = 22
	want.LowestPeerVersion = 18
	want.Validate = false
	want.LogFormat = "json"
	want.LogLevel = slog.LevelDebug
	want.SeguraClients = []server.SeguraClient{
		{ID: "ci", Secret: "ci-secret", ListSessions: true, DropSessions: true},
		{ID: "blocked", Secret: "blocked-secret", ListSessions: false},
	}
	want.AppgateUsers = []server.AppgateUser{
		{Provider: "ldap", Username: "ops", Password: "ops-pass", SessionInfo: true},
		{Provider: "local", Username: "guest", Password: "guest-pass", SessionInfo: false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

// The example shipped in docs/ must stay loadable.
func TestExampleConfigLoads(t *testing.T) {
	const name = "../../docs/config.example.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	got, err := loadFile(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if want := Defaults(); !reflect.DeepEqual(got, want) {
		t.Fatalf("the example should spell out the defaults\ngot  %+v\nwant %+v", got, want)
	}
}

func TestLoadFileEmpty(t *testing.T) {
	for _, data := range []string{"", "# nothing yet\n", "---\n", "~\n"} {
		got, err := loadFile("c.yaml", []byte(data))
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if !reflect.DeepEqual(got, Defaults()) {
			t.Fatalf("%q: got %+v, want the defaults", data, got)
		}
	}
}

func TestLoadFileErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"negative count", "seed: 1\nsegura-sessions: lots\n",
			`c.yaml:2:18: segura-sessions: must be a non-negative integer, got "lots"`},
		{"negative count number", "appgate-sessions: -3\n",
			`c.yaml:1:19: appgate-sessions: must be a non-negative integer, got "-3"`},
		{"bad duration", "token-ttl: 3600\n",
			`c.yaml:1:12: token-ttl: must be a duration such as 1h, 90m or 30s, got "3600"`},
		{"unknown key", "seed: 1\nport: 80\n",
			`c.yaml:2:1: unknown key "port" (the keys are the flag names of "sessionmock serve --help", plus segura and appgate)`},
		{"wrong type list", "seed: [1, 2]\n",
			`c.yaml:1:7: seed: must be a single value, got a list`},
		{"wrong type map", "addr: {host: x}\n",
			`c.yaml:1:7: addr: must be a single value, got a mapping`},
		{"null", "addr:\n",
			`c.yaml:1:6: addr: needs a value`},
		{"bool", "tls: yes\n",
			`c.yaml:1:6: tls: must be true or false, got "yes"`},
		{"duplicate key", "seed: 1\nseed: 2\n",
			`c.yaml:2:1: top level: key "seed" appears twice`},
		{"top level list", "- seed\n",
			`c.yaml:1:1: top level: must be a mapping of keys to values, got a list`},
		{"top level scalar", "hello\n",
			`c.yaml:1:1: top level: must be a mapping of keys to values, got "hello"`},
		{"syntax", "seed: 1\n  addr: x\n",
			`c.yaml:2: mapping values are not allowed in this context`},
		{"two documents", "seed: 1\n---\nseed: 2\n",
			`c.yaml:2:1: only one YAML document is allowed`},
		{"config inside config", "config: other.yaml\n",
			`c.yaml:1:1: config: a config file cannot name another one`},
		{"missing fixtures file", "fixtures: nope.yaml\n",
			`c.yaml:1:11: fixtures: stat nope.yaml: no such file or directory`},
		{"versions", "peer-version: 20\n",
			`lowest-peer-version 21 (default) is above peer-version 20 (c.yaml:1:15)`},
		{"section key at wrong level", "appgate:\n  peer-version: 23\n",
			`c.yaml:2:3: appgate.peer-version: unknown key (appgate takes only users; peer-version is a top-level key)`},
		{"section unknown", "segura:\n  client: []\n",
			`c.yaml:2:3: segura.client: unknown key (segura takes only clients)`},
		{"section not map", "segura: yes\n",
			`c.yaml:1:9: segura: must be a mapping of keys to values, got "yes"`},
		{"clients not list", "segura:\n  clients: {id: a}\n",
			`c.yaml:2:12: segura.clients: must be a list, got a mapping`},
		{"clients empty", "segura:\n  clients: []\n",
			`c.yaml:2:12: segura.clients: must list at least one entry (leave the key out for the defaults)`},
		{"client missing secret", "segura:\n  clients:\n    - {id: a}\n",
			`c.yaml:3:7: segura.clients[0]: missing "secret"`},
		{"client empty id", "segura:\n  clients:\n    - {id: '', secret: s}\n",
			`c.yaml:3:12: segura.clients[0].id: must not be empty`},
		{"client unknown key", "segura:\n  clients:\n    - {id: a, secret: s, scope: all}\n",
			`c.yaml:3:26: segura.clients[0]: unknown key "scope" (want id, secret, list-sessions, drop-sessions)`},
		{"client bad bool", "segura:\n  clients:\n    - {id: a, secret: s, list-sessions: maybe}\n",
			`c.yaml:3:41: segura.clients[0].list-sessions: must be true or false, got "maybe"`},
		{"client twice", "segura:\n  clients:\n    - {id: a, secret: s}\n    - {id: a, secret: t}\n",
			`c.yaml:4:7: segura.clients[1]: client id "a" is listed twice`},
		{"user missing password", "appgate:\n  users:\n    - username: u\n",
			`c.yaml:3:7: appgate.users[0]: missing "password"`},
		{"user twice", "appgate:\n  users:\n    - {username: u, password: p}\n    - {username: u, password: q, provider: local}\n",
			`c.yaml:4:7: appgate.users[1]: user "u" of provider "local" is listed twice`},
		{"user entry scalar", "appgate:\n  users:\n    - admin\n",
			`c.yaml:3:7: appgate.users[0]: must be a mapping of keys to values, got "admin"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFile("c.yaml", []byte(tt.yaml))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

func TestLoadFileAliases(t *testing.T) {
	got, err := loadFile("c.yaml", []byte("x-count: &n 5\n"))
	if err == nil || !strings.Contains(err.Error(), `unknown key "x-count"`) {
		t.Fatalf("error = %v", err)
	}
	got, err = loadFile("c.yaml", []byte("appgate:\n  users: &u\n    - {username: a, password: b}\nsegura-sessions: &n 5\nappgate-sessions: *n\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got.SeguraSessions != 5 || got.AppgateSessions != 5 {
		t.Fatalf("alias not followed: %+v", got)
	}
}

// Relative file names in a config file are relative to the file, so a
// directory holding both can be mounted anywhere.
func TestLoadFileRelativePaths(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pinned.yaml"), []byte("segura: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "c.yaml")
	got, err := loadFile(name, []byte("fixtures: pinned.yaml\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "pinned.yaml"); got.Fixtures != want {
		t.Fatalf("Fixtures = %q, want %q", got.Fixtures, want)
	}
}

// FuzzConfigFile: no input makes the parser panic, and every refusal
// starts with the file name so the user knows where to look.
func FuzzConfigFile(f *testing.F) {
	for _, name := range []string{"testdata/full.yaml", "../../docs/config.example.yaml"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", "seed: x", "a: &a [*a]", "segura: {clients: [{id: a, secret: b}]}",
		"appgate:\n  users:\n    - {username: u, password: p, session-info: false}\n", "---\n---\n", "\t", "{", "<<: {seed: 1}",
		"!!binary x: 1", "? [a]\n: 1", "seed: !!str 5", "token-ttl: 1h\npeer-version: 2\nlowest-peer-version: 1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := loadFile("fuzz.yaml", data)
		if err != nil && !strings.Contains(err.Error(), "fuzz.yaml") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// loadFile is Load for a config file alone: the defaults overlaid with
// what the file says.
func loadFile(name string, data []byte) (Settings, error) {
	layer, err := parseConfigFile(name, data)
	if err != nil {
		return Settings{}, err
	}
	st := &state{Settings: Defaults()}
	origin := map[string]string{}
	if err := applyFile(st, layer, origin); err != nil {
		return Settings{}, err
	}
	return finish(st, origin)
}
