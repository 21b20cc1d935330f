package sessionmocktest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

func TestTokensWork(t *testing.T) {
	for _, tls := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "tls"}[tls]
		t.Run(name, func(t *testing.T) {
			var opts []sessionmocktest.Option
			if tls {
				opts = append(opts, sessionmocktest.WithTLS())
			}
			m := sessionmocktest.New(t, opts...)

			status, body := listSessions(t, m)
			var list struct {
				Tenant         string                   `json:"tenant"`
				RemoteSessions []fixtures.SeguraSession `json:"remote_sessions"`
			}
			decode(t, body, &list)
			if status != 200 || len(list.RemoteSessions) != m.World.Segura().Len() || list.Tenant != server.DefaultSeguraTenant {
				t.Errorf("list: status %d, %d sessions, tenant %q", status, len(list.RemoteSessions), list.Tenant)
			}

			want := m.World.Appgate().At(0)
			status, body = sessionInfo(t, m)
			var info struct {
				DeviceID     string `json:"deviceId"`
				Username     string `json:"username"`
				ProviderName string `json:"providerName"`
			}
			decode(t, body, &info)
			if status != 200 || info.DeviceID != want.DN.DeviceUUID() || info.Username != want.DN.Username ||
				info.ProviderName != want.DN.Provider {
				t.Errorf("session-info of %s: status %d, %s", want.DN, status, body)
			}

			// The tokens are real: each is refused by the other vendor's API.
			status, _ = call(t, m, "GET", m.URL+"/api/session/remotesessions", "Authorization", "Bearer "+m.AppgateToken())
			if status != 401 {
				t.Errorf("list with the Appgate token: status %d, want 401", status)
			}
		})
	}
}

func TestTokensCached(t *testing.T) {
	m := sessionmocktest.New(t)
	s1, s2 := m.SeguraToken(), m.SeguraToken()
	a1, a2 := m.AppgateToken(), m.AppgateToken()
	if s1 == "" || s1 != s2 || a1 == "" || a1 != a2 {
		t.Fatalf("tokens not kept: segura %q %q, appgate %q %q", s1, s2, a1, a2)
	}
	routes := map[string]int{}
	for _, e := range m.Requests() {
		routes[e.Route]++
	}
	if routes["token"] != 1 || routes["login"] != 1 || len(routes) != 2 {
		t.Errorf("journal routes %v, want one token and one login request", routes)
	}
	// Fresh fetches give new tokens that work as well.
	fresh, err := m.FetchSeguraToken(context.Background())
	if err != nil || fresh == s1 {
		t.Fatalf("FetchSeguraToken: %q, %v", fresh, err)
	}
	if status, _ := call(t, m, "GET", m.URL+"/api/session/remotesessions", "Authorization", "Bearer "+fresh); status != 200 {
		t.Errorf("list with a fetched token: status %d", status)
	}
	login, err := m.FetchAppgateToken(context.Background())
	if err != nil || login == a1 {
		t.Fatalf("FetchAppgateToken: %q, %v", login, err)
	}
	if status, _ := sessionInfo(t, m, "Authorization", "Bearer "+login); status != 200 {
		t.Errorf("session-info with a fetched token: status %d", status)
	}
}

// Tokens age on the mock's world clock: a test moves past their expiry
// and sees them renewed.
func TestTokensRenewedNearExpiry(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithConfig(func(cfg *server.Config) {
		cfg.TokenTTL = time.Minute
	}))
	c := m.Clock()
	oldS, oldA := m.SeguraToken(), m.AppgateToken()
	c.Advance(30 * time.Second)
	if m.SeguraToken() != oldS || m.AppgateToken() != oldA {
		t.Fatal("tokens renewed half-way through their lifetime")
	}
	c.Advance(31 * time.Second) // past the expiry
	newS, newA := m.SeguraToken(), m.AppgateToken()
	if newS == oldS || newA == oldA {
		t.Fatal("expired tokens handed out again")
	}
	if status, _ := listSessions(t, m); status != 200 {
		t.Errorf("list with the renewed token: status %d", status)
	}
	if status, _ := sessionInfo(t, m); status != 200 {
		t.Errorf("session-info with the renewed token: status %d", status)
	}
	if status, _ := call(t, m, "GET", m.URL+"/api/session/remotesessions", "Authorization", "Bearer "+oldS); status != 401 {
		t.Errorf("list with the expired token: status %d, want 401", status)
	}
}

