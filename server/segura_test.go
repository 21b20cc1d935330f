package server

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/segura"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestSeguraTokenEndpoint(t *testing.T) {
	m := start(t, nil)
	form := "application/x-www-form-urlencoded"
	cases := []struct {
		name        string
		path        string
		body        string
		contentType string
		basic       [2]string
		status      int
		wantError   string
	}{
		{"form credentials", "/iso/oauth2/token", "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret", form, [2]string{}, 200, ""},
		{"alias path", "/api/oauth2/token", "grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret", form, [2]string{}, 200, ""},
		{"basic credentials", "/iso/oauth2/token", "grant_type=client_credentials", form, [2]string{"sessionmock", "sessionmock-secret"}, 200, ""},
		{"client without permission still gets a token", "/iso/oauth2/token", "grant_type=client_credentials&client_id=no-sessions&client_secret=no-sessions-secret", form, [2]string{}, 200, ""},
		{"wrong secret", "/iso/oauth2/token", "grant_type=client_credentials&client_id=sessionmock&client_secret=nope", form, [2]string{}, 401, "invalid_client"},
		{"wrong basic secret", "/iso/oauth2/token", "grant_type=client_credentials", form, [2]string{"sessionmock", "nope"}, 401, "invalid_client"},
		{"unknown client", "/iso/oauth2/token", "grant_type=client_credentials&client_id=ghost&client_secret=x", form, [2]string{}, 401, "invalid_client"},
		{"no grant type", "/iso/oauth2/token", "client_id=sessionmock&client_secret=sessionmock-secret", form, [2]string{}, 400, "invalid_request"},
		{"password grant", "/iso/oauth2/token", "grant_type=password&client_id=sessionmock&client_secret=sessionmock-secret", form, [2]string{}, 400, "unsupported_grant_type"},
		{"no client id", "/iso/oauth2/token", "grant_type=client_credentials", form, [2]string{}, 400, "invalid_request"},
		{"json body", "/iso/oauth2/token", `{"grant_type":"client_credentials"}`, "application/json", [2]string{}, 400, "invalid_request"},
		{"malformed form", "/iso/oauth2/token", "grant_type=%zz", form, [2]string{}, 400, "invalid_request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := m.request(t, "POST", tc.path, strings.NewReader(tc.body), "Content-Type", tc.contentType)
			if tc.basic[0] != "" {
				req.SetBasicAuth(tc.basic[0], tc.basic[1])
			}
			resp, body := m.call(t, req)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if tc.status == 200 {
				var tok tokenResponse
				mustUnmarshal(t, body, &tok)
				if tok.TokenType != "Bearer" || tok.ExpiresIn != 3600 || strings.Count(tok.AccessToken, ".") != 2 {
					t.Errorf("token response %s", body)
				}
				if !bytes.HasPrefix(body, []byte(`{"token_type":"Bearer","expires_in":3600,"access_token":"`)) {
					t.Errorf("field order differs from the vendor's: %s", body)
				}
				return
			}
			var e segura.OAuthError
			mustUnmarshal(t, body, &e)
			if e.Error != tc.wantError || e.Description == "" {
				t.Errorf("error body %s, want error %q", body, tc.wantError)
			}
			if tc.status == 401 && e.Message != "Client authentication failed" {
				t.Errorf("401 message %q", e.Message)
			}
		})
	}
}

func TestSeguraListMatchesSeedEnvelope(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	resp, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	const head = `{"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":"Segura","remote_sessions":[{"id":"`
	if !bytes.HasPrefix(body, []byte(head)) {
		t.Fatalf("envelope differs from the seed's:\n%.300s", body)
	}
	var got struct {
		RemoteSessions []json.RawMessage `json:"remote_sessions"`
	}
	mustUnmarshal(t, body, &got)
	if len(got.RemoteSessions) != 50 {
		t.Fatalf("%d sessions, want 50", len(got.RemoteSessions))
	}
	seedOrder := []string{"id", "user", "origin_ip", "credential", "device", "protocol", "proxy",
		"session_id", "start", "end", "time", "prevent_purge", "request", "ITSM"}
	now := m.seguraNow()
	for i, raw := range got.RemoteSessions {
		if keys := objectKeys(t, raw); strings.Join(keys, ",") != strings.Join(seedOrder, ",") {
			t.Fatalf("record %d keys %v, want the seed's order %v", i, keys, seedOrder)
		}
		rec := now[i]
		want, _ := json.Marshal(rec)
		if !bytes.Equal(raw, want) {
			t.Fatalf("record %d\n got %s\nwant %s", i, raw, want)
		}
	}
}

