package server

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAdminHealth(t *testing.T) {
	m := start(t, nil)
	resp, body := m.call(t, m.request(t, "GET", "/__mock/health", nil))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	wantJSON(t, body, `{"status":"ok","seed":1}`)
}

func TestAdminSessionsPages(t *testing.T) {
	m := start(t, nil)
	var got sessionsPage
	_, body := m.call(t, m.request(t, "GET", "/__mock/sessions", nil))
	mustUnmarshal(t, body, &got)
	if got.Seed != 1 || got.Segura.Total != 50 || len(got.Segura.Sessions) != 50 ||
		got.Appgate.Total != 20 || len(got.Appgate.Clients) != 20 {
		t.Fatalf("both vendors: %.300s", body)
	}
	for i, c := range got.Appgate.Clients {
		want := m.world.Appgate().At(i)
		if c.DN != want.DN || c.Info.DeviceID != want.Info.DeviceID {
			t.Errorf("client %d: %v, want %v", i, c.DN, want.DN)
		}
	}
	_, body = m.call(t, m.request(t, "GET", "/__mock/sessions?vendor=segura&offset=45&limit=10", nil))
	got = sessionsPage{}
	mustUnmarshal(t, body, &got)
	if got.Appgate != nil || got.Segura.Offset != 45 || len(got.Segura.Sessions) != 5 ||
		got.Segura.Sessions[0].ID != m.world.Segura().At(45).ID {
		t.Fatalf("segura page: %.300s", body)
	}
	_, body = m.call(t, m.request(t, "GET", "/__mock/sessions?vendor=appgate&offset=100", nil))
	var raw map[string]json.RawMessage
	mustUnmarshal(t, body, &raw)
	wantJSON(t, raw["appgate"], `{"total":20,"offset":100,"clients":[]}`)
}

func TestAdminErrors(t *testing.T) {
	m := start(t, nil)
	for path, want := range map[string]int{
		"/__mock/sessions?vendor=cisco": 400,
		"/__mock/sessions?limit=x":      400,
		"/__mock/sessions?limit=10001":  400,
		"/__mock/sessions?offset=-1":    400,
		"/__mock/nothing":               404,
	} {
		resp, body := m.call(t, m.request(t, "GET", path, nil))
		var e adminErrorBody
		mustUnmarshal(t, body, &e)
		if resp.StatusCode != want || e.Error == "" {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
	resp, body := m.call(t, m.request(t, "DELETE", "/__mock/health", nil))
	if resp.StatusCode != 405 {
		t.Errorf("DELETE health: %d %s", resp.StatusCode, body)
	}
}

func TestAdminToken(t *testing.T) {
	m := start(t, func(c *Config) { c.AdminToken = "letmein" })
	for _, path := range []string{"/__mock/sessions", "/__mock/requests", "/__mock/config"} {
		resp, body := m.call(t, m.request(t, "GET", path, nil))
		if resp.StatusCode != 401 {
			t.Errorf("%s without token: %d %s", path, resp.StatusCode, body)
		}
		resp, body = m.call(t, m.request(t, "GET", path, nil, "Authorization", "Bearer wrong"))
		if resp.StatusCode != 401 {
			t.Errorf("%s with a wrong token: %d %s", path, resp.StatusCode, body)
		}
		resp, body = m.call(t, m.request(t, "GET", path, nil, "Authorization", "Bearer letmein"))
		if resp.StatusCode != 200 {
			t.Errorf("%s with the token: %d %s", path, resp.StatusCode, body)
		}
	}
	if resp, _ := m.call(t, m.request(t, "GET", "/__mock/health", nil)); resp.StatusCode != 200 {
		t.Errorf("health needs no token: %d", resp.StatusCode)
	}
}

func TestAdminConfigHidesSecrets(t *testing.T) {
	m := start(t, func(c *Config) { c.AdminToken = "letmein" })
	_, body := m.call(t, m.request(t, "GET", "/__mock/config", nil, "Authorization", "Bearer letmein"))
	var got configBody
	mustUnmarshal(t, body, &got)
	if got.Seed != 1 || got.SeguraSessions != 50 || got.PeerVersion != 24 || !got.AdminToken ||
		len(got.SeguraClients) != 3 || got.SeguraClients[0].ID != "sessionmock" || len(got.AppgateUsers) != 3 ||
		got.SeguraRelease != 4 || got.Timeline.Clock != "fixed" || got.Timeline.Start != "2024-01-22T08:15:39Z" ||
		got.Timeline.SeguraArrivalRate != 40 || got.Timeline.AppgateGraceSeconds != 300 {
		t.Fatalf("config: %s", body)
	}
	for _, secret := range []string{"sessionmock-secret", "read-only-secret", "no-sessions-secret", `"password":"admin"`, "letmein", "123456"} {
		if strings.Contains(string(body), secret) {
			t.Errorf("config shows %s", secret)
		}
	}
	if got.AppgateUsers[0].Password != "[redacted]" || got.SeguraClients[1].Secret != "[redacted]" ||
		got.AppgateUsers[2].OTP != "[redacted]" || got.AppgateUsers[0].OTP != "" {
		t.Errorf("secrets: %s", body)
	}
}

func TestAdminResetClearsJournal(t *testing.T) {
	m := start(t, nil)
	m.call(t, m.request(t, "GET", "/admin/version", nil))
	resp, body := m.call(t, m.request(t, "POST", "/__mock/reset", nil))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	_, body = m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	var got requestsBody
	mustUnmarshal(t, body, &got)
	if got.Seen != 0 {
		t.Errorf("journal after reset: %s", body)
	}
}
