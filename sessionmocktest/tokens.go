package sessionmocktest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// loginDeviceID is the device the Appgate admin login says it comes from;
// the controller wants a UUID and nothing more of it.
const loginDeviceID = "3f2a9c1e-7b4d-4e8a-9c61-2d5f0b8e4a17"

// maxTokenBody bounds what a token answer may hold; the real ones are a
// few hundred bytes.
const maxTokenBody = 1 << 20

// token is a bearer token and when it stops being accepted.
type token struct {
	value   string
	expires time.Time
}

// fresh reports whether the token is still worth handing out at now. A
// second of margin keeps a token from expiring between the check and the
// request that carries it.
func (t token) fresh(now time.Time) bool {
	return t.value != "" && now.Add(time.Second).Before(t.expires)
}

// SeguraToken returns a bearer token for the Segura API, from a real
// client-credentials request to POST /iso/oauth2/token as the first
// configured client allowed to list sessions (by default "sessionmock").
// The token is kept and handed out again until it nears expiry, so the
// request appears once in the journal and counts once for fault rules
// that match it.
func (m *Mock) SeguraToken() string {
	m.tb.Helper()
	m.segura.mu.Lock()
	defer m.segura.mu.Unlock()
	if m.segura.fresh(m.now()) {
		return m.segura.value
	}
	tok, err := m.fetchSegura(context.Background())
	if err != nil {
		m.fail("SeguraToken: %v", err)
		return ""
	}
	m.segura.token = tok
	return tok.value
}

// AppgateToken returns a bearer token for the Appgate Admin API, from a
// real POST /admin/login as the first configured user with the
// SessionInfo privilege (by default "admin"). Like SeguraToken, it logs
// in once and hands out the same token until it nears expiry.
func (m *Mock) AppgateToken() string {
	m.tb.Helper()
	m.appgate.mu.Lock()
	defer m.appgate.mu.Unlock()
	if m.appgate.fresh(m.now()) {
		return m.appgate.value
	}
	tok, err := m.fetchAppgate(context.Background())
	if err != nil {
		m.fail("AppgateToken: %v", err)
		return ""
	}
	m.appgate.token = tok
	return tok.value
}

// FetchSeguraToken requests a new Segura token as SeguraToken does, but
// every time, and returns the failure instead of reporting it: for tests
// of the token route itself and for programs.
func (m *Mock) FetchSeguraToken(ctx context.Context) (string, error) {
	tok, err := m.fetchSegura(ctx)
	return tok.value, err
}

// FetchAppgateToken logs in as AppgateToken does, but every time, and
// returns the failure instead of reporting it.
func (m *Mock) FetchAppgateToken(ctx context.Context) (string, error) {
	tok, err := m.fetchAppgate(ctx)
	return tok.value, err
}

// AppgateAccept returns the Accept header value of the highest Appgate
// API version the mock accepts, "application/vnd.appgate.peer-v24+json"
// by default.
func (m *Mock) AppgateAccept() string {
	return appgate.PeerMediaType(m.Server.Config().PeerVersion)
}

// SessionInfoURL returns the session-info URL of a client, with the DN
// escaped as one path segment.
func (m *Mock) SessionInfoURL(dn appgate.DN) string {
	return m.URL + appgate.SessionInfoPath(dn.String())
}

// now reads the server's clock, which decides when its tokens expire.
func (m *Mock) now() time.Time { return m.Server.Config().Now() }

func (m *Mock) fetchSegura(ctx context.Context) (token, error) {
	var client *server.SeguraClient
	for _, c := range m.Server.Config().SeguraClients {
		if c.ListSessions {
			client = &c
			break
		}
	}
	if client == nil {
		return token{}, fmt.Errorf("no Segura client in the config may list sessions")
	}
	form := url.Values{
		"grant_type": {"client_credentials"}, "client_id": {client.ID}, "client_secret": {client.Secret},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.URL+segura.PathToken, strings.NewReader(form.Encode()))
	if err != nil {
		return token{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	now := m.now()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := m.postJSON(req, &body); err != nil {
		return token{}, fmt.Errorf("token for client %q: %w", client.ID, err)
	}
	if body.AccessToken == "" {
		return token{}, fmt.Errorf("token for client %q: the answer has no access_token", client.ID)
	}
	return token{value: body.AccessToken, expires: now.Add(time.Duration(body.ExpiresIn) * time.Second)}, nil
}

func (m *Mock) fetchAppgate(ctx context.Context) (token, error) {
	var user *server.AppgateUser
	for _, u := range m.Server.Config().AppgateUsers {
		if u.SessionInfo {
			user = &u
			break
		}
	}
	if user == nil {
		return token{}, fmt.Errorf("no Appgate user in the config has the SessionInfo privilege")
	}
	login, err := json.Marshal(map[string]string{
		"providerName": user.Provider, "username": user.Username, "password": user.Password,
		"deviceId": loginDeviceID,
	})
	if err != nil {
		return token{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.URL+appgate.PathLogin, bytes.NewReader(login))
	if err != nil {
		return token{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", m.AppgateAccept())
	now, wall := m.now(), m.Server.Config().Wall()
	var body struct {
		Token   string `json:"token"`
		Expires string `json:"expires"`
	}
	if err := m.postJSON(req, &body); err != nil {
		return token{}, fmt.Errorf("login as %s/%s: %w", user.Provider, user.Username, err)
	}
	expires, err := time.Parse(time.RFC3339Nano, body.Expires)
	if body.Token == "" || err != nil {
		return token{}, fmt.Errorf("login as %s/%s: the answer has no token or no valid expiry (%q)", user.Provider, user.Username, body.Expires)
	}
	// The login reports the expiry in wall-clock time; the token lasts
	// as long on the server's own clock.
	return token{value: body.Token, expires: now.Add(expires.Sub(wall))}, nil
}

// postJSON sends req with the mock's client and decodes a 200 answer into
// v; any other answer is an error quoting the status and the body.
func (m *Mock) postJSON(req *http.Request, v any) error {
	resp, err := m.Client().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody))
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d: %s", req.Method, req.URL.Path, resp.StatusCode, bytes.TrimSpace(data))
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s %s: decode the answer: %w", req.Method, req.URL.Path, err)
	}
	return nil
}