// TestSeguraListGolden pins the whole answer for seed 1 byte for byte, so
// any change to the generator or the encoder shows up in review.
func TestSeguraListGolden(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
	golden := filepath.Join("testdata", "remotesessions_seed1.json")
	if *update {
		if err := os.WriteFile(golden, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./server -run Golden -update)", err)
	}
	if !bytes.Equal(body, want) {
		t.Errorf("answer differs from %s (%d vs %d bytes)", golden, len(body), len(want))
	}
	// A second mock with the same seed serves the same bytes.
	m2 := start(t, nil)
	tok2 := m2.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, body2 := m2.call(t, m2.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok2))
	if !bytes.Equal(body, body2) {
		t.Error("two mocks with seed 1 answered different lists")
	}
}

func TestSeguraListStreamsLargeLists(t *testing.T) {
	m := start(t, func(c *Config) {
		c.World = mustWorld(t, 1, 5000, 1)
	})
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
	var got struct {
		RemoteSessions []struct {
			ID string `json:"id"`
		} `json:"remote_sessions"`
	}
	mustUnmarshal(t, body, &got)
	if len(got.RemoteSessions) != 5000 {
		t.Fatalf("%d sessions, want 5000", len(got.RemoteSessions))
	}
	if got.RemoteSessions[4999].ID != m.world.Segura().At(4999).ID {
		t.Errorf("last record id %s", got.RemoteSessions[4999].ID)
	}
}

func TestSeguraErrors(t *testing.T) {
	m := start(t, nil)
	good := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	denied := m.seguraToken(t, "no-sessions", "no-sessions-secret")
	forAppgate := m.appgateToken(t, "admin", "admin")
	const kong = `{"message":"no Route matched with those values"}`
	envelope := func(status int, msg string, code int) string {
		b, _ := json.Marshal(segura.Envelope{Code: status, Response: segura.NewStatus(status, msg, code)})
		return string(b)
	}
	withException := func(status int, msg string, code int) string {
		b, _ := json.Marshal(segura.Error{Status: status, Message: msg, Code: code, Exception: code}.Body())
		return string(b)
	}
	cases := []struct {
		name, method, path, auth string
		status                   int
		body                     string
	}{
		{"no authorization header is Kong's 404", "GET", "/api/session/remotesessions", "", 404, kong},
		{"garbage token", "GET", "/api/session/remotesessions", "Bearer abc", 401, envelope(401, "Client authentication failed", 1)},
		{"empty bearer", "GET", "/api/session/remotesessions", "Bearer ", 401, envelope(401, "Client authentication failed", 1)},
		{"basic instead of bearer", "GET", "/api/session/remotesessions", "Basic c2Vzc2lvbm1vY2s6eA==", 401, envelope(401, "Client authentication failed", 1)},
		{"tampered token", "GET", "/api/session/remotesessions", "Bearer " + good[:len(good)-2] + "xx", 401, envelope(401, "Client authentication failed", 1)},
		{"appgate token", "GET", "/api/session/remotesessions", "Bearer " + forAppgate, 401, envelope(401, "Client authentication failed", 1)},
		{"client without permission", "GET", "/api/session/remotesessions", "Bearer " + denied, 403, envelope(403, "You are not authorized to access this resource.", 3)},
		{"unknown path under /api with a token", "GET", "/api/session/nothing", "Bearer " + good, 404, envelope(404, "Resource sub not found", 4)},
		{"unknown path under /api without a token", "GET", "/api/session/nothing", "", 404, kong},
		{"path outside both APIs", "GET", "/nowhere", "", 404, kong},
		{"method the route does not allow", "DELETE", "/api/session/remotesessions", "Bearer " + good, 404, kong},
		{"unknown session id", "GET", "/api/session/remotesessions/2", "Bearer " + good, 400, withException(400, "1002: Session not found", 1002)},
		{"id zero", "GET", "/api/session/remotesessions/000", "Bearer " + good, 400, withException(400, "1002: Session not found", 1002)},
		{"id beyond any id", "GET", "/api/session/remotesessions/123456789012345678901", "Bearer " + good, 400, withException(400, "1002: Session not found", 1002)},
		{"non-numeric session id", "GET", "/api/session/remotesessions/abc", "Bearer " + good, 400, withException(400, "1003: Unexpected identifier type", 1003)},
		{"negative session id", "GET", "/api/session/remotesessions/-1", "Bearer " + good, 400, withException(400, "1003: Unexpected identifier type", 1003)},
		{"escaped letter", "GET", "/api/session/remotesessions/%41", "Bearer " + good, 400, withException(400, "1003: Unexpected identifier type", 1003)},
		{"session by id without permission", "GET", "/api/session/remotesessions/1", "Bearer " + denied, 403, envelope(403, "You are not authorized to access this resource.", 3)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := m.request(t, tc.method, tc.path, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, body := m.call(t, req)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			wantJSON(t, body, tc.body)
		})
	}
}

