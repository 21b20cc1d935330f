package server

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// tokenStatus is the status of POST /iso/oauth2/token for id and secret.
func (m *mock) tokenStatus(t *testing.T, id, secret string) int {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	resp, _ := m.call(t, m.request(t, "POST", "/iso/oauth2/token", strings.NewReader(form.Encode()),
		"Content-Type", "application/x-www-form-urlencoded"))
	return resp.StatusCode
}

func (m *mock) listStatus(t *testing.T, token string) int {
	t.Helper()
	resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+token))
	return resp.StatusCode
}

func (m *mock) config(t *testing.T) configBody {
	t.Helper()
	resp, body := m.call(t, m.request(t, "GET", mockapi.PathConfig, nil))
	if resp.StatusCode != 200 {
		t.Fatalf("config: %d %s", resp.StatusCode, body)
	}
	var c configBody
	mustUnmarshal(t, body, &c)
	return c
}

func reloaded(t *testing.T, m *mock, edit func(*Config)) {
	t.Helper()
	cfg := m.srv.Config()
	edit(&cfg)
	if err := m.srv.Reload(cfg); err != nil {
		t.Fatalf("reload: %v", err)
	}
}

func TestReloadCredentials(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	old := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	oldAppgate := m.appgateToken(t, "admin", "admin")
	reloaded(t, m, func(c *Config) {
		c.SeguraClients = []SeguraClient{{ID: "ci", Secret: "ci-secret", ListSessions: true}}
		c.AppgateUsers = []AppgateUser{{Provider: "local", Username: "ops", Password: "ops-pass", SessionInfo: true}}
	})
	if got := m.tokenStatus(t, "sessionmock", "sessionmock-secret"); got != 401 {
		t.Errorf("a client the new list drops got a token: %d", got)
	}
	fresh := m.seguraToken(t, "ci", "ci-secret")
	if got := m.listStatus(t, fresh); got != 200 {
		t.Errorf("the new client's token: %d", got)
	}
	// The token key derives from the credentials: new ones re-key, as a
	// restart with them would, so a replica started with the new file
	// and this one accept the same tokens.
	if got := m.listStatus(t, old); got != 401 {
		t.Errorf("a token issued before new credentials: %d, want 401", got)
	}
	if got := m.sessionInfoStatus(t, oldAppgate); got != 401 {
		t.Errorf("an Appgate token issued before new credentials: %d, want 401", got)
	}
	m.appgateToken(t, "ops", "ops-pass")
	replica := start(t, func(c *Config) {
		c.SeguraClients = m.srv.Config().SeguraClients
		c.AppgateUsers = m.srv.Config().AppgateUsers
	})
	if got := replica.listStatus(t, fresh); got != 200 {
		t.Errorf("a replica started with the reloaded credentials refused the token: %d", got)
	}

	c := m.config(t)
	if c.Reloads != 1 || c.ReloadedAt == nil {
		t.Errorf("config reports %d reloads at %v, want 1", c.Reloads, c.ReloadedAt)
	}
	if len(c.SeguraClients) != 1 || c.SeguraClients[0].ID != "ci" || c.SeguraClients[0].Secret != redacted {
		t.Errorf("config shows clients %+v, want ci with its secret hidden", c.SeguraClients)
	}
}

// With an explicit token key, new credentials leave the tokens valid.
func TestReloadKeepsAnExplicitTokenKey(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) { c.TokenKey = "shared-key" })
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	reloaded(t, m, func(c *Config) {
		c.SeguraClients = append(slices.Clone(c.SeguraClients), SeguraClient{ID: "ci", Secret: "ci-secret", ListSessions: true})
	})
	if got := m.listStatus(t, tok); got != 200 {
		t.Errorf("token under an explicit key after a reload: %d, want 200", got)
	}
}

func ruleIDsOf(rules []fault.Rule) []string {
	out := []string{}
	for _, r := range rules {
		out = append(out, r.ID)
	}
	return out
}

// TestReloadFaultRules replaces the start-up rules and keeps the ones
// added through the admin API, with their counters.
func TestReloadFaultRules(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) {
		c.Faults = []fault.Rule{{ID: "file-down", Match: fault.Match{Route: "version"}, Action: fault.Action{Status: 503}}}
	})
	version := func() int {
		resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil, "Accept", "application/json"))
		return resp.StatusCode
	}
	m.addRule(t, `{"id": "every-2nd", "match": {"route": "token"}, "when": {"every": 2}, "action": {"status": 502}}`)
	if got := m.tokenStatus(t, "sessionmock", "sessionmock-secret"); got != 200 {
		t.Fatalf("first token request: %d", got)
	}
	if got := version(); got != 503 {
		t.Fatalf("start-up rule not in force: %d", got)
	}

	reloaded(t, m, func(c *Config) {
		c.Faults = []fault.Rule{{Match: fault.Match{Route: "version"}, Action: fault.Action{Status: 504}}}
	})
	if got := version(); got != 504 {
		t.Errorf("version after the reload: %d, want the new rule's 504", got)
	}
	if got := ruleIDsOf(m.srv.Faults().Rules()); !slices.Equal(got, []string{"r1", "every-2nd"}) {
		t.Errorf("rules after the reload %v, want the new start-up rule, then the admin one", got)
	}
	// The admin rule kept its count: the next token request is its 2nd.
	if got := m.tokenStatus(t, "sessionmock", "sessionmock-secret"); got != 502 {
		t.Errorf("admin rule's second request: %d, want 502 (its counter kept)", got)
	}
	if got := ruleIDsOf(m.config(t).Faults); !slices.Equal(got, []string{"r1"}) {
		t.Errorf("config shows start-up rules %v, want [r1]", got)
	}

	// Reset comes back to the reloaded start-up rules.
	m.srv.Reset()
	if got := ruleIDsOf(m.srv.Faults().Rules()); !slices.Equal(got, []string{"r1"}) {
		t.Errorf("rules after a reset %v, want the reloaded start-up rules", got)
	}
	// And a later reload still finds them as start-up rules.
	reloaded(t, m, func(c *Config) { c.Faults = nil })
	if got := version(); got != 200 {
		t.Errorf("version after a reload without rules: %d", got)
	}
}

