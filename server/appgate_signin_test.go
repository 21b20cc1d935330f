package server

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

const loginDevice = "4c07bc67-57ea-42dd-b702-c2d6c45419fc"

func credentials(user, password string) string {
	return `{"providerName":"local","username":"` + user + `","password":"` + password + `","deviceId":"` + loginDevice + `"}`
}

// step sends one sign-in call at version 24 and decodes a login answer.
func (m *mock) step(t *testing.T, method, path, token, body string) (int, loginResponse, []byte) {
	t.Helper()
	header := []string{"Accept", appgate.PeerMediaType(24), "User-Agent", "sdpctl/2024.08.21"}
	if token != "" {
		header = append(header, "Authorization", "Bearer "+token)
	}
	var req *http.Request
	if body != "" {
		header = append(header, "Content-Type", "application/json")
		req = m.request(t, method, path, strings.NewReader(body), header...)
	} else {
		req = m.request(t, method, path, nil, header...)
	}
	resp, out := m.call(t, req)
	var lr loginResponse
	if resp.StatusCode == 200 && strings.Contains(string(out), `"token"`) {
		mustUnmarshal(t, out, &lr)
	}
	return resp.StatusCode, lr, out
}

func (m *mock) sessionInfoStatus(t *testing.T, token string) int {
	t.Helper()
	dn := m.world.Appgate().At(0).DN.String()
	resp, _ := m.call(t, m.request(t, "GET", "/admin/session-info/"+dn, nil, "Accept", accept23, "Authorization", "Bearer "+token))
	return resp.StatusCode
}

func TestTwoStepSignIn(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion = 24 })
	status, partial, body := m.step(t, "POST", "/admin/authentication", "", credentials("admin", "admin"))
	if status != 200 || partial.Token == "" || partial.User.NeedTwoFactorAuth || partial.User.Name != "admin" {
		t.Fatalf("authentication: %d %s", status, body)
	}
	if got := m.sessionInfoStatus(t, partial.Token); got != 401 {
		t.Errorf("the partial token read session-info: %d", got)
	}
	status, final, body := m.step(t, "GET", "/admin/authorization", partial.Token, "")
	if status != 200 || final.Token == "" || final.Token == partial.Token {
		t.Fatalf("authorization: %d %s", status, body)
	}
	if got := m.sessionInfoStatus(t, final.Token); got != 200 {
		t.Errorf("the final token: session-info %d", got)
	}
	// A stored final token is checked with the same call, and comes back.
	status, again, body := m.step(t, "GET", "/admin/authorization", final.Token, "")
	if status != 200 || again.Token != final.Token {
		t.Errorf("authorization with the final token: %d %s", status, body)
	}
	// Logout revokes every token of the sign-in.
	resp, out := m.call(t, m.request(t, "POST", "/admin/authentication/logout", nil,
		"Accept", appgate.PeerMediaType(24), "Authorization", "Bearer "+final.Token))
	if resp.StatusCode != 204 || len(out) != 0 {
		t.Fatalf("logout: %d %q", resp.StatusCode, out)
	}
	for name, tok := range map[string]string{"final": final.Token, "partial": partial.Token} {
		if got := m.sessionInfoStatus(t, tok); got != 401 {
			t.Errorf("%s token after logout: session-info %d", name, got)
		}
		status, _, body := m.step(t, "GET", "/admin/authorization", tok, "")
		if status != 401 || !strings.Contains(string(body), "revoked") {
			t.Errorf("%s token after logout: authorization %d %s", name, status, body)
		}
	}
	// Another sign-in of the same user is not affected.
	if got := m.sessionInfoStatus(t, m.appgateToken(t, "admin", "admin")); got != 200 {
		t.Errorf("a new login after the logout: %d", got)
	}
}

