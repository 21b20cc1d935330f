package contracttest

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
)

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	seg := Target{Vendor: openapi.Segura, BaseURL: "https://pam.example", ClientID: "c", ClientSecret: "s"}
	app := Target{Vendor: openapi.Appgate, BaseURL: "https://ctrl.example:8443/admin", Username: "u", Password: "p"}
	tests := []struct {
		name   string
		target Target
		opts   Options
		want   string
	}{
		{"unknown vendor", Target{Vendor: "okta", BaseURL: "https://x"}, Options{}, `vendor "okta"`},
		{"no base URL", Target{Vendor: openapi.Segura, Token: "t"}, Options{}, "base URL is missing"},
		{"not http", with(seg, func(t *Target) { t.BaseURL = "ftp://pam.example" }), Options{}, "want an http or https URL"},
		{"no host", with(seg, func(t *Target) { t.BaseURL = "https:///api" }), Options{}, "has no host"},
		{"credentials in the URL", with(seg, func(t *Target) { t.BaseURL = "https://u:p@pam.example" }), Options{}, "carries credentials"},
		{"query", with(seg, func(t *Target) { t.BaseURL = "https://pam.example?x=1" }), Options{}, "no query"},
		{"segura without secret", with(seg, func(t *Target) { t.ClientSecret = "" }), Options{}, "client id and secret"},
		{"appgate without password", with(app, func(t *Target) { t.Password = "" }), Options{}, "username and password"},
		{"segura with DNs", with(seg, func(t *Target) { t.DNs = []string{"CN=a,CN=b,OU=c"} }), Options{}, "Appgate settings"},
		{"bad DN", with(app, func(t *Target) { t.DNs = []string{"CN=nothex,CN=b,OU=c"} }), Options{}, `dn "CN=nothex`},
		{"negative version", with(app, func(t *Target) { t.AcceptVersion = -1 }), Options{}, "positive peer API version"},
		{"unknown check", seg, Options{Checks: []string{"no-such-check"}}, `unknown check "no-such-check"`},
		{"other vendor's check", seg, Options{Checks: []string{CheckUnknownDN}}, "applies to appgate only"},
		{"nothing left", seg, Options{Checks: []string{CheckSchemaValid}, Skip: []string{CheckSchemaValid}}, "no check left"},
		{"negative rate", seg, Options{Rate: -1}, "rate -1"},
		{"appgate without /admin", with(app, func(t *Target) { t.BaseURL = "https://ctrl.example:8443" }), Options{},
			`the base URL should end in /admin, where the controller serves its Admin API (https://ctrl.example:8443/admin)`},
		{"appgate with another path", with(app, func(t *Target) { t.BaseURL = "https://ctrl.example:8443/api/" }), Options{},
			"the base URL should end in /admin"},
		{"segura ending in /api", with(seg, func(t *Target) { t.BaseURL = "https://pam.example/api/" }), Options{},
			"the base URL should not end in /api: the suite adds /iso/oauth2/token and /api/session/remotesessions itself (https://pam.example)"},
		{"segura ending in /iso", with(seg, func(t *Target) { t.BaseURL = "https://pam.example/iso" }), Options{}, "should not end in /iso"},
		{"unknown release", with(seg, func(t *Target) { t.SeguraRelease = 5 }), Options{}, "segura release 5: want 3 (senhasegura) or 4"},
		{"release for appgate", with(app, func(t *Target) { t.SeguraRelease = 3 }), Options{}, "Segura settings"},
		{"drop not a session id", with(seg, func(t *Target) { t.Drop = "42" }), Options{AllowWrites: true}, `session to drop "42"`},
		{"drop without writes", with(seg, func(t *Target) { t.Drop = aSessionID }), Options{}, "a session to drop needs writes allowed"},
		{"writes without a drop", seg, Options{AllowWrites: true}, "writes allowed but no session to drop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.target, tt.opts)
			if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a usage error containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// A user who must give a one-time password cannot be signed in by the
// suite: that is the user's to fix, not a failure of the controller.
func TestTwoFactorUser(t *testing.T) {
	ts := serve(t, newCompliant(t))
	target := targetFor(openapi.Appgate, ts.URL)
	target.Username, target.Password = "otp-admin", "otp-admin"
	_, err := Run(context.Background(), target, Options{})
	if !errors.Is(err, ErrCredentials) || !strings.Contains(err.Error(), "must give a one-time password") {
		t.Fatalf("err = %v", err)
	}
}

func with(t Target, edit func(*Target)) Target {
	edit(&t)
	return t
}

func TestConnectionErrors(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	tlsMock := httptest.NewUnstartedServer(newCompliant(t))
	tlsMock.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
	tlsMock.StartTLS()
	t.Cleanup(tlsMock.Close)
	pool := x509.NewCertPool()
	pool.AddCert(tlsMock.Certificate())

	tests := []struct {
		name    string
		target  Target
		opts    Options
		wantErr error
		want    string
	}{
		{"nothing listens", targetFor(openapi.Segura, closed.URL), Options{}, ErrConnection, "cannot reach"},
		{"appgate, nothing listens", targetFor(openapi.Appgate, closed.URL), Options{}, ErrConnection, "cannot reach"},
		{"unknown CA", targetFor(openapi.Segura, tlsMock.URL), Options{}, ErrConnection, "--ca-cert"},
		{"CA given", targetFor(openapi.Segura, tlsMock.URL), Options{RootCAs: pool}, nil, ""},
		{"insecure", targetFor(openapi.Appgate, tlsMock.URL), Options{Insecure: true}, nil, ""},
		{"plain HTTP spoken to https", targetFor(openapi.Segura, strings.Replace(newServerURL(t), "http:", "https:", 1)),
			Options{}, ErrConnection, "use an http:// base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Run(context.Background(), tt.target, tt.opts)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if f := failedChecks(rep); len(f) > 0 {
					t.Errorf("checks failed over TLS: %v", f)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %v containing %q", err, tt.wantErr, tt.want)
			}
		})
	}
}

func newServerURL(t *testing.T) string { return serve(t, newCompliant(t)).URL }

func TestCredentialErrors(t *testing.T) {
	mock := newCompliant(t)
	ts := serve(t, mock)
	tests := []struct {
		name   string
		target Target
		want   string
	}{
		{"wrong secret", with(targetFor(openapi.Segura, ts.URL), func(t *Target) { t.ClientSecret = "wrong-secret" }),
			`refused client "sessionmock"`},
		{"client without permission", with(targetFor(openapi.Segura, ts.URL), func(t *Target) {
			t.ClientID, t.ClientSecret = "no-sessions", "no-sessions-secret"
		}), "Credentials and Devices permission"},
		{"segura token refused", with(targetFor(openapi.Segura, ts.URL), func(t *Target) { t.Token = "not-a-token" }),
			"refused the token given"},
		{"wrong password", with(targetFor(openapi.Appgate, ts.URL), func(t *Target) { t.Password = "wrong-password" }),
			`refused user "admin"`},
		{"admin without SessionInfo", with(targetFor(openapi.Appgate, ts.URL), func(t *Target) {
			t.Username, t.Password = "viewer", "viewer"
		}), "SessionInfo privilege"},
		{"appgate token refused", with(targetFor(openapi.Appgate, ts.URL), func(t *Target) { t.Token = "not-a-token" }),
			"refused the token given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.target, Options{})
			if !errors.Is(err, ErrCredentials) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a credentials error containing %q", err, tt.want)
			}
			for _, secret := range []string{"wrong-secret", "wrong-password", "not-a-token"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error shows the secret %q: %v", secret, err)
				}
			}
		})
	}
}
