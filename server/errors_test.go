package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

func TestVendorError(t *testing.T) {
	t.Parallel()
	s := &Server{cfg: Config{PeerVersion: 23, LowestPeerVersion: 21}}
	plain := httptest.NewRequest("GET", "/", nil)
	basic := httptest.NewRequest("POST", segura.PathToken, nil)
	basic.SetBasicAuth("id", "secret")
	v5 := httptest.NewRequest("POST", appgate.PathLogin, nil)
	v5.Header.Set("Accept", appgate.PeerMediaType(5))
	withToken := httptest.NewRequest("GET", segura.PathRemoteSessions, nil)
	withToken.Header.Set("Authorization", "Bearer x")
	const kong404 = `{"message":"no Route matched with those values"}`
	tests := []struct {
		name          string
		r             *http.Request
		vendor, route string
		status        int
		message       string
		opts          []errorOption
		header        http.Header
		body          string
	}{
		{"token 400 is OAuth's invalid_request", plain, wire.Segura, segura.RouteToken, 400, "", nil, nil,
			`{"error":"invalid_request","error_description":"` + segura.MsgOAuthInvalidRequest + `","message":"` + segura.MsgOAuthInvalidRequest + `"}`},
		{"token 400 with another OAuth code", plain, wire.Segura, segura.RouteToken, 400, "m", []errorOption{withOAuthCode("unsupported_grant_type")}, nil,
			`{"error":"unsupported_grant_type","error_description":"m","message":"m"}`},
		{"token 401 is invalid_client", plain, wire.Segura, segura.RouteToken, 401, "", nil, nil,
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`},
		{"token 401 to Basic credentials asks for them", basic, wire.Segura, segura.RouteToken, 401, "", nil,
			http.Header{"Www-Authenticate": {`Basic realm="OAuth"`}},
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`},
		{"token 500 is the envelope", plain, wire.Segura, segura.RouteToken, 500, "", nil, nil,
			`{"code":500,"response":{"status":500,"message":"Unexpected error.","error":true,"error_code":5,"detail":"","mensagem":"Unexpected error.","erro":true,"cod_erro":5}}`},
		{"token 404 of the gateway", plain, wire.Segura, segura.RouteToken, 404, "", []errorOption{fromGateway()}, nil, kong404},
		{"list 404 of the gateway", plain, wire.Segura, segura.RouteRemoteSessions, 404, "", []errorOption{fromGateway()}, nil, kong404},
		{"list 404 without a token is the gateway's", plain, wire.Segura, segura.RouteRemoteSessions, 404, "", nil, nil, kong404},
		{"list 404 of the appliance", withToken, wire.Segura, segura.RouteRemoteSessions, 404, "", nil, nil,
			`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`},
		{"unknown session", plain, wire.Segura, segura.RouteRemoteSession, 400, segura.MsgSessionNotFound, []errorOption{withErrorCode(segura.CodeSessionNotFound)}, nil,
			`{"code":400,"response":{"status":400,"message":"Session not found","error":true,"error_code":1002,"detail":"","mensagem":"Session not found","erro":true,"cod_erro":1002}}`},
		{"Segura 504 is Kong's", plain, wire.Segura, segura.RouteRemoteSessions, 504, "", nil, nil, `{"message":"The upstream server is timing out"}`},
		{"login 401 is about the credentials", plain, wire.Appgate, appgate.RouteLogin, 401, "", nil, nil,
			`{"id":"unauthorized","message":"Invalid username or password.","reason":"Invalid credentials"}`},
		{"authentication 401 too", plain, wire.Appgate, appgate.RouteAuthentication, 401, "", nil, nil,
			`{"id":"unauthorized","message":"Invalid username or password.","reason":"Invalid credentials"}`},
		{"OTP 401 with its reason", plain, wire.Appgate, appgate.RouteOTP, 401, appgate.MsgBadOTP, []errorOption{withReason(appgate.ReasonBadOTP)}, nil,
			`{"id":"unauthorized","message":"Invalid one-time password.","reason":"Invalid one-time password"}`},
		{"session-info 401 is about the token", plain, wire.Appgate, appgate.RouteSessionInfo, 401, "", nil, nil,
			`{"id":"unauthorized","message":"Token error. Login again."}`},
		{"406 names the versions and what was received", v5, wire.Appgate, appgate.RouteLogin, 406, "", nil, nil,
			`{"id":"not acceptable","message":"Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v23+json, Received: application/vnd.appgate.peer-v5+json","minSupportedVersion":21,"maxSupportedVersion":23}`},
		{"422 lists the fields", plain, wire.Appgate, appgate.RouteLogin, 422, "", []errorOption{withFields(appgate.FieldError{Field: "deviceId", Message: "x"})}, nil,
			`{"id":"unprocessable entity","message":"Request validation failed.","errors":[{"field":"deviceId","message":"x"}]}`},
		{"message replaces the vendor's", plain, wire.Appgate, "", 404, "gone", nil, nil, `{"id":"not found","message":"gone"}`},
		{"Appgate 504", plain, wire.Appgate, appgate.RouteSessionInfo, 504, "", nil, nil,
			`{"id":"gateway timeout","message":"The upstream server is timing out."}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			s.writeError(rec, tt.r, tt.vendor, tt.route, tt.status, tt.message, tt.opts...)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d", rec.Code, tt.status)
			}
			if got := rec.Body.String(); got != tt.body {
				t.Errorf("body\n%s, want\n%s", got, tt.body)
			}
			for k, v := range tt.header {
				if got := rec.Header().Values(k); strings.Join(got, ",") != strings.Join(v, ",") {
					t.Errorf("header %s %q, want %q", k, got, v)
				}
			}
			if tt.header == nil && rec.Header().Get("WWW-Authenticate") != "" {
				t.Errorf("unexpected WWW-Authenticate %q", rec.Header().Get("WWW-Authenticate"))
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

// An injected status answers, on every route, exactly what the one error
// function makes of that vendor, route and status, and the answer is one
// the vendor's document allows.
func TestInjectedErrorsAreTheVendorsErrors(t *testing.T) {
	m := start(t, nil)
	s := m.Config.Handler.(*Server)
	dn := m.world.Appgate().At(0).DN.String()
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, rt := range Routes() {
		for _, status := range []int{400, 401, 403, 404, 500, 503} {
			t.Run(fmt.Sprintf("%s %d", rt, status), func(t *testing.T) {
				path := param.ReplaceAllString(rt.Pattern, "3")
				if rt.Name == appgate.RouteSessionInfo {
					path = appgate.SessionInfoPath(dn)
				}
				req := m.request(t, rt.Method, path, nil, "Accept", accept23, "Prefer", fmt.Sprintf("code=%d", status))
				resp, body := m.call(t, req)
				want := s.vendorError(req, rt.Vendor, rt.Name, status, "")
				wantBody, _ := json.Marshal(want.body)
				if resp.StatusCode != status || string(body) != string(wantBody) {
					t.Errorf("answered %d %s, want %d %s", resp.StatusCode, body, status, wantBody)
				}
			})
		}
	}
}
