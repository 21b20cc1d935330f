package sessionmocktest_test

import (
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/sessionmocktest"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

func TestDefaults(t *testing.T) {
	m := sessionmocktest.New(t)
	if got := m.World.Seed(); got != 1 {
		t.Errorf("seed %d, want 1", got)
	}
	if got := m.World.Segura().Len(); got != fixtures.DefaultSeguraSessions {
		t.Errorf("%d Segura sessions, want %d", got, fixtures.DefaultSeguraSessions)
	}
	if got := m.World.Appgate().Len(); got != fixtures.DefaultAppgateClients {
		t.Errorf("%d Appgate clients, want %d", got, fixtures.DefaultAppgateClients)
	}
	if got := len(m.Faults()); got != 0 {
		t.Errorf("%d fault rules at start, want none", got)
	}
}

func TestWorldOptions(t *testing.T) {
	pins, err := fixtures.LoadPinnedFile("testdata/pins.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := sessionmocktest.New(t,
		sessionmocktest.WithSeed(42),
		sessionmocktest.WithSeguraSessions(3),
		sessionmocktest.WithAppgateClients(2),
		sessionmocktest.WithPinned(pins),
	)
	if m.World.Seed() != 42 {
		t.Errorf("seed %d, want 42", m.World.Seed())
	}
	// Three generated sessions and one pinned new one; two generated
	// clients and one pinned new one.
	if m.World.Segura().Len() != 4 || m.World.Appgate().Len() != 3 {
		t.Errorf("%d sessions and %d clients, want 4 and 3", m.World.Segura().Len(), m.World.Appgate().Len())
	}

	// The pinned records are what the mock serves.
	status, body := listSessions(t, m)
	var list struct {
		RemoteSessions []fixtures.SeguraSession `json:"remote_sessions"`
	}
	decode(t, body, &list)
	if status != 200 || len(list.RemoteSessions) != 4 || list.RemoteSessions[3].User != "carol" {
		t.Errorf("list: status %d, sessions %+v", status, list.RemoteSessions)
	}
	dn, err := appgate.ParseDN("CN=0b5c4f3e2d1a49788c6b5a4f3e2d1c0b,CN=carol,OU=ldap")
	if err != nil {
		t.Fatal(err)
	}
	status, body = call(t, m, "GET", m.SessionInfoURL(dn),
		"Authorization", "Bearer "+m.AppgateToken(), "Accept", m.AppgateAccept())
	var info struct {
		Username string `json:"username"`
		DeviceID string `json:"deviceId"`
	}
	decode(t, body, &info)
	if status != 200 || info.Username != "carol" || info.DeviceID != dn.DeviceUUID() {
		t.Errorf("session-info of the pinned client: status %d, %s", status, body)
	}
}

func TestSeedsGiveTheirWorld(t *testing.T) {
	a := sessionmocktest.New(t, sessionmocktest.WithSeed(3))
	b := sessionmocktest.New(t, sessionmocktest.WithSeed(3))
	c := sessionmocktest.New(t, sessionmocktest.WithSeed(4))
	_, bodyA := listSessions(t, a)
	_, bodyB := listSessions(t, b)
	_, bodyC := listSessions(t, c)
	if string(bodyA) != string(bodyB) {
		t.Error("two mocks with seed 3 serve different lists")
	}
	if string(bodyA) == string(bodyC) {
		t.Error("seeds 3 and 4 serve the same list")
	}
}

func TestNewFailsOnBadOptions(t *testing.T) {
	cases := []struct {
		name string
		opts []sessionmocktest.Option
		want string
	}{
		{"negative count", []sessionmocktest.Option{sessionmocktest.WithSeguraSessions(-1)}, "Segura session count -1 is negative"},
		{"invalid start rule", []sessionmocktest.Option{sessionmocktest.WithFaults(fault.Rule{Action: fault.Action{Status: 200}})}, "200 is not an error status"},
		{"bad config", []sessionmocktest.Option{sessionmocktest.WithConfig(func(c *server.Config) { c.LowestPeerVersion = 30 })}, "lowest peer version 30"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := &fatalTB{TB: t}
			msg := expectFatal(t, tb, func() { sessionmocktest.New(tb, tc.opts...) })
			if !strings.HasPrefix(msg, "sessionmocktest: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("New failed with %q, want it to mention %q", msg, tc.want)
			}
			m, err := sessionmocktest.Start(tc.opts...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Start: %v, want an error mentioning %q", err, tc.want)
			}
			if m != nil {
				m.Close()
				t.Error("Start returned a mock with its error")
			}
		})
	}
}