// TestReloadUnchangedRulesKeepCounting: a reload that changes only the
// credentials changes no fault sequence.
func TestReloadUnchangedRulesKeepCounting(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) {
		c.Faults = []fault.Rule{{ID: "odd", Match: fault.Match{Route: "version"}, When: fault.When{Every: 2}, Action: fault.Action{Status: 503}}}
	})
	version := func() int {
		resp, _ := m.call(t, m.request(t, "GET", "/admin/version", nil, "Accept", "application/json"))
		return resp.StatusCode
	}
	version() // n = 1
	reloaded(t, m, func(c *Config) {
		c.SeguraClients = []SeguraClient{{ID: "ci", Secret: "ci-secret", ListSessions: true}}
		c.Faults = slices.Clone(c.Faults)
	})
	if got := version(); got != 503 {
		t.Errorf("second request after a credentials-only reload: %d, want 503 (n = 2)", got)
	}
}

// TestReloadRefusedChangesNothing: a rule the engine refuses leaves the
// credentials, the rules and the config as they were.
func TestReloadRefusedChangesNothing(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	m.addRule(t, `{"id": "taken", "action": {"latency": "1ms"}}`)
	cfg := m.srv.Config()
	cfg.SeguraClients = []SeguraClient{{ID: "ci", Secret: "ci-secret", ListSessions: true}}
	cfg.Faults = []fault.Rule{{ID: "taken", Action: fault.Action{Status: 503}}}
	err := m.srv.Reload(cfg)
	if err == nil || !strings.Contains(err.Error(), `"taken" is already used by a rule that stays`) {
		t.Fatalf("reload error %v, want the id clash named", err)
	}
	if got := m.tokenStatus(t, "sessionmock", "sessionmock-secret"); got != 200 {
		t.Errorf("the running credentials after a refused reload: %d", got)
	}
	if got := m.tokenStatus(t, "ci", "ci-secret"); got != 401 {
		t.Errorf("the refused reload's client got a token: %d", got)
	}
	if c := m.config(t); c.Reloads != 0 {
		t.Errorf("config counts %d reloads after a refused one", c.Reloads)
	}
}

func TestConfigShowsTheProcess(t *testing.T) {
	t.Parallel()
	m := start(t, func(c *Config) {
		c.Process = ProcessInfo{Addr: "127.0.0.1:0", TLS: "off", LogFormat: "json", LogLevel: "info", ConfigFile: "mock.yaml", ConfigPoll: "5s"}
		c.Faults = []fault.Rule{{Action: fault.Action{Status: 500}, When: fault.When{Every: 1000}}}
	})
	c := m.config(t)
	if c.Addr != "127.0.0.1:0" || c.LogFormat != "json" || c.ConfigFile != "mock.yaml" || c.ConfigPoll != "5s" || c.TLS != "off" {
		t.Errorf("process shown as %+v", c.ProcessInfo)
	}
	if c.LocalAddr != strings.TrimPrefix(m.URL, "http://") {
		t.Errorf("local_addr %q, want where the request went, %s", c.LocalAddr, m.URL)
	}
	if got := ruleIDsOf(c.Faults); !slices.Equal(got, []string{"r1"}) {
		t.Errorf("start-up rules shown as %v, want [r1]", got)
	}
	if !c.Metrics || !c.Validation {
		t.Errorf("metrics %v validation %v, want both on", c.Metrics, c.Validation)
	}
	for _, u := range c.AppgateUsers {
		if u.Password != redacted || (u.OTP != "" && u.OTP != redacted) {
			t.Errorf("user %s shown with a secret: %+v", u.Username, u)
		}
	}
}

// whileServing runs request over and over on two goroutines while
// reload(i) runs n times, for the race detector; request says what was
// wrong with an answer, or "" for nothing.
func whileServing(t *testing.T, n int, request func() string, reload func(i int)) {
	t.Helper()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if bad := request(); bad != "" {
					t.Error(bad)
					return
				}
			}
		}()
	}
	for i := range n {
		reload(i)
	}
	close(stop)
	wg.Wait()
}

// TestReloadWhileServing runs requests while the configuration changes,
// for the race detector: each request sees one configuration or the next.
func TestReloadWhileServing(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	whileServing(t, 50, func() string {
		if status := m.tokenStatus(t, "sessionmock", "sessionmock-secret"); status != 200 && status != 503 {
			return fmt.Sprintf("token during reloads: %d, want 200 or the rule's 503", status)
		}
		return ""
	}, func(i int) {
		reloaded(t, m, func(c *Config) {
			c.Faults = nil
			if i%2 == 0 {
				c.Faults = []fault.Rule{{Match: fault.Match{Route: "token"}, Action: fault.Action{Status: 503}}}
			}
		})
	})
}
