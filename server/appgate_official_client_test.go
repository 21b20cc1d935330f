package server_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	appgate "github.com/appgate/sdp-api-client-go/api/v22/openapi"

	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// specTransport checks every answer against the Appgate document before the
// client under test reads it.
type specTransport struct {
	t    testing.TB
	base http.RoundTripper
}

func (s specTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.base.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	spectest.Check(s.t, "appgate", r, resp, body)
	return resp, nil
}

// checkedClient is the official v22 client on m, every answer checked
// against the spec.
func checkedClient(t testing.TB, m *sessionmocktest.Mock, version int) *appgate.APIClient {
	base := m.Client().Transport
	if base == nil {
		base = http.DefaultTransport
	}
	cfg := appgate.NewConfiguration()
	cfg.Servers = appgate.ServerConfigurations{{URL: m.AppgateURL}}
	cfg.HTTPClient = &http.Client{Transport: specTransport{t, base}}
	cfg.DefaultHeader["Accept"] = fmt.Sprintf("application/vnd.appgate.peer-v%d+json", version)
	cfg.UserAgent = "sessionmock-tests"
	return appgate.NewAPIClient(cfg)
}

func officialLogin(t *testing.T, c *appgate.APIClient, user string) context.Context {
	t.Helper()
	return context.WithValue(context.Background(), appgate.ContextAccessToken, appgateLogin(t, c, user))
}