func TestOneTimePassword(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion, c.LowestPeerVersion = 24, 22 })
	status, partial, body := m.step(t, "POST", "/admin/authentication", "", credentials("otp-admin", "otp-admin"))
	if status != 200 || !partial.User.NeedTwoFactorAuth {
		t.Fatalf("authentication: %d %s", status, body)
	}
	status, _, body = m.step(t, "GET", "/admin/authorization", partial.Token, "")
	if status != http.StatusPreconditionFailed || !strings.Contains(string(body), `"id":"precondition failed"`) {
		t.Fatalf("authorization before the OTP: %d %s", status, body)
	}
	status, _, body = m.step(t, "POST", "/admin/authentication/otp/initialize", partial.Token, `{"userPassword":"otp-admin"}`)
	if status != 200 || string(body) != `{"type":"AlreadySeeded"}` {
		t.Fatalf("OTP initialize: %d %s", status, body)
	}
	status, _, body = m.step(t, "POST", "/admin/authentication/otp", partial.Token, `{"otp":"654321"}`)
	if status != 401 || !strings.Contains(string(body), `"reason":"Invalid one-time password"`) {
		t.Fatalf("wrong OTP: %d %s", status, body)
	}
	status, _, body = m.step(t, "POST", "/admin/authentication/otp", partial.Token, `{}`)
	if status != 422 || !strings.Contains(string(body), `"field":"otp"`) {
		t.Fatalf("no OTP: %d %s", status, body)
	}
	status, verified, body := m.step(t, "POST", "/admin/authentication/otp", partial.Token, `{"otp":"123456"}`)
	if status != 200 || verified.Token == "" || verified.User.NeedTwoFactorAuth {
		t.Fatalf("right OTP: %d %s", status, body)
	}
	if got := m.sessionInfoStatus(t, verified.Token); got != 401 {
		t.Errorf("the token after the OTP read session-info before authorization: %d", got)
	}
	status, final, body := m.step(t, "GET", "/admin/authorization", verified.Token, "")
	if status != 200 {
		t.Fatalf("authorization after the OTP: %d %s", status, body)
	}
	if got := m.sessionInfoStatus(t, final.Token); got != 200 {
		t.Errorf("final token of the OTP user: %d", got)
	}
	// The OTP steps are for sign-ins that need them.
	_, plain, _ := m.step(t, "POST", "/admin/authentication", "", credentials("admin", "admin"))
	for _, path := range []string{"/admin/authentication/otp/initialize", "/admin/authentication/otp"} {
		status, _, body := m.step(t, "POST", path, plain.Token, `{"otp":"123456"}`)
		if status != 400 {
			t.Errorf("%s for a user without OTP: %d %s", path, status, body)
		}
	}
	// Simple login of the OTP user gives the partial token, as the
	// vendor describes for admins under MFA.
	status, viaLogin, body := m.step(t, "POST", "/admin/login", "", credentials("otp-admin", "otp-admin"))
	if status != 200 || !viaLogin.User.NeedTwoFactorAuth || m.sessionInfoStatus(t, viaLogin.Token) != 401 {
		t.Errorf("login of the OTP user: %d %s", status, body)
	}
}

func TestSignInErrors(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion, c.LowestPeerVersion = 24, 22 })
	status, _, body := m.step(t, "POST", "/admin/authentication", "", credentials("admin", "wrong"))
	if status != 401 || !strings.Contains(string(body), `"reason":"Invalid credentials"`) {
		t.Errorf("wrong password: %d %s", status, body)
	}
	status, _, body = m.step(t, "POST", "/admin/login", "", credentials("admin", "wrong"))
	if status != 401 || !strings.Contains(string(body), `"reason":"Invalid credentials"`) {
		t.Errorf("login, wrong password: %d %s", status, body)
	}
	status, _, body = m.step(t, "POST", "/admin/authentication", "", `{"providerName":"local"}`)
	if status != 422 || !strings.Contains(string(body), `"field":"deviceId"`) {
		t.Errorf("no device id: %d %s", status, body)
	}
	for _, path := range []string{"/admin/authorization", "/admin/authentication/logout", "/admin/authentication/otp", "/admin/authentication/otp/initialize"} {
		method := "POST"
		if path == "/admin/authorization" {
			method = "GET"
		}
		status, _, body := m.step(t, method, path, "", `{"otp":"1"}`)
		if status != 401 {
			t.Errorf("%s without a token: %d %s", path, status, body)
		}
		status, _, body = m.step(t, method, path, "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", `{"otp":"1"}`)
		if status != 401 {
			t.Errorf("%s with a JWT: %d %s", path, status, body)
		}
	}
	// The version probe sdpctl sends: peer-v5 and only the device id.
	resp, out := m.call(t, m.request(t, "POST", "/admin/authentication", strings.NewReader(`{"deviceId":"`+loginDevice+`"}`),
		"Accept", "application/vnd.appgate.peer-v5+json", "Content-Type", "application/json"))
	wantJSON(t, out, `{"id":"not acceptable","message":"Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v24+json, Received: application/vnd.appgate.peer-v5+json","minSupportedVersion":22,"maxSupportedVersion":24}`)
	if resp.StatusCode != 406 {
		t.Errorf("probe: %d", resp.StatusCode)
	}
}

