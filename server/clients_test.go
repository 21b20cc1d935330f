package server_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	appgate "github.com/appgate/sdp-api-client-go/api/v22/openapi"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// TestOAuth2ClientCredentials lists sessions the way a Go program using
// the standard OAuth 2.0 client-credentials package would.
func TestOAuth2ClientCredentials(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(7), sessionmocktest.WithSeguraSessions(30), sessionmocktest.WithAppgateClients(10))
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInParams, oauth2.AuthStyleInHeader, oauth2.AuthStyleAutoDetect} {
		cfg := clientcredentials.Config{
			ClientID: "sessionmock", ClientSecret: "sessionmock-secret",
			TokenURL: m.URL + "/iso/oauth2/token", AuthStyle: style,
		}
		ctx := context.WithValue(context.Background(), oauth2.HTTPClient, m.Client())
		tok, err := cfg.Token(ctx)
		if err != nil {
			t.Fatalf("auth style %d: token: %v", style, err)
		}
		if tok.Expiry.IsZero() || tok.TokenType != "Bearer" {
			t.Errorf("token %+v", tok)
		}
		resp, err := cfg.Client(ctx).Get(m.URL + "/api/session/remotesessions")
		if err != nil {
			t.Fatal(err)
		}
		var list struct {
			Tenant         string                   `json:"tenant"`
			RemoteSessions []fixtures.SeguraSession `json:"remote_sessions"`
		}
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || len(list.RemoteSessions) != m.World.Segura().Len() {
			t.Fatalf("list: status %d, %d sessions, %v", resp.StatusCode, len(list.RemoteSessions), err)
		}
	}
	bad := clientcredentials.Config{ClientID: "sessionmock", ClientSecret: "wrong", TokenURL: m.URL + "/iso/oauth2/token"}
	_, err := bad.Token(context.WithValue(context.Background(), oauth2.HTTPClient, m.Client()))
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_client" || re.Response.StatusCode != 401 {
		t.Errorf("wrong secret: %v", err)
	}
}

func appgateClient(m *sessionmocktest.Mock, version int) *appgate.APIClient {
	cfg := appgate.NewConfiguration()
	cfg.Servers = appgate.ServerConfigurations{{URL: m.AppgateURL}}
	cfg.HTTPClient = m.Client()
	cfg.DefaultHeader["Accept"] = "application/vnd.appgate.peer-v" + itoa(version) + "+json"
	return appgate.NewAPIClient(cfg)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func appgateLogin(t *testing.T, c *appgate.APIClient, user string) string {
	t.Helper()
	req := appgate.NewLoginRequest("local", "4c07bc67-57ea-42dd-b702-c2d6c45419fc")
	req.SetUsername(user)
	req.SetPassword(user)
	lr, _, err := c.LoginApi.LoginPost(context.Background()).LoginRequest(*req).Execute()
	if err != nil {
		t.Fatalf("login %s: %v", user, err)
	}
	if lr.GetToken() == "" || lr.GetExpires().IsZero() || lr.User.GetName() != user {
		t.Fatalf("login response %+v", lr)
	}
	return lr.GetToken()
}

// TestAppgateOfficialClient drives the mock with the vendor's own
// generated Go client.
func TestAppgateOfficialClient(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(7), sessionmocktest.WithSeguraSessions(30), sessionmocktest.WithAppgateClients(10))
	world := m.World
	c := appgateClient(m, 22)
	token := appgateLogin(t, c, "admin")
	ctx := context.WithValue(context.Background(), appgate.ContextAccessToken, token)
	for i := 0; i < world.Appgate().Len(); i++ {
		want, _, ok := world.View(m.Server.Now(), nil).Appgate().Lookup(world.Appgate().At(i).DN)
		if !ok {
			t.Fatalf("client %d is not present now", i)
		}
		got, _, err := c.ActiveSessionsApi.SessionInfoDistinguishedNameGet(ctx, want.DN.String()).Execute()
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
		if got.GetDeviceId() != want.Info.DeviceID || got.GetUsername() != want.DN.Username ||
			got.GetProviderName() != want.DN.Provider || len(got.GetData()) != len(want.Info.Data) {
			t.Fatalf("client %d: decoded %+v", i, got)
		}
		for gw, session := range got.GetData() {
			for name, ent := range session.GetEntitlementInfos() {
				w := want.Info.Data[gw].EntitlementInfos[name]
				if ent.GetAccess() != w.Access || len(ent.GetFirewallRules()) != len(w.FirewallRules) {
					t.Fatalf("client %d gateway %s entitlement %s differs", i, gw, name)
				}
			}
		}
	}

	// Typed errors the client's callers switch on.
	unknown := world.Appgate().At(0).DN
	unknown.Username = "nobody"
	cases := []struct {
		name   string
		ctx    context.Context
		client *appgate.APIClient
		dn     string
		status int
	}{
		{"no token", context.Background(), c, world.Appgate().At(0).DN.String(), 401},
		{"viewer", context.WithValue(context.Background(), appgate.ContextAccessToken, appgateLogin(t, c, "viewer")), c, world.Appgate().At(0).DN.String(), 403},
		{"unknown DN", ctx, c, unknown.String(), 404},
		{"unsupported version", ctx, appgateClient(m, 18), world.Appgate().At(0).DN.String(), 406},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, resp, err := tc.client.ActiveSessionsApi.SessionInfoDistinguishedNameGet(tc.ctx, tc.dn).Execute()
			var apiErr *appgate.GenericOpenAPIError
			if !errors.As(err, &apiErr) || resp == nil || resp.StatusCode != tc.status {
				t.Fatalf("err %v, response %v", err, resp)
			}
			switch m := apiErr.Model().(type) {
			case appgate.Error:
				if tc.status == 406 || m.GetId() == "" || m.GetMessage() == "" {
					t.Errorf("model %+v", m)
				}
			case appgate.LoginPost406Response:
				if tc.status != 406 || m.GetMaxSupportedVersion() != 24 || m.GetMinSupportedVersion() != 22 {
					t.Errorf("406 model %+v", m)
				}
			default:
				t.Errorf("error model %T (%v): the client could not decode the error body", m, err)
			}
		})
	}
}