// The official client pages through a thousand clients in every way it can
// ask, and reads every listed name's session-info.
func TestOfficialClientListsActiveSessions(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(11), sessionmocktest.WithAppgateClients(1000))
	c := checkedClient(t, m, 22)
	ctx := officialLogin(t, c, "admin")
	api := c.ActiveSessionsApi

	type page struct{ orderBy, descending string }
	for _, p := range []page{{"distinguishedName", "false"}, {"username", "false"}, {"hostname", "true"}, {"clientVersion", "true"}} {
		t.Run(p.orderBy+" descending "+p.descending, func(t *testing.T) {
			var all []appgate.BaseActiveSession
			for first := 0; first < 1000; first += 250 {
				got, resp, err := api.StatsActiveSessionsDnGet(ctx).Range_(fmt.Sprintf("%d-%d", first, first+249)).
					OrderBy(p.orderBy).Descending(p.descending).Execute()
				if err != nil {
					t.Fatalf("page at %d: %v", first, err)
				}
				if resp.StatusCode != 200 || got.GetTotalCount() != 1000 || got.GetRange() != fmt.Sprintf("%d-%d/1000", first, first+249) ||
					got.GetOrderBy() != p.orderBy || got.GetDescending() != (p.descending == "true") || len(got.GetData()) != 250 {
					t.Fatalf("page at %d: range %s, total %d, %d entries", first, got.GetRange(), got.GetTotalCount(), len(got.GetData()))
				}
				all = append(all, got.GetData()...)
			}
			seen := map[string]bool{}
			for _, e := range all {
				seen[e.GetDistinguishedName()] = true
			}
			if len(seen) != 1000 {
				t.Fatalf("%d distinct names in 1000 entries", len(seen))
			}
			field := func(e appgate.BaseActiveSession) string {
				switch p.orderBy {
				case "username":
					return e.GetUsername()
				case "hostname":
					return e.GetHostname()
				case "clientVersion":
					return e.GetClientVersion()
				}
				return e.GetDistinguishedName()
			}
			sorted := slices.IsSortedFunc(all, func(a, b appgate.BaseActiveSession) int {
				c := strings.Compare(field(a), field(b))
				if p.descending == "true" {
					return -c
				}
				return c
			})
			if !sorted {
				t.Fatalf("not ordered by %s", p.orderBy)
			}
			if p.orderBy != "distinguishedName" {
				return
			}
			// Every listed name answers session-info with the same user,
			// provider and device.
			for _, e := range all {
				info, _, err := api.SessionInfoDistinguishedNameGet(ctx, e.GetDistinguishedName()).Execute()
				if err != nil {
					t.Fatalf("%s: %v", e.GetDistinguishedName(), err)
				}
				if info.GetUsername() != e.GetUsername() || info.GetProviderName() != e.GetProviderName() || info.GetDeviceId() != e.GetDeviceId() {
					t.Fatalf("%s: listed %s/%s/%s, session-info %s/%s/%s", e.GetDistinguishedName(),
						e.GetUsername(), e.GetProviderName(), e.GetDeviceId(), info.GetUsername(), info.GetProviderName(), info.GetDeviceId())
				}
			}
		})
	}

	t.Run("query", func(t *testing.T) {
		got, _, err := api.StatsActiveSessionsDnGet(ctx).Query("OKTA").Execute()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := 0; i < m.World.Appgate().Len(); i++ {
			if m.World.Appgate().At(i).DN.Provider == "okta" {
				n++
			}
		}
		if len(got.GetData()) != n || got.GetRange() != fmt.Sprintf("0-%d/%d", n-1, n) || got.GetTotalCount() != 1000 ||
			!slices.Equal(got.GetQueries(), []string{"OKTA"}) {
			t.Fatalf("%d entries (want %d), range %s, queries %q", len(got.GetData()), n, got.GetRange(), got.GetQueries())
		}
		for _, e := range got.GetData() {
			if e.GetProviderName() != "okta" {
				t.Errorf("%s matched OKTA", e.GetDistinguishedName())
			}
		}
	})

	// The client's own encodings of filterBy and geolocationQuery cannot be
	// read; they are ignored, never answered with an error.
	t.Run("mis-encoded filterBy and geolocationQuery", func(t *testing.T) {
		lat, long, radius := 50.1, 8.7, 100.0
		got, resp, err := api.StatsActiveSessionsDnGet(ctx).Range_("0-9").
			FilterBy(map[string]string{"providerName": "ldap"}).
			GeolocationQuery(appgate.GeolocationQuery{Latitude: &lat, Longitude: &long, RadiusKilometers: &radius}).Execute()
		if err != nil || resp.StatusCode != 200 || got.GetRange() != "0-9/1000" || len(got.GetFilterBy()) != 0 {
			t.Fatalf("status %v, range %s, filters %v: %v", resp, got.GetRange(), got.GetFilterBy(), err)
		}
	})

	t.Run("dashboard", func(t *testing.T) {
		d, _, err := api.StatsActiveSessionsDashboardGet(ctx).Execute()
		if err != nil {
			t.Fatal(err)
		}
		sum := int32(0)
		for _, v := range d.GetVersions() {
			sum += v.GetSessionCount()
		}
		geo := int32(0)
		for _, g := range d.GetGeoIpData() {
			geo += g.GetSessionCount()
		}
		if d.GetTotalCount() != 1000 || sum != 1000 || geo != 1000 {
			t.Fatalf("total %d, by version %d, by location %d", d.GetTotalCount(), sum, geo)
		}
	})

	t.Run("typed errors", func(t *testing.T) {
		viewer := officialLogin(t, c, "viewer")
		for _, tt := range []struct {
			name   string
			ctx    context.Context
			client *appgate.APIClient
			status int
		}{
			{"no token", context.Background(), c, 401},
			{"no privilege", viewer, c, 403},
			{"old version", ctx, checkedClient(t, m, 18), 406},
		} {
			_, resp, err := tt.client.ActiveSessionsApi.StatsActiveSessionsDnGet(tt.ctx).Execute()
			var apiErr *appgate.GenericOpenAPIError
			if !errors.As(err, &apiErr) || resp == nil || resp.StatusCode != tt.status {
				t.Fatalf("%s: %v", tt.name, err)
			}
			switch model := apiErr.Model().(type) {
			case appgate.Error:
				if tt.status == 406 || model.GetId() == "" || model.GetMessage() == "" {
					t.Errorf("%s: model %+v", tt.name, model)
				}
			case appgate.LoginPost406Response:
				if tt.status != 406 || model.GetMaxSupportedVersion() == 0 {
					t.Errorf("%s: model %+v", tt.name, model)
				}
			default:
				t.Errorf("%s: the client could not decode the error: %T %v", tt.name, model, err)
			}
		}
	})
}

