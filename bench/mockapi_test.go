package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// fakeMock answers the few calls the harness makes, checking that they
// carry what the real mock needs.
func fakeMock(t *testing.T) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == "POST" && r.URL.Path == "/admin/login":
			var body map[string]string
			json.NewDecoder(r.Body).Decode(&body)
			if r.Header.Get("Accept") != peerAccept || body["username"] != appgateUser || body["deviceId"] != appgateDeviceID {
				http.Error(w, "bad login", http.StatusUnauthorized)
				return
			}
			io.WriteString(w, `{"token":"ag-token"}`)
		case r.Method == "POST" && r.URL.Path == "/iso/oauth2/token":
			r.ParseForm()
			if r.PostForm.Get("grant_type") != "client_credentials" || r.PostForm.Get("client_secret") != seguraClientSecret {
				http.Error(w, "bad client", http.StatusUnauthorized)
				return
			}
			io.WriteString(w, `{"access_token":"sg-token"}`)
		case r.URL.Path == "/__mock/sessions":
			if r.URL.Query().Get("vendor") != "appgate" || r.URL.Query().Get("limit") != "2" {
				http.Error(w, "bad query "+r.URL.RawQuery, http.StatusBadRequest)
				return
			}
			io.WriteString(w, `{"seed":1,"appgate":{"total":9,"clients":[{"dn":"CN=a,CN=u@x.example,OU=local"},{"dn":"CN=b,CN=v,OU=ldap"}]}}`)
		case strings.HasPrefix(r.URL.Path, "/admin/session-info/"):
			if r.Header.Get("Authorization") != "Bearer ag-token" {
				http.Error(w, "no token", http.StatusUnauthorized)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"path":"`+r.URL.EscapedPath()+`"}`)
		default:
			http.NotFound(w, r)
		}
	}))
}

func TestMockAPI(t *testing.T) {
	srv := fakeMock(t)
	defer srv.Close()
	ctx := context.Background()
	api := mockAPI{base: srv.URL, hc: probeClient()}

	ag, err := api.appgateToken(ctx)
	if err != nil || ag != "ag-token" {
		t.Fatalf("appgateToken = %q, %v", ag, err)
	}
	sg, err := api.seguraToken(ctx)
	if err != nil || sg != "sg-token" {
		t.Fatalf("seguraToken = %q, %v", sg, err)
	}
	dns, err := api.appgateDNs(ctx, 2)
	if err != nil || len(dns) != 2 || dns[0] != "CN=a,CN=u@x.example,OU=local" {
		t.Fatalf("appgateDNs = %q, %v", dns, err)
	}
	body, ct, err := api.sessionInfo(ctx, ag, dns[0])
	if err != nil || ct != "application/json" {
		t.Fatalf("sessionInfo: %q, %v", ct, err)
	}
	// The DN goes out path-escaped, commas as %2C, as the vendor's client
	// sends it.
	if want := `{"path":"/admin/session-info/` + url.PathEscape(dns[0]) + `"}`; string(body) != want || !strings.Contains(want, "%2C") {
		t.Fatalf("body %s, want %s", body, want)
	}
	if sessionInfoPath(dns[0]) != "/admin/session-info/CN=a,CN=u@x.example,OU=local" {
		t.Fatalf("sessionInfoPath = %q: the baseline's key must be the decoded path", sessionInfoPath(dns[0]))
	}
	if _, _, err := api.sessionInfo(ctx, "wrong", dns[0]); err == nil || !strings.Contains(err.Error(), "status 401") {
		t.Fatalf("sessionInfo with a bad token: %v", err)
	}
	if err := api.healthy(ctx); err == nil || !strings.Contains(err.Error(), "status 404") {
		t.Fatalf("healthy on a server without /__mock/health: %v", err)
	}
}