// TestAppgateVersionDiscovery does what real tools do: send peer-v5 to the
// login route on purpose and read the highest version from the 406.
func TestAppgateVersionDiscovery(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(7), sessionmocktest.WithSeguraSessions(30), sessionmocktest.WithAppgateClients(10))
	c := appgateClient(m, 5)
	req := appgate.NewLoginRequest("local", "4c07bc67-57ea-42dd-b702-c2d6c45419fc")
	_, resp, err := c.LoginApi.LoginPost(context.Background()).LoginRequest(*req).Execute()
	var apiErr *appgate.GenericOpenAPIError
	if !errors.As(err, &apiErr) || resp.StatusCode != 406 {
		t.Fatalf("peer-v5 login: %v", err)
	}
	model, ok := apiErr.Model().(appgate.LoginPost406Response)
	if !ok || model.GetMaxSupportedVersion() != 24 {
		t.Fatalf("406 model %T %+v", apiErr.Model(), apiErr.Model())
	}
	appgateLogin(t, appgateClient(m, int(model.GetMaxSupportedVersion())), "admin")
}

// TestAppgateOfficialClientTLS points the vendor's client at a mock
// serving HTTPS, trusting it through the mock's own HTTP client, and
// reads session-info with the token of the client's own login and with
// the one Mock.AppgateToken logged in for.
func TestAppgateOfficialClientTLS(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(7), sessionmocktest.WithSeguraSessions(30),
		sessionmocktest.WithAppgateClients(10), sessionmocktest.WithTLS())
	if !strings.HasPrefix(m.AppgateURL, "https://") {
		t.Fatalf("AppgateURL %q is not HTTPS", m.AppgateURL)
	}
	c := appgateClient(m, 23)
	want := m.World.Appgate().At(3)
	for _, who := range []struct {
		name  string
		token string
	}{
		{"client login", appgateLogin(t, c, "admin")},
		{"mock token", m.AppgateToken()},
	} {
		t.Run(who.name, func(t *testing.T) {
			ctx := context.WithValue(context.Background(), appgate.ContextAccessToken, who.token)
			got, resp, err := c.ActiveSessionsApi.SessionInfoDistinguishedNameGet(ctx, want.DN.String()).Execute()
			if err != nil {
				t.Fatal(err)
			}
			if resp.TLS == nil || got.GetDeviceId() != want.Info.DeviceID || got.GetUsername() != want.DN.Username ||
				len(got.GetData()) != len(want.Info.Data) {
				t.Errorf("over TLS %v: decoded %+v", resp.TLS != nil, got)
			}
		})
	}

	// The trust comes from m.Client: the client's default HTTP client
	// refuses the self-signed certificate.
	plain := appgate.NewConfiguration()
	plain.Servers = appgate.ServerConfigurations{{URL: m.AppgateURL}}
	plain.HTTPClient = &http.Client{Transport: &http.Transport{}}
	plain.DefaultHeader["Accept"] = m.AppgateAccept()
	req := appgate.NewLoginRequest("local", "4c07bc67-57ea-42dd-b702-c2d6c45419fc")
	req.SetUsername("admin")
	req.SetPassword("admin")
	_, _, err := appgate.NewAPIClient(plain).LoginApi.LoginPost(context.Background()).LoginRequest(*req).Execute()
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &verr) {
		t.Errorf("login without trusting the mock: %v, want a certificate verification error", err)
	}
}