func TestIdentityProviderNames(t *testing.T) {
	m := start(t, func(c *Config) {
		c.AppgateUsers = append(DefaultAppgateUsers(), AppgateUser{Provider: "corp-ldap", Username: "x", Password: "y"})
	})
	resp, body := m.call(t, m.request(t, "GET", "/admin/identity-providers/names", nil, "Accept", accept23))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	wantJSON(t, body, `{"data":[{"name":"local","type":"LocalDatabase"},{"name":"corp-ldap","type":"Ldap"}],"bannerMessage":"sessionmock: simulated Appgate SDP Controller."}`)
}

// The login answer has the fields clients read, by version.
func TestLoginAnswerFields(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion = 24 })
	for _, tt := range []struct {
		version int
		v24     bool
	}{{23, false}, {24, true}} {
		resp, body := m.call(t, m.request(t, "POST", "/admin/login", strings.NewReader(credentials("admin", "admin")),
			"Accept", appgate.PeerMediaType(tt.version), "Content-Type", "application/json"))
		s := string(body)
		if resp.StatusCode != 200 || !strings.Contains(s, `"ztpCollectiveType":"hosted"`) || !strings.Contains(s, `"ztpAccountType":"standard"`) ||
			!strings.Contains(s, `"crlEnabled":true`) {
			t.Errorf("v%d: %d %s", tt.version, resp.StatusCode, body)
		}
		if got := strings.Contains(s, `"ppModeEnabled":false,"inactivityTimeoutEnabled":false,"inactivityTimeoutMinutes":30`); got != tt.v24 {
			t.Errorf("v%d: version 24 fields present %v: %s", tt.version, got, body)
		}
	}
}

// Tokens are standard base64, as the vendor's Terraform provider demands.
func TestAppgateTokenShape(t *testing.T) {
	m := start(t, nil)
	for _, tok := range []string{m.appgateToken(t, "admin", "admin"), m.appgateToken(t, "otp-admin", "otp-admin")} {
		if strings.ContainsAny(tok, ".-_") {
			t.Errorf("token %q has a character standard base64 lacks", tok)
		}
		if _, err := base64.StdEncoding.DecodeString(tok); err != nil {
			t.Errorf("token %q: %v", tok, err)
		}
	}
}

