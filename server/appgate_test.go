package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

func TestAppgateVersion(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion, c.LowestPeerVersion = 22, 19 })
	for _, accept := range []string{"application/json", "", accept23} {
		req := m.request(t, "GET", "/admin/version", nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, body := m.call(t, req)
		if resp.StatusCode != 200 {
			t.Fatalf("Accept %q: %d %s", accept, resp.StatusCode, body)
		}
		wantJSON(t, body, `{"peerVersion":22,"lowestPeerVersionSupported":19}`)
	}
}

func TestAppgateLogin(t *testing.T) {
	// The token's expiry is reported in wall-clock time, whatever the
	// world's clock says.
	wallNow := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m := start(t, func(c *Config) { c.Wall = func() time.Time { return wallNow } })
	const device = `"deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"`
	cases := []struct {
		name, body, accept string
		status             int
		wantID             string
		wantFields         []string
	}{
		{"admin", `{"providerName":"local","username":"admin","password":"admin",` + device + `}`, accept23, 200, "", nil},
		{"viewer", `{"providerName":"local","username":"viewer","password":"viewer",` + device + `}`, accept23, 200, "", nil},
		{"oldest supported version", `{"providerName":"local","username":"admin","password":"admin",` + device + `}`, "application/vnd.appgate.peer-v22+json", 200, "", nil},
		{"wrong password", `{"providerName":"local","username":"admin","password":"x",` + device + `}`, accept23, 401, "unauthorized", nil},
		{"unknown provider", `{"providerName":"ldap","username":"admin","password":"admin",` + device + `}`, accept23, 401, "unauthorized", nil},
		{"missing provider and device", `{"username":"admin","password":"admin"}`, accept23, 422, "unprocessable entity", []string{"providerName", "deviceId"}},
		{"device id not a uuid", `{"providerName":"local","username":"admin","password":"admin","deviceId":"abc"}`, accept23, 422, "unprocessable entity", []string{"deviceId"}},
		{"not json", `{"providerName":`, accept23, 400, "bad request", nil},
		{"wrong type", `{"providerName":5}`, accept23, 400, "bad request", nil},
		{"empty body", ``, accept23, 400, "bad request", nil},
		{"peer-v5 discovery", `{}`, "application/vnd.appgate.peer-v5+json", 406, "not acceptable", nil},
		{"too new", `{}`, "application/vnd.appgate.peer-v25+json", 406, "not acceptable", nil},
		{"plain json accept", `{}`, "application/json", 406, "not acceptable", nil},
		{"no accept", `{}`, "", 406, "not acceptable", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := m.request(t, "POST", "/admin/login", strings.NewReader(tc.body), "Content-Type", "application/json")
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			resp, body := m.call(t, req)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if tc.status == 200 {
				var lr loginResponse
				mustUnmarshal(t, body, &lr)
				exp, err := time.Parse(time.RFC3339, lr.Expires)
				if err != nil || !exp.Equal(wallNow.Add(time.Hour)) {
					t.Errorf("expires %q (%v)", lr.Expires, err)
				}
				if lr.Token == "" || lr.User.Name == "" {
					t.Errorf("login response %s", body)
				}
				return
			}
			var e struct {
				ID, Message                              string
				MinSupportedVersion, MaxSupportedVersion int
				Errors                                   []appgate.FieldError
			}
			mustUnmarshal(t, body, &e)
			if e.ID != tc.wantID || e.Message == "" {
				t.Errorf("error %s, want id %q", body, tc.wantID)
			}
			if tc.status == 406 && (e.MinSupportedVersion != 22 || e.MaxSupportedVersion != 24 ||
				!strings.Contains(e.Message, "Current version: application/vnd.appgate.peer-v24+json, Received: "+tc.accept)) {
				t.Errorf("406 body %s", body)
			}
			var fields []string
			for _, f := range e.Errors {
				fields = append(fields, f.Field)
			}
			if strings.Join(fields, ",") != strings.Join(tc.wantFields, ",") {
				t.Errorf("field errors %v, want %v", fields, tc.wantFields)
			}
		})
	}
}