func TestSeguraTokenExpires(t *testing.T) {
	m := start(t, func(c *Config) { c.TokenTTL = 10 * time.Minute })
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	get := func() int {
		resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
		return resp.StatusCode
	}
	if s := get(); s != 200 {
		t.Fatalf("fresh token: %d", s)
	}
	m.clock.Advance(10*time.Minute - time.Second)
	if s := get(); s != 200 {
		t.Fatalf("token one second before expiry: %d", s)
	}
	m.clock.Advance(time.Second)
	if s := get(); s != 401 {
		t.Fatalf("expired token: %d, want 401", s)
	}
}

func TestSeguraSessionByID(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	now := m.seguraNow()
	for _, i := range []int{0, 17, 49} {
		rec := now[i]
		resp, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions/"+rec.ID, nil, "Authorization", "Bearer "+tok))
		if resp.StatusCode != 200 {
			t.Fatalf("id %s: %d %s", rec.ID, resp.StatusCode, body)
		}
		var got struct {
			Code          int             `json:"code"`
			RemoteSession json.RawMessage `json:"remote_session"`
		}
		mustUnmarshal(t, body, &got)
		want, _ := json.Marshal([]fixtures.SeguraSession{rec})
		if got.Code != 200 || !bytes.Equal(got.RemoteSession, want) {
			t.Errorf("id %s: %s", rec.ID, body)
		}
	}
}

func TestSeguraTenantConfigurable(t *testing.T) {
	m := start(t, func(c *Config) { c.SeguraTenant = "senhasegura" })
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	_, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
	var got struct{ Tenant string }
	mustUnmarshal(t, body, &got)
	if got.Tenant != "senhasegura" {
		t.Errorf("tenant %q", got.Tenant)
	}
}

func TestSeguraCustomClients(t *testing.T) {
	m := start(t, func(c *Config) {
		c.SeguraClients = []SeguraClient{{ID: "ci", Secret: "s3cret", ListSessions: true}}
	})
	tok := m.seguraToken(t, "ci", "s3cret")
	resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok))
	if resp.StatusCode != 200 {
		t.Errorf("custom client: %d", resp.StatusCode)
	}
	req := m.request(t, "POST", "/iso/oauth2/token",
		strings.NewReader("grant_type=client_credentials&client_id=sessionmock&client_secret=sessionmock-secret"),
		"Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := m.call(t, req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("default client still accepted after replacing the clients: %d", resp.StatusCode)
	}
}

// objectKeys lists the keys of a JSON object in the order they appear.
func objectKeys(t testing.TB, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
