package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"testing"

	appgate "github.com/appgate/sdp-api-client-go/api/v22/openapi"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

func startMock(t *testing.T) (*httptest.Server, *fixtures.World) {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 7, SeguraSessions: 30, AppgateClients: 10})
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(server.Config{World: world})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, world
}

// TestOAuth2ClientCredentials lists sessions the way a Go program using
// the standard OAuth 2.0 client-credentials package would.
func TestOAuth2ClientCredentials(t *testing.T) {
	ts, world := startMock(t)
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInParams, oauth2.AuthStyleInHeader, oauth2.AuthStyleAutoDetect} {
		cfg := clientcredentials.Config{
			ClientID: "sessionmock", ClientSecret: "sessionmock-secret",
			TokenURL: ts.URL + "/iso/oauth2/token", AuthStyle: style,
		}
		ctx := context.WithValue(context.Background(), oauth2.HTTPClient, ts.Client())
		tok, err := cfg.Token(ctx)
		if err != nil {
			t.Fatalf("auth style %d: token: %v", style, err)
		}
		if tok.Expiry.IsZero() || tok.TokenType != "Bearer" {
			t.Errorf("token %+v", tok)
		}
		resp, err := cfg.Client(ctx).Get(ts.URL + "/api/session/remotesessions")
		if err != nil {
			t.Fatal(err)
		}
		var list struct {
			Tenant         string                   `json:"tenant"`
			RemoteSessions []fixtures.SeguraSession `json:"remote_sessions"`
		}
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || len(list.RemoteSessions) != world.Segura().Len() {
			t.Fatalf("list: status %d, %d sessions, %v", resp.StatusCode, len(list.RemoteSessions), err)
		}
	}
	bad := clientcredentials.Config{ClientID: "sessionmock", ClientSecret: "wrong", TokenURL: ts.URL + "/iso/oauth2/token"}
	_, err := bad.Token(context.WithValue(context.Background(), oauth2.HTTPClient, ts.Client()))
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_client" || re.Response.StatusCode != 401 {
		t.Errorf("wrong secret: %v", err)
	}
}

func appgateClient(ts *httptest.Server, version int) *appgate.APIClient {
	cfg := appgate.NewConfiguration()
	cfg.Servers = appgate.ServerConfigurations{{URL: ts.URL + "/admin"}}
	cfg.HTTPClient = ts.Client()
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
	ts, world := startMock(t)
	c := appgateClient(ts, 22)
	token := appgateLogin(t, c, "admin")
	ctx := context.WithValue(context.Background(), appgate.ContextAccessToken, token)
	for i := 0; i < world.Appgate().Len(); i++ {
		want := world.Appgate().At(i)
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
		{"unsupported version", ctx, appgateClient(ts, 18), world.Appgate().At(0).DN.String(), 406},
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
				if tc.status != 406 || m.GetMaxSupportedVersion() != 23 || m.GetMinSupportedVersion() != 21 {
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
	ts, _ := startMock(t)
	c := appgateClient(ts, 5)
	req := appgate.NewLoginRequest("local", "4c07bc67-57ea-42dd-b702-c2d6c45419fc")
	_, resp, err := c.LoginApi.LoginPost(context.Background()).LoginRequest(*req).Execute()
	var apiErr *appgate.GenericOpenAPIError
	if !errors.As(err, &apiErr) || resp.StatusCode != 406 {
		t.Fatalf("peer-v5 login: %v", err)
	}
	m, ok := apiErr.Model().(appgate.LoginPost406Response)
	if !ok || m.GetMaxSupportedVersion() != 23 {
		t.Fatalf("406 model %T %+v", apiErr.Model(), apiErr.Model())
	}
	appgateLogin(t, appgateClient(ts, int(m.GetMaxSupportedVersion())), "admin")
}