func TestTokensFollowConfig(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithConfig(func(c *server.Config) {
		c.SeguraClients = []server.SeguraClient{
			{ID: "reader", Secret: "reader-secret", ListSessions: false},
			{ID: "ci", Secret: "ci-secret", ListSessions: true},
		}
		c.AppgateUsers = []server.AppgateUser{
			{Provider: "local", Username: "audit", Password: "audit", SessionInfo: false},
			{Provider: "ldap", Username: "ops", Password: "s3cret", SessionInfo: true},
		}
		c.SeguraTenant = "senhasegura"
	}))
	status, body := listSessions(t, m)
	var list struct {
		Tenant string `json:"tenant"`
	}
	decode(t, body, &list)
	if status != 200 || list.Tenant != "senhasegura" {
		t.Errorf("list as the configured client: status %d, tenant %q", status, list.Tenant)
	}
	if status, body := sessionInfo(t, m); status != 200 {
		t.Errorf("session-info as the configured user: status %d %s", status, body)
	}
}

func TestTokenWithoutEligibleAccount(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*server.Config)
		fetch func(*sessionmocktest.Mock) string
		want  string
	}{
		{
			"segura", func(c *server.Config) {
				c.SeguraClients = []server.SeguraClient{{ID: "reader", Secret: "x", ListSessions: false}}
			},
			(*sessionmocktest.Mock).SeguraToken, "SeguraToken: no Segura client in the config may list sessions",
		},
		{
			"appgate", func(c *server.Config) {
				c.AppgateUsers = []server.AppgateUser{{Provider: "local", Username: "v", Password: "v"}}
			},
			(*sessionmocktest.Mock).AppgateToken, "AppgateToken: no Appgate user in the config has the SessionInfo privilege",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := &fatalTB{TB: t}
			m := sessionmocktest.New(tb, sessionmocktest.WithConfig(tc.edit))
			if msg := expectFatal(t, tb, func() { tc.fetch(m) }); !strings.Contains(msg, tc.want) {
				t.Errorf("failed with %q, want %q", msg, tc.want)
			}
		})
	}
}

func TestAppgateAccept(t *testing.T) {
	m := sessionmocktest.New(t)
	if got := m.AppgateAccept(); got != "application/vnd.appgate.peer-v24+json" {
		t.Errorf("AppgateAccept %q", got)
	}

	old := sessionmocktest.New(t, sessionmocktest.WithConfig(func(c *server.Config) { c.PeerVersion = 22 }))
	if got := old.AppgateAccept(); got != "application/vnd.appgate.peer-v22+json" {
		t.Errorf("AppgateAccept with peer version 22: %q", got)
	}
	// The login behind AppgateToken uses the configured version, and a
	// client asking for 23 meets the controller's 406.
	status, body := sessionInfo(t, old, "Accept", "application/vnd.appgate.peer-v23+json")
	var e struct {
		ID  string `json:"id"`
		Max int    `json:"maxSupportedVersion"`
	}
	decode(t, body, &e)
	if status != 406 || e.ID != "not acceptable" || e.Max != 22 {
		t.Errorf("peer-v23 against a v22 controller: status %d %s", status, body)
	}
	if status, _ := sessionInfo(t, old); status != 200 {
		t.Errorf("peer-v22 against a v22 controller: status %d", status)
	}
}

func TestSessionInfoURL(t *testing.T) {
	m := sessionmocktest.New(t)
	dn := m.World.Appgate().At(0).DN
	got := m.SessionInfoURL(dn)
	want := m.AppgateURL + "/session-info/CN=" + dn.DeviceID + "%2CCN=" + dn.Username + "%2COU=" + dn.Provider
	if got != want {
		t.Errorf("SessionInfoURL\n got %s\nwant %s", got, want)
	}
}