func TestAppgateTokens(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	key := tokenKey(1, "", DefaultSeguraClients(), DefaultAppgateUsers())
	a := newAppgateTokens(key, time.Hour, clock)
	c := appgateClaims{stage: stageFinal, signIn: a.newSignIn("local", "admin"), provider: "local", username: "admin"}
	tok, exp := a.issue(c)
	if !exp.Equal(now.Add(time.Hour)) {
		t.Errorf("expiry %v", exp)
	}
	got, err := a.verify(tok)
	if err != nil || got.username != "admin" || got.provider != "local" || got.stage != stageFinal || got.signIn != c.signIn {
		t.Fatalf("verify: %+v, %v", got, err)
	}
	// A replica with the same key accepts it; one with other credentials does not.
	if _, err := newAppgateTokens(key, time.Hour, clock).verify(tok); err != nil {
		t.Errorf("replica: %v", err)
	}
	users := DefaultAppgateUsers()
	users[0].Password = "changed"
	other := tokenKey(1, "", DefaultSeguraClients(), users)
	if _, err := newAppgateTokens(other, time.Hour, clock).verify(tok); err != errTokenSignature {
		t.Errorf("other credentials: %v", err)
	}
	raw, _ := base64.StdEncoding.DecodeString(tok)
	for name, bad := range map[string]string{
		"empty":          "",
		"not base64":     "!!!!",
		"url-safe":       base64.RawURLEncoding.EncodeToString(raw),
		"truncated":      base64.StdEncoding.EncodeToString(raw[:len(raw)-1]),
		"flipped bit":    base64.StdEncoding.EncodeToString(append([]byte{raw[0] ^ 1}, raw[1:]...)),
		"huge":           strings.Repeat("QUFB", 1000),
		"wrong username": tokenWith(a, raw, func(b []byte) { b[len(b)-appgateTokenMAC-1] ^= 1 }),
	} {
		if _, err := a.verify(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	a.revoke(got)
	if _, err := a.verify(tok); err != errTokenRevoked {
		t.Errorf("after revoke: %v", err)
	}
	now = now.Add(time.Hour)
	if _, err := newAppgateTokens(key, time.Hour, clock).verify(tok); err != errTokenExpired {
		t.Errorf("at expiry: %v", err)
	}
}

// tokenWith re-signs a changed token: a token whose MAC is right but whose
// layout is wrong is still refused.
func tokenWith(a *appgateTokens, raw []byte, change func([]byte)) string {
	b := append([]byte(nil), raw[:len(raw)-appgateTokenMAC]...)
	change(b)
	b = append(b[:len(b)-1], b[len(b)-1], 0) // an extra byte after the names
	return base64.StdEncoding.EncodeToString(append(b, a.mac(b)...))
}

func TestTokenKey(t *testing.T) {
	t.Parallel()
	base := tokenKey(1, "", DefaultSeguraClients(), DefaultAppgateUsers())
	reversed := DefaultSeguraClients()
	reversed[0], reversed[1] = reversed[1], reversed[0]
	if string(tokenKey(1, "", reversed, DefaultAppgateUsers())) != string(base) {
		t.Error("the order of the clients changes the key")
	}
	changes := map[string][]byte{
		"seed": tokenKey(2, "", DefaultSeguraClients(), DefaultAppgateUsers()),
		"secret": func() []byte {
			c := DefaultSeguraClients()
			c[0].Secret += "x"
			return tokenKey(1, "", c, DefaultAppgateUsers())
		}(),
		"permission": func() []byte {
			c := DefaultSeguraClients()
			c[2].ListSessions = true
			return tokenKey(1, "", c, DefaultAppgateUsers())
		}(),
		"write permission": func() []byte {
			c := DefaultSeguraClients()
			c[1].DropSessions = true
			return tokenKey(1, "", c, DefaultAppgateUsers())
		}(),
		"otp": func() []byte {
			u := DefaultAppgateUsers()
			u[2].OTP = "000000"
			return tokenKey(1, "", DefaultSeguraClients(), u)
		}(),
		"explicit key": tokenKey(1, "k", DefaultSeguraClients(), DefaultAppgateUsers()),
	}
	for name, k := range changes {
		if string(k) == string(base) {
			t.Errorf("changing the %s keeps the key", name)
		}
	}
	if string(tokenKey(1, "k", nil, nil)) != string(tokenKey(9, "k", DefaultSeguraClients(), DefaultAppgateUsers())) {
		t.Error("an explicit key depends on more than itself")
	}
}

// A token minted from the public seed alone, as anyone could, is refused
// by both vendors' routes.
func TestTokensFromTheSeedAloneAreRefused(t *testing.T) {
	m := start(t, nil)
	seedOnly := tokenKey(1, "", nil, nil)
	forged := newTokens(seedOnly, time.Hour, m.clock.Now)
	segura, _ := forged.issue(wire.Segura, "sessionmock")
	resp, _ := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+segura))
	if resp.StatusCode != 401 {
		t.Errorf("forged Segura token: %d", resp.StatusCode)
	}
	ag := newAppgateTokens(seedOnly, time.Hour, m.clock.Now)
	tok, _ := ag.issue(appgateClaims{stage: stageFinal, provider: "local", username: "admin"})
	if got := m.sessionInfoStatus(t, tok); got != 401 {
		t.Errorf("forged Appgate token: %d", got)
	}
	// With --token-key, the same key on both sides is what counts.
	k := start(t, func(c *Config) { c.TokenKey = "shared" })
	tok2, _ := newAppgateTokens(tokenKey(99, "shared", nil, nil), time.Hour, k.clock.Now).issue(
		appgateClaims{stage: stageFinal, provider: "local", username: "admin"})
	if got := k.sessionInfoStatus(t, tok2); got != 200 {
		t.Errorf("token signed with the shared key: %d", got)
	}
}

