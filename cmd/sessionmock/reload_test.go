package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// configMap lays a config file out as a Kubernetes ConfigMap volume does:
// dir/config.yaml links to ..data/config.yaml, ..data links to a
// timestamped directory, and an update writes a new directory and swaps
// the ..data link, so the file's path never changes but its inode does.
type configMap struct {
	dir  string
	gen  int
	file string // the path the mock is given
}

func newConfigMap(t *testing.T, content string) *configMap {
	t.Helper()
	c := &configMap{dir: t.TempDir()}
	c.file = filepath.Join(c.dir, "config.yaml")
	c.update(t, content)
	if err := os.Symlink(filepath.Join("..data", "config.yaml"), c.file); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *configMap) update(t *testing.T, content string) {
	t.Helper()
	c.gen++
	gen := "..2026_01_02_03_04_0" + string(rune('0'+c.gen))
	if err := os.Mkdir(filepath.Join(c.dir, gen), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, gen, "config.yaml"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(c.dir, "..data_tmp")
	if err := os.Symlink(gen, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(c.dir, "..data")); err != nil {
		t.Fatal(err)
	}
}

// tokenStatus asks for a Segura token with the given secret and checks the
// answer against the vendor's document.
func tokenStatus(t *testing.T, base, id, secret string) int {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	req, _ := http.NewRequest(http.MethodPost, base+"/iso/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, body := send(t, req)
	spectest.Check(t, wire.Segura, req, resp, body)
	return resp.StatusCode
}

func versionStatus(t *testing.T, base string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/admin/version", nil)
	req.Header.Set("Accept", "application/json")
	resp, body := send(t, req)
	spectest.Check(t, wire.Appgate, req, resp, body)
	return resp.StatusCode
}

func send(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// shownConfig is what GET /__mock/config says, in the parts these tests
// look at.
type shownConfig struct {
	Seed          int64  `json:"seed"`
	Addr          string `json:"addr"`
	LogLevel      string `json:"log_level"`
	ConfigFile    string `json:"config_file"`
	Reloads       int    `json:"reloads"`
	SeguraClients []struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	} `json:"segura_clients"`
	Faults []struct {
		ID string `json:"id"`
	} `json:"faults"`
}

func showConfig(t *testing.T, base string) shownConfig {
	t.Helper()
	resp, err := http.Get(base + mockapi.PathConfig)
	if err != nil {
		t.Fatal(err)
	}
	var c shownConfig
	decodeJSON(t, resp, &c)
	return c
}

// wantServing checks which configuration a mock serves: client ci gets a
// token with secret and none with refused, and the version route answers
// version (the rule of the configuration).
func wantServing(t *testing.T, base, secret, refused string, version int) {
	t.Helper()
	if got := tokenStatus(t, base, "ci", secret); got != 200 {
		t.Errorf("token with secret %q: %d, want 200", secret, got)
	}
	if got := tokenStatus(t, base, "ci", refused); got != 401 {
		t.Errorf("token with secret %q: %d, want 401", refused, got)
	}
	if got := versionStatus(t, base); got != version {
		t.Errorf("version: %d, want the rule's %d", got, version)
	}
}

const reloadConfig = `segura:
  clients:
    - {id: ci, secret: first-secret}
faults:
  - id: file-rule
    match: {route: version}
    action: {status: 503}
`

func TestServeReloadsAChangedConfigMap(t *testing.T) {
	cm := newConfigMap(t, reloadConfig)
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--config", cm.file, "--config-poll", "100ms")
	if got := tokenStatus(t, m.base, "ci", "first-secret"); got != 200 {
		t.Fatalf("token with the first secret: %d", got)
	}
	if got := versionStatus(t, m.base); got != 503 {
		t.Fatalf("the file's rule is not in force: %d", got)
	}

	mark := m.stderr.Len()
	cm.update(t, `seed: 9
segura-sessions: 3
log-level: debug
segura:
  clients:
    - {id: ci, secret: second-secret}
faults:
  - id: new-rule
    match: {route: version}
    action: {status: 502}
`)
	out := m.stderr.waitFor(t, mark, "configuration reloaded")
	if !strings.Contains(out, "need a restart") || !strings.Contains(out, "settings=seed,segura-sessions") {
		t.Errorf("the settings that need a restart are not named:\n%s", out)
	}
	wantServing(t, m.base, "second-secret", "first-secret", 502)
	c := showConfig(t, m.base)
	if c.Seed != 1 || c.Reloads != 1 || c.LogLevel != "debug" || c.ConfigFile != cm.file {
		t.Errorf("config after the reload: seed %d (want the running 1), %d reloads, level %q, file %q",
			c.Seed, c.Reloads, c.LogLevel, c.ConfigFile)
	}
	if len(c.SeguraClients) != 1 || c.SeguraClients[0].Secret != "[redacted]" {
		t.Errorf("clients shown as %+v, want the secret hidden", c.SeguraClients)
	}
	if len(c.Faults) != 1 || c.Faults[0].ID != "new-rule" {
		t.Errorf("start-up rules shown as %+v, want new-rule", c.Faults)
	}
	// The reloaded log level is in force: admin calls log at debug.
	mark = m.stderr.Len()
	showConfig(t, m.base)
	m.stderr.waitFor(t, mark, "path=/__mock/config")
}

func TestServeKeepsRunningOnABrokenConfig(t *testing.T) {
	cm := newConfigMap(t, reloadConfig)
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--config", cm.file, "--config-poll", "100ms")
	mark := m.stderr.Len()
	cm.update(t, `segura:
  clients:
    - {id: ci, secret: second-secret}
faults:
  - match: {route: version}
    action: {status: 200}
wen: never
`)
	out := m.stderr.waitFor(t, mark, "reload refused")
	for _, want := range []string{"config.yaml:6:", "config.yaml:7:1", `unknown key \"wen\"`, "the running configuration stays"} {
		if !strings.Contains(out, want) {
			t.Errorf("the refusal does not say %s:\n%s", want, out)
		}
	}
	wantServing(t, m.base, "first-secret", "second-secret", 503)
	// Fixed, the file reloads.
	mark = m.stderr.Len()
	cm.update(t, strings.Replace(reloadConfig, "first-secret", "third-secret", 1))
	m.stderr.waitFor(t, mark, "configuration reloaded")
	if got := tokenStatus(t, m.base, "ci", "third-secret"); got != 200 {
		t.Errorf("the fixed file's secret: %d", got)
	}
}

// TestServeRequestLog: one line per vendor request at the default level,
// none with --quiet.
func TestServeRequestLog(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		lines int
	}{
		{"default", nil, 1},
		{"quiet", []string{"--quiet"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := startServe(t, nil, append([]string{"--addr", "127.0.0.1:0", "--log-format", "json"}, tc.args...)...)
			versionStatus(t, m.base)
			showConfig(t, m.base) // admin: debug only
			if err := m.stop(t); err != nil {
				t.Fatal(err)
			}
			var requests []map[string]any
			for _, line := range strings.Split(strings.TrimSpace(m.stderr.String()), "\n") {
				var rec map[string]any
				if line == "" {
					continue
				}
				if err := json.Unmarshal([]byte(line), &rec); err != nil {
					t.Fatalf("log line is not JSON: %s", line)
				}
				switch rec["msg"] {
				case "request":
					requests = append(requests, rec)
				case "admin":
					t.Errorf("admin call logged at the default level: %v", rec)
				}
			}
			if len(requests) != tc.lines {
				t.Fatalf("%d request lines, want %d:\n%s", len(requests), tc.lines, m.stderr)
			}
			if tc.lines > 0 && (requests[0]["vendor"] != "appgate" || requests[0]["route"] != "version" || requests[0]["status"] != float64(200)) {
				t.Errorf("request line %v", requests[0])
			}
		})
	}
}

// TestReloaderWatchesContent: the poll reloads on new content only, not
// on a rewrite or a ConfigMap swap of the same bytes, and says once that
// a vanished file cannot be read.
func TestReloaderWatchesContent(t *testing.T) {
	t.Parallel()
	cm := newConfigMap(t, reloadConfig)
	log := &syncBuffer{}
	w := watchFile(cm.file, newLogger(log, "text", slog.LevelInfo))
	if w.changed() {
		t.Error("the content read at the start counts as a change")
	}
	cm.update(t, reloadConfig) // a new inode, the same bytes
	if w.changed() {
		t.Error("a swap to the same content counts as a change")
	}
	cm.update(t, reloadConfig+"# a comment\n")
	if !w.changed() {
		t.Error("new content is no change")
	}
	if err := os.Remove(cm.file); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if w.changed() {
			t.Error("an unreadable file counts as a change")
		}
	}
	if n := strings.Count(log.String(), "config file unreadable"); n != 1 {
		t.Errorf("unreadable file logged %d times, want once:\n%s", n, log)
	}
}

// TestServeMetrics scrapes a served mock: the request counts and the
// connections serve reports through the server's ConnState.
func TestServeMetrics(t *testing.T) {
	m := startServe(t, nil, "--addr", "127.0.0.1:0")
	versionStatus(t, m.base)
	resp, err := http.Get(m.base + mockapi.PathMetrics)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if f := fams["sessionmock_open_connections"]; f == nil || f.GetMetric()[0].GetGauge().GetValue() < 1 {
		t.Errorf("open connections %v, want at least the scrape's own", f)
	}
	var versions float64
	for _, mt := range fams["sessionmock_requests_total"].GetMetric() {
		for _, l := range mt.GetLabel() {
			if l.GetName() == "route" && l.GetValue() == "version" {
				versions += mt.GetCounter().GetValue()
			}
		}
	}
	if versions != 1 {
		t.Errorf("%v version requests counted, want 1", versions)
	}
	off := startServe(t, nil, "--addr", "127.0.0.1:0", "--metrics=false")
	req, _ := http.NewRequest(http.MethodGet, off.base+mockapi.PathMetrics, nil)
	if resp, _ := send(t, req); resp.StatusCode != http.StatusNotFound {
		t.Errorf("--metrics=false: %d, want 404", resp.StatusCode)
	}
}
