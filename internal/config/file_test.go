package config

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/internal/yamldoc"
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
	want.AppgateClients = 3
	want.TokenTTL = 30 * time.Minute
	want.PeerVersion = 22
	want.LowestPeerVersion = 18
	want.AppgateRelease = "6.5"
	want.TokenKey = "shared-k3y"
	want.DisableValidation = true
	want.LogFormat = "json"
	want.LogLevel = slog.LevelDebug
	want.SeguraClients = []server.SeguraClient{
		{ID: "ci", Secret: "ci-secret", ListSessions: true, DropSessions: true},
		{ID: "blocked", Secret: "blocked-secret", ListSessions: false},
	}
	want.AppgateUsers = []server.AppgateUser{
		{Provider: "ldap", Username: "ops", Password: "ops-pass", SessionInfo: true, OTP: "424242"},
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
			`c.yaml:2:18: segura-sessions: "lots" is not a whole number; want a whole number from 0 to 1000000000`},
		{"negative count number", "appgate-sessions: -3\n",
			`c.yaml:1:19: appgate-sessions: -3 is below the minimum; want a whole number from 0 to 1000000000`},
		{"bad duration", "token-ttl: 3600\n",
			`c.yaml:1:12: token-ttl: "3600" is not a duration (a number needs a unit: ms, s, m or h); want a duration from 1s to 8760h`},
		{"unknown key", "seed: 1\nport: 80\n",
			`c.yaml:2:1: unknown key "port"; want a flag name of "sessionmock serve --help", segura, appgate or faults`},
		{"wrong type list", "seed: [1, 2]\n",
			`c.yaml:1:7: seed: a list is not a single value; want a single value`},
		{"wrong type map", "addr: {host: x}\n",
			`c.yaml:1:7: addr: a mapping is not a single value; want a single value`},
		{"null", "addr:\n",
			`c.yaml:1:6: addr: null is not a single value; want a single value`},
		{"bool", "tls: yes\n",
			`c.yaml:1:6: tls: "yes" is not true or false; want true or false`},
		{"duplicate key", "seed: 1\nseed: 2\n",
			`c.yaml:2:1: duplicate key "seed"; each key may appear only once (first at line 1)`},
		{"top level list", "- seed\n",
			`c.yaml:1:1: a list is not a mapping; want a mapping`},
		{"top level scalar", "hello\n",
			`c.yaml:1:1: "hello" is not a mapping; want a mapping`},
		{"syntax", "seed: 1\n  addr: x\n",
			`c.yaml:2: mapping values are not allowed in this context`},
		{"two documents", "seed: 1\n---\nseed: 2\n",
			`c.yaml:2:1: only one YAML document is allowed`},
		{"config inside config", "config: other.yaml\n",
			`c.yaml:1:1: config: a config file cannot name another one`},
		{"missing fixtures file", "fixtures: nope.yaml\n",
			`c.yaml:1:11: fixtures: no file "nope.yaml"; want an existing file`},
		{"versions", "peer-version: 21\nlowest-peer-version: 22\n",
			`lowest-peer-version 22 (c.yaml:2:22) is above peer-version 21 (c.yaml:1:15)`},
		{"unknown release", "appgate-release: 6.3\n",
			`c.yaml:1:18: appgate-release: appliance release "6.3" is not one sessionmock imitates; want one of 6.4, 6.5, 6.6, 6.7, 6.8`},
		{"section key at wrong level", "appgate:\n  peer-version: 23\n",
			`c.yaml:2:3: appgate: unknown key "peer-version" (it is a top-level key); want users`},
		{"section unknown", "segura:\n  client: []\n",
			`c.yaml:2:3: segura: unknown key "client" (did you mean "clients"?); want clients`},
		{"section not map", "segura: yes\n",
			`c.yaml:1:9: segura: "yes" is not a mapping; want a mapping`},
		{"clients not list", "segura:\n  clients: {id: a}\n",
			`c.yaml:2:12: segura.clients: a mapping is not a list; want a list`},
		{"clients empty", "segura:\n  clients: []\n",
			`c.yaml:2:12: segura.clients: must list at least one entry (leave the key out for the defaults)`},
		{"client missing secret", "segura:\n  clients:\n    - {id: a}\n",
			`c.yaml:3:7: segura.clients[0]: missing required key "secret"`},
		{"client empty id", "segura:\n  clients:\n    - {id: '', secret: s}\n",
			`c.yaml:3:12: segura.clients[0].id: empty value; want a non-empty one`},
		{"client unknown key", "segura:\n  clients:\n    - {id: a, secret: s, scope: all}\n",
			`c.yaml:3:26: segura.clients[0]: unknown key "scope"; want one of id, secret, list-sessions, drop-sessions`},
		{"client bad bool", "segura:\n  clients:\n    - {id: a, secret: s, list-sessions: maybe}\n",
			`c.yaml:3:41: segura.clients[0].list-sessions: "maybe" is not true or false; want true or false`},
		{"client twice", "segura:\n  clients:\n    - {id: a, secret: s}\n    - {id: a, secret: t}\n",
			`c.yaml:4:12: segura.clients[1].id: duplicate client id "a"; each client id may appear only once (first at line 3)`},
		{"user missing password", "appgate:\n  users:\n    - username: u\n",
			`c.yaml:3:7: appgate.users[0]: missing required key "password"`},
		{"user twice", "appgate:\n  users:\n    - {username: u, password: p}\n    - {username: u, password: q, provider: local}\n",
			`c.yaml:4:7: appgate.users[1]: duplicate user "u" of provider "local"; each user may appear only once (first at line 3)`},
		{"user entry scalar", "appgate:\n  users:\n    - admin\n",
			`c.yaml:3:7: appgate.users[0]: "admin" is not a mapping; want a mapping`},
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
	if got.SeguraSessions != 5 || got.AppgateClients != 5 {
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

// FuzzConfigFile: no input makes the parser panic, every mistake names
// the file and a line so the user knows where to look, and a file it
// accepts applies without an error.
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
		layer, err := parseConfigFile("fuzz.yaml", data)
		if err != nil {
			var list *yamldoc.ErrorList
			if !errors.As(err, &list) || len(list.Errors) == 0 || len(list.Errors) > yamldoc.MaxErrors {
				t.Fatalf("error %T %q", err, err)
			}
			for _, e := range list.Errors {
				if e.File != "fuzz.yaml" || e.Line < 1 || e.Msg == "" {
					t.Fatalf("imprecise mistake %+v", *e)
				}
			}
			return
		}
		// What the file says was checked: applying it cannot fail.
		st := &state{Settings: Defaults()}
		if err := applyFile(st, layer, map[string]string{}); err != nil {
			t.Fatalf("accepted file fails to apply: %v", err)
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

// TestLoadFileEveryMistake: a file with several mistakes reports each of
// them where it is, in document order, those of its faults section
// included.
func TestLoadFileEveryMistake(t *testing.T) {
	in := `sed: 5
segura-sessions: lots
error-rate: 1.5
addr: [a]
segura:
  clients:
    - {id: a, secret: s, list-sessions: maybe}
    - {id: a}
  seed: 1
appgate:
  users:
    - username: [u]
      password: p
faults:
  - wen: {every: 2}
    action: {status: 500}
seed: 1
seed: 2
`
	want := strings.Join([]string{
		`c.yaml:1:1: unknown key "sed" (did you mean "seed"?); want a flag name of "sessionmock serve --help", segura, appgate or faults`,
		`c.yaml:2:18: segura-sessions: "lots" is not a whole number; want a whole number from 0 to 1000000000`,
		`c.yaml:3:13: error-rate: 1.5 is above the maximum; want a number from 0 to 1`,
		`c.yaml:4:7: addr: a list is not a single value; want a single value`,
		`c.yaml:7:41: segura.clients[0].list-sessions: "maybe" is not true or false; want true or false`,
		`c.yaml:8:7: segura.clients[1]: missing required key "secret"`,
		`c.yaml:8:12: segura.clients[1].id: duplicate client id "a"; each client id may appear only once (first at line 7)`,
		`c.yaml:9:3: segura: unknown key "seed" (it is a top-level key); want clients`,
		`c.yaml:12:17: appgate.users[0].username: a list is not a string; want a string`,
		`c.yaml:15:5: faults[0]: unknown key "wen" (did you mean "when"?); want one of id, name, match, when, action, disabled`,
		`c.yaml:18:1: duplicate key "seed"; each key may appear only once (first at line 17)`,
	}, "\n")
	_, err := loadFile("c.yaml", []byte(in))
	if err == nil || err.Error() != want {
		t.Fatalf("error\n%v\nwant\n%s", err, want)
	}
	var first *yamldoc.Error
	if !errors.As(err, &first) || first.Line != 1 || first.Column != 1 {
		t.Errorf("errors.As: %+v", first)
	}
}