// The whole LoginApi flow of the official client.
func TestOfficialClientSignIn(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithSeed(11), sessionmocktest.WithAppgateClients(5))
	c := checkedClient(t, m, 22)
	login := c.LoginApi
	bg := context.Background()
	with := func(token string) context.Context { return context.WithValue(bg, appgate.ContextAccessToken, token) }
	credentials := func(user string) appgate.LoginRequest {
		req := appgate.NewLoginRequest("local", "4c07bc67-57ea-42dd-b702-c2d6c45419fc")
		req.SetUsername(user)
		req.SetPassword(user)
		return *req
	}
	dn := m.World.Appgate().At(0).DN.String()
	read := func(ctx context.Context) int {
		_, resp, _ := c.ActiveSessionsApi.SessionInfoDistinguishedNameGet(ctx, dn).Execute()
		if resp == nil {
			return 0
		}
		return resp.StatusCode
	}

	idps, _, err := login.IdentityProvidersNamesGet(bg).Execute()
	if err != nil || len(idps.GetData()) != 1 || idps.GetData()[0].GetName() != "local" || idps.GetData()[0].GetType() != "LocalDatabase" {
		t.Fatalf("identity providers: %+v, %v", idps, err)
	}

	t.Run("admin", func(t *testing.T) {
		partial, _, err := login.AuthenticationPost(bg).LoginRequest(credentials("admin")).Execute()
		if err != nil || partial.User.GetNeedTwoFactorAuth() || partial.GetExpires().IsZero() {
			t.Fatalf("authentication: %+v, %v", partial, err)
		}
		final, resp, err := login.AuthorizationGet(with(partial.GetToken())).Execute()
		if err != nil || resp.StatusCode != 200 || final.GetToken() == "" || !final.GetCrlEnabled() || final.GetZtpAccountType() != "standard" {
			t.Fatalf("authorization: %+v, %v", final, err)
		}
		if got := read(with(final.GetToken())); got != 200 {
			t.Fatalf("session-info with the final token: %d", got)
		}
		resp, err = login.AuthenticationLogoutPost(with(final.GetToken())).Execute()
		if err != nil || resp.StatusCode != 204 {
			t.Fatalf("logout: %v, %v", resp, err)
		}
		_, resp, err = login.AuthorizationGet(with(final.GetToken())).Execute()
		var apiErr *appgate.GenericOpenAPIError
		if !errors.As(err, &apiErr) || resp.StatusCode != 401 {
			t.Fatalf("authorization after logout: %v", err)
		}
		if model, ok := apiErr.Model().(appgate.AuthenticationPost401Response); !ok || !strings.Contains(model.GetMessage(), "revoked") {
			t.Fatalf("401 model %T %+v", apiErr.Model(), apiErr.Model())
		}
		if got := read(with(final.GetToken())); got != 401 {
			t.Fatalf("session-info after logout: %d", got)
		}
	})

	t.Run("otp-admin", func(t *testing.T) {
		partial, _, err := login.AuthenticationPost(bg).LoginRequest(credentials("otp-admin")).Execute()
		if err != nil || !partial.User.GetNeedTwoFactorAuth() {
			t.Fatalf("authentication: %+v, %v", partial, err)
		}
		ctx := with(partial.GetToken())
		_, resp, err := login.AuthorizationGet(ctx).Execute()
		if resp == nil || resp.StatusCode != 412 || err == nil {
			t.Fatalf("authorization before the OTP: %v, %v", resp, err)
		}
		init, _, err := login.AuthenticationOtpInitializePost(ctx).
			AuthenticationOtpInitializePostRequest(appgate.AuthenticationOtpInitializePostRequest{}).Execute()
		if err != nil || init.GetType() != "AlreadySeeded" {
			t.Fatalf("OTP initialize: %+v, %v", init, err)
		}
		_, resp, err = login.AuthenticationOtpPost(ctx).AuthenticationOtpPostRequest(*appgate.NewAuthenticationOtpPostRequest("000000")).Execute()
		var apiErr *appgate.GenericOpenAPIError
		if !errors.As(err, &apiErr) || resp.StatusCode != 401 {
			t.Fatalf("wrong OTP: %v", err)
		}
		if model, ok := apiErr.Model().(appgate.AuthenticationPost401Response); !ok || model.GetReason() == "" {
			t.Fatalf("wrong OTP model %T %+v", apiErr.Model(), apiErr.Model())
		}
		verified, _, err := login.AuthenticationOtpPost(ctx).AuthenticationOtpPostRequest(*appgate.NewAuthenticationOtpPostRequest("123456")).Execute()
		if err != nil {
			t.Fatalf("right OTP: %v", err)
		}
		final, _, err := login.AuthorizationGet(with(verified.GetToken())).Execute()
		if err != nil {
			t.Fatalf("authorization after the OTP: %v", err)
		}
		if got := read(with(final.GetToken())); got != 200 {
			t.Fatalf("session-info: %d", got)
		}
		if _, err := login.AuthenticationLogoutPost(with(final.GetToken())).Execute(); err != nil {
			t.Fatal(err)
		}
		if got := read(with(final.GetToken())); got != 401 {
			t.Fatalf("session-info after logout: %d", got)
		}
	})

	t.Run("wrong password", func(t *testing.T) {
		req := credentials("admin")
		req.SetPassword("nope")
		_, resp, err := login.AuthenticationPost(bg).LoginRequest(req).Execute()
		var apiErr *appgate.GenericOpenAPIError
		if !errors.As(err, &apiErr) || resp.StatusCode != 401 {
			t.Fatalf("%v", err)
		}
		if model, ok := apiErr.Model().(appgate.AuthenticationPost401Response); !ok || model.GetReason() != "Invalid credentials" {
			t.Fatalf("model %T %+v", apiErr.Model(), apiErr.Model())
		}
	})
}