func TestAppgateLoginPrivileges(t *testing.T) {
	m := start(t, nil)
	for _, tc := range []struct {
		user  string
		wantS bool
	}{{"admin", true}, {"viewer", false}} {
		body := `{"providerName":"local","username":"` + tc.user + `","password":"` + tc.user + `","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
		resp, out := m.call(t, m.request(t, "POST", "/admin/login", strings.NewReader(body), "Accept", accept23))
		if resp.StatusCode != 200 {
			t.Fatalf("login %s: %d %s", tc.user, resp.StatusCode, out)
		}
		var lr loginResponse
		mustUnmarshal(t, out, &lr)
		has := false
		for _, p := range lr.User.Privileges {
			has = has || p.Target == "SessionInfo"
		}
		if has != tc.wantS {
			t.Errorf("%s: SessionInfo privilege listed = %v, want %v", tc.user, has, tc.wantS)
		}
	}
}

// dnForms returns the ways clients write one distinguished name in a URL.
func dnForms(dn appgate.DN) map[string]string {
	canonical := dn.String()
	dashed := "CN=" + dn.DeviceUUID() + ",CN=" + dn.Username + ",OU=" + dn.Provider
	return map[string]string{
		"raw commas":         canonical,
		"escaped commas":     strings.ReplaceAll(canonical, ",", "%2C"),
		"fully encoded":      url.QueryEscape(canonical),
		"path-escaped":       url.PathEscape(canonical),
		"dashed device id":   dashed,
		"lower-case attrs":   "cn=" + dn.DeviceID + ",cn=" + dn.Username + ",ou=" + dn.Provider,
		"upper-case hex":     "CN=" + strings.ToUpper(dn.DeviceID) + ",CN=" + dn.Username + ",OU=" + dn.Provider,
		"spaces after sep":   "CN=" + dn.DeviceID + ", CN=" + dn.Username + ", OU=" + dn.Provider,
		"encoded and dashed": url.PathEscape(dashed),
	}
}

func TestAppgateSessionInfoDNForms(t *testing.T) {
	m := start(t, nil)
	tok := m.appgateToken(t, "admin", "admin")
	set := m.world.Appgate()
	for _, i := range []int{0, 7, set.Len() - 1} {
		client := appgateNow(t, m.world, m.clock.Now(), set.At(i).DN)
		want, _ := json.Marshal(client.Info)
		for form, path := range dnForms(client.DN) {
			t.Run(form, func(t *testing.T) {
				resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/"+path, nil,
					"Accept", accept23, "Authorization", "Bearer "+tok))
				if resp.StatusCode != 200 {
					t.Fatalf("%s: status %d %s", path, resp.StatusCode, body)
				}
				if string(body) != string(want) {
					t.Errorf("%s: body differs from client %d's session info", path, i)
				}
			})
		}
	}
}

func TestAppgateSessionInfoErrors(t *testing.T) {
	m := start(t, nil)
	admin := m.appgateToken(t, "admin", "admin")
	viewer := m.appgateToken(t, "viewer", "viewer")
	segura := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	dn := m.world.Appgate().At(0).DN
	other := dn
	other.Username += "x"
	unknown := dn
	unknown.DeviceID = "00000000000040008000000000000000"
	cases := []struct {
		name, method, path, accept, auth string
		status                           int
		id                               string
	}{
		{"no token", "GET", dn.String(), accept23, "", 401, "unauthorized"},
		{"garbage token", "GET", dn.String(), accept23, "Bearer x.y.z", 401, "unauthorized"},
		{"segura token", "GET", dn.String(), accept23, "Bearer " + segura, 401, "unauthorized"},
		{"viewer lacks SessionInfo", "GET", dn.String(), accept23, "Bearer " + viewer, 403, "forbidden"},
		{"unknown device", "GET", unknown.String(), accept23, "Bearer " + admin, 404, "not found"},
		{"known device, other user", "GET", other.String(), accept23, "Bearer " + admin, 404, "not found"},
		{"malformed DN", "GET", "CN=zz,OU=x", accept23, "Bearer " + admin, 404, "not found"},
		{"wrong version comes before auth", "GET", dn.String(), "application/vnd.appgate.peer-v5+json", "", 406, "not acceptable"},
		{"json accept", "GET", dn.String(), "application/json", "Bearer " + admin, 406, "not acceptable"},
		{"POST not allowed", "POST", dn.String(), accept23, "Bearer " + admin, 405, "method not allowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := m.request(t, tc.method, "/admin/session-info/"+tc.path, nil, "Accept", tc.accept)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, body := m.call(t, req)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			var e struct{ ID, Message string }
			mustUnmarshal(t, body, &e)
			if e.ID != tc.id || e.Message == "" {
				t.Errorf("body %s, want id %q", body, tc.id)
			}
		})
	}
	t.Run("unknown admin path", func(t *testing.T) {
		resp, body := m.call(t, m.request(t, "GET", "/admin/nothing", nil, "Accept", accept23))
		if resp.StatusCode != 404 {
			t.Fatalf("status %d %s", resp.StatusCode, body)
		}
		wantJSON(t, body, `{"id":"not found","message":"The requested resource can not be found."}`)
	})
}

func TestAppgateTokenExpires(t *testing.T) {
	m := start(t, func(c *Config) { c.TokenTTL = time.Minute })
	tok := m.appgateToken(t, "admin", "admin")
	path := "/admin/session-info/" + m.world.Appgate().At(0).DN.String()
	m.clock.Advance(time.Minute)
	resp, body := m.call(t, m.request(t, "GET", path, nil, "Accept", accept23, "Authorization", "Bearer "+tok))
	if resp.StatusCode != 401 || !strings.Contains(string(body), "expired") {
		t.Errorf("expired token: %d %s", resp.StatusCode, body)
	}
}

func TestAppgateVersionRangeConfigurable(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion, c.LowestPeerVersion = 20, 18 })
	for v, want := range map[string]int{"18": 200, "20": 200, "17": 406, "21": 406, "23": 406} {
		body := `{"providerName":"local","username":"admin","password":"admin","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
		resp, out := m.call(t, m.request(t, "POST", "/admin/login", strings.NewReader(body),
			"Accept", "application/vnd.appgate.peer-v"+v+"+json"))
		if resp.StatusCode != want {
			t.Errorf("peer-v%s: %d, want %d: %s", v, resp.StatusCode, want, out)
		}
		if want == 406 && !strings.Contains(string(out), `"minSupportedVersion":18,"maxSupportedVersion":20`) {
			t.Errorf("peer-v%s: 406 body %s", v, out)
		}
	}
}

func TestAppgateCustomUsers(t *testing.T) {
	m := start(t, func(c *Config) {
		c.AppgateUsers = []AppgateUser{{Provider: "corp", Username: "ops", Password: "pw", SessionInfo: true}}
	})
	body := `{"providerName":"corp","username":"ops","password":"pw","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
	resp, out := m.call(t, m.request(t, "POST", "/admin/login", strings.NewReader(body), "Accept", accept23))
	if resp.StatusCode != 200 {
		t.Fatalf("custom user login: %d %s", resp.StatusCode, out)
	}
	var lr loginResponse
	mustUnmarshal(t, out, &lr)
	resp, out = m.call(t, m.request(t, "GET", "/admin/session-info/"+m.world.Appgate().At(3).DN.String(), nil,
		"Accept", accept23, "Authorization", "Bearer "+lr.Token))
	if resp.StatusCode != 200 {
		t.Errorf("custom user session-info: %d %s", resp.StatusCode, out)
	}
}
