package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// tool replays a vendor tool's calls against a mock, one raw HTTP request
// at a time, checking each answer against the spec and keeping the list of
// calls made, so a test can compare it with the tool's sequence.
type tool struct {
	t         *testing.T
	m         *sessionmocktest.Mock
	userAgent string
	calls     []string
}

type answer struct {
	status int
	body   []byte
}

func (a answer) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("decode %s: %v", a.body, err)
	}
}

// call sends method path with the versioned Accept (peer-v<version>), the
// token when given and a JSON body when given.
func (tl *tool) call(method, path string, version int, token string, body any) answer {
	tl.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, tl.m.AppgateURL+path, rd)
	if err != nil {
		tl.t.Fatal(err)
	}
	req.Header.Set("Accept", fmt.Sprintf("application/vnd.appgate.peer-v%d+json", version))
	req.Header.Set("User-Agent", tl.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := tl.m.Client().Do(req)
	if err != nil {
		tl.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		tl.t.Fatal(err)
	}
	spectest.Check(tl.t, "appgate", req, resp, out)
	tl.calls = append(tl.calls, fmt.Sprintf("%s %s v%d -> %d", method, path, version, resp.StatusCode))
	return answer{resp.StatusCode, out}
}

func (tl *tool) want(calls ...string) {
	tl.t.Helper()
	if strings.Join(tl.calls, "\n") != strings.Join(calls, "\n") {
		tl.t.Fatalf("calls:\n%s\nwant:\n%s", strings.Join(tl.calls, "\n"), strings.Join(calls, "\n"))
	}
}

const toolDevice = "6e0b3f1c-8a2d-4c5e-9f71-2b4d6a8c0e13"

type versionRange struct {
	Min int `json:"minSupportedVersion"`
	Max int `json:"maxSupportedVersion"`
}

type tokenAnswer struct {
	Token string `json:"token"`
	User  struct {
		NeedTwoFactorAuth bool `json:"needTwoFactorAuth"`
	} `json:"user"`
}

// sdpctlSignIn is the vendor CLI's sign-in: test a stored token, probe the
// version on /authentication with only the device id, list the identity
// providers, authenticate, authorize, and on 412 the two OTP steps.
func sdpctlSignIn(tl *tool, stored, user, password, otp string) (token string, version int) {
	t := tl.t
	t.Helper()
	if stored != "" {
		if a := tl.call("GET", "/authorization", 24, stored, nil); a.status == 200 {
			var ok tokenAnswer
			a.decode(t, &ok)
			return ok.Token, 24
		}
	}
	probe := tl.call("POST", "/authentication", 5, "", map[string]string{"deviceId": toolDevice})
	if probe.status != 406 {
		t.Fatalf("probe: %d %s", probe.status, probe.body)
	}
	var v versionRange
	probe.decode(t, &v)
	version = v.Max
	if a := tl.call("GET", "/identity-providers/names", version, "", nil); a.status != 200 || !strings.Contains(string(a.body), `"name":"local"`) {
		t.Fatalf("identity providers: %d %s", a.status, a.body)
	}
	auth := tl.call("POST", "/authentication", version, "", map[string]string{
		"providerName": "local", "username": user, "password": password, "deviceId": toolDevice})
	if auth.status != 200 {
		t.Fatalf("authentication: %d %s", auth.status, auth.body)
	}
	var partial tokenAnswer
	auth.decode(t, &partial)
	token = partial.Token
	authz := tl.call("GET", "/authorization", version, token, nil)
	if authz.status == http.StatusPreconditionFailed {
		if a := tl.call("POST", "/authentication/otp/initialize", version, token, map[string]string{"userPassword": password}); a.status != 200 {
			t.Fatalf("OTP initialize: %d %s", a.status, a.body)
		}
		a := tl.call("POST", "/authentication/otp", version, token, map[string]string{"otp": otp})
		if a.status != 200 {
			t.Fatalf("OTP: %d %s", a.status, a.body)
		}
		var verified tokenAnswer
		a.decode(t, &verified)
		token = verified.Token
		authz = tl.call("GET", "/authorization", version, token, nil)
	}
	if authz.status != 200 {
		t.Fatalf("authorization: %d %s", authz.status, authz.body)
	}
	var final tokenAnswer
	authz.decode(t, &final)
	return final.Token, version
}

