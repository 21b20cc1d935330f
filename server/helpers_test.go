package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

type mock struct {
	*httptest.Server
	srv   *Server
	world *fixtures.World
	clock *clock.Clock
}

// start runs a mock with seed 1 and the default counts on a loopback
// listener; edit changes the config before the server is built.
func start(t testing.TB, edit func(*Config)) *mock {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 50, AppgateClients: 20})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{World: world, JournalSize: DefaultJournalSize}
	if edit != nil {
		edit(&cfg)
	}
	if cfg.Clock == nil {
		c, err := clock.NewFixed(cfg.World.Start())
		if err != nil {
			t.Fatal(err)
		}
		cfg.Clock = c
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ConnState = s.ConnState
	ts.Start()
	t.Cleanup(ts.Close)
	return &mock{Server: ts, srv: s, world: cfg.World, clock: cfg.Clock}
}

// call sends req, reads the whole answer and checks it against the
// vendor's OpenAPI document.
func (m *mock) call(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := m.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if !strings.HasPrefix(req.URL.Path, AdminPrefix+"/") {
		spectest.Check(t, vendorOf(req.URL.Path), req, resp, body)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusNoContent && !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q, want JSON", req.Method, req.URL.Path, ct)
	}
	return resp, body
}

func (m *mock) request(t testing.TB, method, path string, body io.Reader, header ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, m.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	return req
}

func (m *mock) seguraToken(t testing.TB, id, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	resp, body := m.call(t, m.request(t, "POST", "/iso/oauth2/token", strings.NewReader(form.Encode()),
		"Content-Type", "application/x-www-form-urlencoded"))
	if resp.StatusCode != 200 {
		t.Fatalf("token for %s: status %d %s", id, resp.StatusCode, body)
	}
	var tok tokenResponse
	mustUnmarshal(t, body, &tok)
	return tok.AccessToken
}

const accept23 = "application/vnd.appgate.peer-v23+json"

func (m *mock) appgateToken(t testing.TB, user, password string) string {
	t.Helper()
	body := `{"providerName":"local","username":"` + user + `","password":"` + password +
		`","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
	resp, out := m.call(t, m.request(t, "POST", "/admin/login", strings.NewReader(body),
		"Accept", accept23, "Content-Type", "application/json"))
	if resp.StatusCode != 200 {
		t.Fatalf("login %s: status %d %s", user, resp.StatusCode, out)
	}
	var lr loginResponse
	mustUnmarshal(t, out, &lr)
	return lr.Token
}

func mustUnmarshal(t testing.TB, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// wantJSON asserts that got and want encode the same JSON value.
func wantJSON(t testing.TB, got []byte, want string) {
	t.Helper()
	var g, w any
	mustUnmarshal(t, got, &g)
	mustUnmarshal(t, []byte(want), &w)
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("body\n got %s\nwant %s", gb, wb)
	}
}

func mustWorld(t testing.TB, seed int64, segura, appgate int) *fixtures.World {
	t.Helper()
	w, err := fixtures.NewWorld(fixtures.Options{Seed: seed, SeguraSessions: segura, AppgateClients: appgate})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// listedSession and listedClient decode the entries of GET
// /__mock/sessions.
type listedSession struct {
	fixtures.SeguraSession
	Lifecycle fixtures.SeguraLifecycle `json:"lifecycle"`
}

type listedClient struct {
	fixtures.AppgateClient
	Lifecycle fixtures.AppgateLifecycle `json:"lifecycle"`
}

type sessionsPage = mockapi.Sessions[listedSession, listedClient]

// seguraNow returns the Segura sessions as the mock lists them now,
// changes left out.
func (m *mock) seguraNow() []fixtures.SeguraSession {
	var out []fixtures.SeguraSession
	c := m.world.View(m.clock.Now(), nil).Segura().Cursor()
	for c.Next() {
		out = append(out, c.Session())
	}
	return out
}

// appgateNow returns the client with dn as session-info shows it now.
func appgateNow(t testing.TB, w *fixtures.World, now time.Time, dn appgate.DN) fixtures.AppgateClient {
	t.Helper()
	c, _, ok := w.View(now, nil).Appgate().Lookup(dn)
	if !ok {
		t.Fatalf("%s is not present at %v", dn, now)
	}
	return c
}