func TestRevocationsAreBounded(t *testing.T) {
	t.Parallel()
	r := newRevocations(3)
	ids := [][8]byte{{1}, {2}, {3}, {4}, {5}}
	r.add(ids[0], 100, 0)
	r.add(ids[1], 50, 0) // expires first
	r.add(ids[2], 200, 0)
	r.add(ids[3], 300, 0) // full: the one closest to expiry goes
	if r.has(ids[1], 10) || !r.has(ids[0], 10) || !r.has(ids[2], 10) || !r.has(ids[3], 10) || len(r.until) != 3 {
		t.Fatalf("after the bound: %v", r.until)
	}
	r.add(ids[4], 400, 150) // 0 has expired by now and is dropped instead
	if len(r.until) != 3 || r.has(ids[0], 150) || !r.has(ids[2], 150) || !r.has(ids[4], 150) {
		t.Fatalf("after expiry: %v", r.until)
	}
	if r.has(ids[4], 400) {
		t.Error("a revocation outlives its tokens")
	}
}

func FuzzAppgateToken(f *testing.F) {
	key := tokenKey(1, "", nil, nil)
	now := func() time.Time { return time.Unix(1_800_000_000, 0) }
	a := newAppgateTokens(key, time.Hour, now)
	tok, _ := a.issue(appgateClaims{stage: stageNeedsOTP, provider: "local", username: "otp-admin"})
	f.Add(tok)
	f.Add("QQE=")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := newAppgateTokens(key, time.Hour, now).decode(s)
		if err != nil {
			return
		}
		// Whatever decodes was issued with the key: it encodes back to itself.
		again, _ := newAppgateTokens(key, time.Hour, func() time.Time { return time.Unix(c.issued, 0) }).issue(c)
		if again != s && c.expires-c.issued == int64(time.Hour/time.Second) {
			t.Fatalf("%q decodes to %+v, which encodes as %q", s, c, again)
		}
	})
}

// Replicas started alike accept each other's tokens, for both vendors; a
// mock whose credentials differ in any way refuses them.
func TestTokensAcrossReplicas(t *testing.T) {
	a := start(t, nil)
	same := start(t, nil)
	other := start(t, func(c *Config) {
		c.SeguraClients = DefaultSeguraClients()
		c.SeguraClients[1].Secret = "rotated"
	})
	ag := a.appgateToken(t, "admin", "admin")
	seg := a.seguraToken(t, "sessionmock", "sessionmock-secret")
	for _, tt := range []struct {
		name string
		m    *mock
		want int
	}{{"same seed and credentials", same, 200}, {"another secret", other, 401}} {
		if got := tt.m.sessionInfoStatus(t, ag); got != tt.want {
			t.Errorf("%s: Appgate token answered %d, want %d", tt.name, got, tt.want)
		}
		resp, _ := tt.m.call(t, tt.m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+seg))
		if resp.StatusCode != tt.want {
			t.Errorf("%s: Segura token answered %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
	// A logout is this replica's alone.
	resp, _ := a.call(t, a.request(t, "POST", "/admin/authentication/logout", nil, "Accept", accept23, "Authorization", "Bearer "+ag))
	if resp.StatusCode != 204 || a.sessionInfoStatus(t, ag) != 401 || same.sessionInfoStatus(t, ag) != 200 {
		t.Errorf("after logging out on one replica: %d, here %d, on the other %d", resp.StatusCode, a.sessionInfoStatus(t, ag), same.sessionInfoStatus(t, ag))
	}
}