func TestSdpctlSignIn(t *testing.T) {
	// sdpctl builds against API 24 (6.7), the mock's release here.
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(3), sessionmocktest.WithAppgateClients(5),
		sessionmocktest.WithConfig(func(c *server.Config) { c.PeerVersion, c.LowestPeerVersion = 24, 22 }))

	t.Run("admin, then the stored token, then logout", func(t *testing.T) {
		tl := &tool{t: t, m: m, userAgent: "sdpctl/2024.08.21 (linux/amd64)"}
		token, version := sdpctlSignIn(tl, "", "admin", "admin", "")
		if version != 24 {
			t.Fatalf("version %d", version)
		}
		tl.call("GET", "/stats/active-sessions/dn?range=0-1", version, token, nil)
		tl.want(
			"POST /authentication v5 -> 406",
			"GET /identity-providers/names v24 -> 200",
			"POST /authentication v24 -> 200",
			"GET /authorization v24 -> 200",
			"GET /stats/active-sessions/dn?range=0-1 v24 -> 200",
		)
		// The next run finds the stored token good.
		tl.calls = nil
		again, _ := sdpctlSignIn(tl, token, "admin", "admin", "")
		if again != token {
			t.Errorf("the stored token came back as %q", again)
		}
		tl.call("POST", "/authentication/logout", 24, token, nil)
		// After the logout the stored token fails its test and sdpctl signs in anew.
		fresh, _ := sdpctlSignIn(tl, token, "admin", "admin", "")
		tl.want(
			"GET /authorization v24 -> 200",
			"POST /authentication/logout v24 -> 204",
			"GET /authorization v24 -> 401",
			"POST /authentication v5 -> 406",
			"GET /identity-providers/names v24 -> 200",
			"POST /authentication v24 -> 200",
			"GET /authorization v24 -> 200",
		)
		if fresh == token {
			t.Error("the new sign-in gave the revoked token")
		}
	})

	t.Run("otp-admin", func(t *testing.T) {
		tl := &tool{t: t, m: m, userAgent: "sdpctl/2024.08.21 (linux/amd64)"}
		token, version := sdpctlSignIn(tl, "", "otp-admin", "otp-admin", "123456")
		tl.call("GET", "/stats/active-sessions/dashboard", version, token, nil)
		tl.want(
			"POST /authentication v5 -> 406",
			"GET /identity-providers/names v24 -> 200",
			"POST /authentication v24 -> 200",
			"GET /authorization v24 -> 412",
			"POST /authentication/otp/initialize v24 -> 200",
			"POST /authentication/otp v24 -> 200",
			"GET /authorization v24 -> 200",
			"GET /stats/active-sessions/dashboard v24 -> 200",
		)
	})
}

// terraformMaxVersion is the highest API version the vendor's Terraform
// provider knows; it guesses the release from maxSupportedVersion and fails
// beyond it.
const terraformMaxVersion = 24

// terraformLogin is the Terraform provider's sign-in: a login with peer-v5
// and the full body to learn the version, then the login itself, retried
// on 5xx (up to attempts), final on any other 4xx. It returns the token,
// or the message the provider would show.
func terraformLogin(tl *tool, user, password string, attempts int) (string, error) {
	t := tl.t
	t.Helper()
	body := map[string]string{"providerName": "local", "username": user, "password": password, "deviceId": toolDevice}
	probe := tl.call("POST", "/login", 5, "", body)
	if probe.status != 406 {
		t.Fatalf("probe: %d %s", probe.status, probe.body)
	}
	var v versionRange
	probe.decode(t, &v)
	if v.Max > terraformMaxVersion {
		return "", fmt.Errorf("appliance version with API %d is not supported by the provider", v.Max)
	}
	for range attempts {
		a := tl.call("POST", "/login", v.Max, "", body)
		switch {
		case a.status >= 500:
			continue
		case a.status != 200:
			var e struct{ ID, Message string }
			a.decode(t, &e)
			return "", fmt.Errorf("%s: %s", e.ID, e.Message)
		}
		var tok tokenAnswer
		a.decode(t, &tok)
		// The provider's check of bearer_token, before any call with it.
		if strings.ContainsAny(tok.Token, ".-_") {
			return "", fmt.Errorf("token %q is not standard base64", tok.Token)
		}
		if _, err := base64.StdEncoding.DecodeString(tok.Token); err != nil {
			return "", fmt.Errorf("token is not base64: %w", err)
		}
		return tok.Token, nil
	}
	return "", fmt.Errorf("login timed out")
}

func TestTerraformSignIn(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(3), sessionmocktest.WithAppgateClients(5),
		sessionmocktest.WithConfig(func(c *server.Config) { c.PeerVersion, c.LowestPeerVersion = 24, 22 }))
	dn := m.World.Appgate().At(0).DN.String()

	t.Run("retries a 503, then reads", func(t *testing.T) {
		m.AddFault(fault.Rule{Match: fault.Match{Route: "login", Headers: map[string]string{"Accept": "application/vnd.appgate.peer-v24+json"}},
			When: fault.When{First: 1}, Action: fault.Action{Status: 503}})
		defer m.ClearFaults()
		tl := &tool{t: t, m: m, userAgent: "terraform-provider-appgatesdp/1.9"}
		token, err := terraformLogin(tl, "admin", "admin", 3)
		if err != nil {
			t.Fatal(err)
		}
		tl.call("GET", "/session-info/"+dn, 24, token, nil)
		tl.want(
			"POST /login v5 -> 406",
			"POST /login v24 -> 503",
			"POST /login v24 -> 200",
			"GET /session-info/"+dn+" v24 -> 200",
		)
	})

	t.Run("a 401 is final", func(t *testing.T) {
		tl := &tool{t: t, m: m, userAgent: "terraform-provider-appgatesdp/1.9"}
		_, err := terraformLogin(tl, "admin", "wrong", 3)
		if err == nil || err.Error() != "unauthorized: Invalid username or password." {
			t.Fatalf("error %v", err)
		}
		tl.want("POST /login v5 -> 406", "POST /login v24 -> 401")
	})

	// A controller of release 6.8 advertises 25, which the provider does
	// not know.
	t.Run("release 6.8", func(t *testing.T) {
		m68 := sessionmocktest.New(t, sessionmocktest.WithAppgateClients(1),
			sessionmocktest.WithConfig(func(c *server.Config) { c.PeerVersion, c.LowestPeerVersion = 25, 23 }))
		tl := &tool{t: t, m: m68, userAgent: "terraform-provider-appgatesdp/1.9"}
		if _, err := terraformLogin(tl, "admin", "admin", 3); err == nil || !strings.Contains(err.Error(), "API 25") {
			t.Fatalf("error %v", err)
		}
		tl.want("POST /login v5 -> 406")
	})
}
