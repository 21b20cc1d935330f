package openapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

func mustValidator(t testing.TB, vendor string) *Validator {
	t.Helper()
	v, err := NewValidator(vendor)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNewValidatorUnknownVendor(t *testing.T) {
	v, err := NewValidator("appgate-sdp")
	if !errors.Is(err, ErrUnknownVendor) || v != nil {
		t.Fatalf("NewValidator = %v, %v; want nil, ErrUnknownVendor", v, err)
	}
}

// Validators are built once per process: every caller, concurrent ones
// included, gets the same one for a vendor.
func TestNewValidatorIsShared(t *testing.T) {
	t.Parallel()
	got := make([][2]*Validator, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			for j, vendor := range []string{Segura, Appgate} {
				v, err := NewValidator(vendor)
				if err != nil {
					t.Error(err)
					return
				}
				got[i][j] = v
			}
		})
	}
	wg.Wait()
	for _, pair := range got {
		if pair != got[0] {
			t.Fatalf("NewValidator gave different validators: %p %p and %p %p", pair[0], pair[1], got[0][0], got[0][1])
		}
	}
	if got[0][0] == got[0][1] || got[0][0].Vendor() != Segura || got[0][1].Vendor() != Appgate {
		t.Errorf("the vendors share a validator: %q, %q", got[0][0].Vendor(), got[0][1].Vendor())
	}
}

func TestValidatorDoc(t *testing.T) {
	v := mustValidator(t, Appgate)
	if v.Vendor() != Appgate {
		t.Errorf("Vendor() = %q", v.Vendor())
	}
	if v.Doc() == nil || v.Doc().Paths.Value("/session-info/{distinguished-name}") == nil {
		t.Fatal("Doc() is not the Appgate document")
	}
	if v.Doc().Servers[0].URL != "https://{controller}:8443/admin" {
		t.Errorf("Doc() servers were rewritten: %q", v.Doc().Servers[0].URL)
	}
}

// Clients send the DN with raw commas (curl), %2C-escaped commas (the official Go
// client), or fully percent-encoded; every form reaches the operation with the same
// decoded value.
func TestFindRouteDistinguishedName(t *testing.T) {
	v := mustValidator(t, Appgate)
	tests := []struct{ name, target, want string }{
		{"raw commas", "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap",
			"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"},
		{"escaped commas", "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc%2CCN=user%2COU=ldap",
			"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"},
		{"lower-case escapes", "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc%2cCN=user%2cOU=ldap",
			"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"},
		{"fully encoded", "/admin/session-info/CN%3D4c07bc6757ea42ddb702c2d6c45419fc%2CCN%3Duser%2COU%3Dldap",
			"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"},
		{"space and encoded slash in the username", "/admin/session-info/CN=abc%2CCN=jane%20doe%2Fit%2COU=local",
			"CN=abc,CN=jane doe/it,OU=local"},
		{"plus stays a plus", "/admin/session-info/CN=abc,CN=a+b,OU=local", "CN=abc,CN=a+b,OU=local"},
		{"query ignored", "/admin/session-info/CN=abc,CN=u,OU=p?x=1", "CN=abc,CN=u,OU=p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			route, params, err := v.FindRoute(httptest.NewRequest(http.MethodGet, tt.target, nil))
			if err != nil {
				t.Fatal(err)
			}
			if route.Path != "/session-info/{distinguished-name}" || route.Operation == nil {
				t.Fatalf("route %q (operation %v)", route.Path, route.Operation)
			}
			if got := params["distinguished-name"]; got != tt.want {
				t.Fatalf("distinguished-name = %q, want %q", got, tt.want)
			}
		})
	}
}

// The DN reaches the server the way a real client sends it, over a socket.
func TestFindRouteDistinguishedNameOverHTTP(t *testing.T) {
	v := mustValidator(t, Appgate)
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, err := v.FindRoute(r)
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		got <- params["distinguished-name"]
	}))
	defer srv.Close()
	for _, path := range []string{
		"/admin/session-info/CN=abc,CN=user,OU=ldap",
		"/admin/session-info/CN=abc%2CCN=user%2COU=ldap",
		"/admin/session-info/CN%3Dabc%2CCN%3Duser%2COU%3Dldap",
	} {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if dn := <-got; dn != "CN=abc,CN=user,OU=ldap" {
			t.Errorf("%s: server saw %q", path, dn)
		}
	}
}

func TestFindRouteErrors(t *testing.T) {
	tests := []struct {
		vendor, method, target string
		want                   error
	}{
		{Segura, http.MethodGet, "/api/session/unknown", routers.ErrPathNotFound},
		{Segura, http.MethodGet, "/api/session/remotesessions/3/extra", routers.ErrPathNotFound},
		{Segura, http.MethodGet, "/api/session/remotesessions/", routers.ErrPathNotFound},
		{Segura, http.MethodDelete, "/api/session/remotesessions", routers.ErrMethodNotAllowed},
		{Segura, http.MethodGet, "/iso/oauth2/token", routers.ErrMethodNotAllowed},
		{Appgate, http.MethodGet, "/admin/session-info", routers.ErrPathNotFound},
		{Appgate, http.MethodGet, "/session-info/CN=a,CN=b,OU=c", routers.ErrPathNotFound},
		{Appgate, http.MethodPost, "/admin/session-info/CN=a,CN=b,OU=c", routers.ErrMethodNotAllowed},
		{Appgate, http.MethodGet, "/admin/login", routers.ErrMethodNotAllowed},
		{Appgate, "get", "/admin/version", routers.ErrMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+" "+tt.method+" "+tt.target, func(t *testing.T) {
			v := mustValidator(t, tt.vendor)
			r := httptest.NewRequest(http.MethodGet, tt.target, nil)
			r.Method = tt.method
			route, params, err := v.FindRoute(r)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			other := routers.ErrPathNotFound
			if tt.want == routers.ErrPathNotFound {
				other = routers.ErrMethodNotAllowed
			}
			if errors.Is(err, other) {
				t.Fatalf("error %v is both not-found and method-not-allowed", err)
			}
			if route != nil || params != nil {
				t.Fatal("a route came back with the error")
			}
			if !strings.Contains(err.Error(), tt.vendor) || !strings.Contains(err.Error(), tt.method) {
				t.Errorf("error %q does not name the vendor and method", err)
			}
			// ValidateRequest and ValidateResponse report the same routing error.
			if err := v.ValidateRequest(context.Background(), r); !errors.Is(err, tt.want) {
				t.Errorf("ValidateRequest error = %v, want %v", err, tt.want)
			}
			if err := v.ValidateResponse(context.Background(), r, 404, http.Header{"Content-Type": {"application/json"}}, []byte(`{}`)); !errors.Is(err, tt.want) {
				t.Errorf("ValidateResponse error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestFindRouteBadEscape(t *testing.T) {
	v := mustValidator(t, Segura)
	r := httptest.NewRequest(http.MethodGet, "/api/session/remotesessions/3", nil)
	r.URL.RawPath = ""
	r.URL.Path = "/api/session/remotesessions/%zz"
	// Path holds a literal %; the escaped form is %25zz, which decodes back.
	_, params, err := v.FindRoute(r)
	if err != nil {
		t.Fatal(err)
	}
	if params["id"] != "%zz" {
		t.Fatalf("id = %q, want %%zz", params["id"])
	}
	if _, _, err := v.FindRoute(&http.Request{Method: http.MethodGet}); err == nil {
		t.Fatal("request without URL: no error")
	}
}

func newRequest(method, target, contentType, body string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestValidateRequest(t *testing.T) {
	t.Parallel()
	const form = "application/x-www-form-urlencoded"
	const login = `{"providerName":"local","username":"admin","password":"admin","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`
	tests := []struct {
		name    string
		vendor  string
		req     *http.Request
		wantErr string // "" means valid
	}{
		{"token with credentials in the body", Segura,
			newRequest("POST", "/iso/oauth2/token", form, "grant_type=client_credentials&client_id=a&client_secret=b"), ""},
		{"token with basic credentials", Segura, func() *http.Request {
			r := newRequest("POST", "/api/oauth2/token", form, "grant_type=client_credentials")
			r.SetBasicAuth("a", "b")
			return r
		}(), ""},
		{"token with a scope", Segura,
			newRequest("POST", "/iso/oauth2/token", form, "grant_type=client_credentials&scope=x"), ""},
		{"token with a bad grant type", Segura,
			newRequest("POST", "/iso/oauth2/token", form, "grant_type=password&username=a&password=b"),
			`at /grant_type: value is not one of the allowed values ["client_credentials"] (got "password")`},
		{"token without a grant type", Segura,
			newRequest("POST", "/api/oauth2/token", form, "client_id=a&client_secret=b"),
			`at /grant_type: property "grant_type" is missing`},
		{"token without a body", Segura,
			newRequest("POST", "/iso/oauth2/token", form, ""), "value is required but missing"},
		{"token as JSON", Segura,
			newRequest("POST", "/iso/oauth2/token", "application/json", `{"grant_type":"client_credentials"}`),
			`header Content-Type has unexpected value "application/json"`},
		{"remote sessions without a token", Segura,
			newRequest("GET", "/api/session/remotesessions", "", ""), ""},
		{"remote session by id", Segura,
			newRequest("GET", "/api/session/remotesessions/abc", "", ""), ""},
		{"login", Appgate, newRequest("POST", "/admin/login", "application/json", login), ""},
		{"login labelled with the versioned media type", Appgate,
			newRequest("POST", "/admin/login", "application/vnd.appgate.peer-v23+json", login), ""},
		{"login without providerName", Appgate,
			newRequest("POST", "/admin/login", "application/json", `{"username":"admin","password":"admin","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`),
			`at /providerName: property "providerName" is missing`},
		{"login with a device id that is no UUID", Appgate,
			newRequest("POST", "/admin/login", "application/json", `{"providerName":"local","deviceId":"4c07bc6757ea42ddb702c2d6c45419fc"}`),
			`at /deviceId: string doesn't match the format "uuid"`},
		{"login password of the wrong type is not echoed", Appgate,
			newRequest("POST", "/admin/login", "application/json", `{"providerName":"local","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc","password":12345678}`),
			`at /password: value must be a string (got a value that is not shown)`},
		{"login with a broken body", Appgate,
			newRequest("POST", "/admin/login", "application/json", `{"providerName":`), "request body has an error"},
		{"session info", Appgate,
			newRequest("GET", "/admin/session-info/CN=abc%2CCN=user%2COU=ldap", "", ""), ""},
		{"version", Appgate, newRequest("GET", "/admin/version", "", ""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mustValidator(t, tt.vendor).ValidateRequest(context.Background(), tt.req)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("valid request rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("invalid request accepted; want an error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %q\ndoes not contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans several lines: %q", err)
			}
			var reqErr *openapi3filter.RequestError
			if !errors.As(err, &reqErr) {
				t.Fatalf("error %v does not wrap *openapi3filter.RequestError", err)
			}
			if strings.Contains(err.Error(), "12345678") {
				t.Fatal("the error echoes a password")
			}
		})
	}
}

// The mock reads the body after validating it; validation must leave it intact,
// including bodies kin-openapi would rewrite (defaults) and failed validations.
func TestValidateRequestKeepsBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, target, contentType, body string
	}{
		{Segura, "/iso/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=a&client_secret=b"},
		{Segura, "/iso/oauth2/token", "application/x-www-form-urlencoded", "grant_type=bogus"},
		{Appgate, "/admin/login", "application/json", `{ "providerName" : "local", "deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc" }`},
		{Appgate, "/admin/login", "application/vnd.appgate.peer-v22+json", `{"username":"admin"}`},
	}
	for _, tt := range tests {
		t.Run(tt.target+" "+tt.body, func(t *testing.T) {
			r := newRequest("POST", tt.target, tt.contentType, tt.body)
			_ = mustValidator(t, tt.vendor).ValidateRequest(context.Background(), r)
			got, err := io.ReadAll(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.body {
				t.Fatalf("body after validation = %q, want %q", got, tt.body)
			}
			if ct := r.Header.Get("Content-Type"); ct != tt.contentType {
				t.Fatalf("Content-Type changed to %q", ct)
			}
			if r.GetBody == nil {
				t.Fatal("GetBody not set")
			}
			again, _ := r.GetBody()
			if b, _ := io.ReadAll(again); string(b) != tt.body {
				t.Fatalf("GetBody gives %q", b)
			}
			// The form is still there for a handler that parses it.
			if tt.contentType == "application/x-www-form-urlencoded" {
				r := newRequest("POST", tt.target, tt.contentType, tt.body)
				_ = mustValidator(t, tt.vendor).ValidateRequest(context.Background(), r)
				if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") == "" {
					t.Fatalf("handler cannot parse the form after validation: %v %v", err, r.PostForm)
				}
			}
		})
	}
}

func TestValidateResponse(t *testing.T) {
	const jsonCT = "application/json"
	sessionInfo := readTestdata(t, "appgate_session_info_200.json")
	remoteSessions := readTestdata(t, "segura_remotesessions_200.json")
	tests := []struct {
		name        string
		vendor      string
		method      string
		target      string
		status      int
		contentType string
		body        string
		wantErr     string
	}{
		{"remote sessions", Segura, "GET", "/api/session/remotesessions", 200, jsonCT, string(remoteSessions), ""},
		{"charset parameter", Segura, "GET", "/api/session/remotesessions", 200, "application/json; charset=UTF-8", string(remoteSessions), ""},
		{"Kong 404", Segura, "GET", "/api/session/remotesessions", 404, jsonCT, `{"message":"no Route matched with those values"}`, ""},
		{"envelope 404", Segura, "GET", "/api/session/remotesessions", 404, jsonCT,
			`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`, ""},
		{"OAuth error for a bad token", Segura, "GET", "/api/session/remotesessions", 401, jsonCT,
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`, ""},
		{"unknown id", Segura, "GET", "/api/session/remotesessions/99", 400, jsonCT,
			`{"code":400,"response":{"status":400,"message":"Session not found","error":true,"error_code":1002,"detail":"","mensagem":"Sessão não encontrada","erro":true,"cod_erro":1002}}`, ""},
		{"Kong time-out", Segura, "GET", "/api/session/remotesessions/3", 504, jsonCT, `{"message":"The upstream server is timing out"}`, ""},
		{"token", Segura, "POST", "/iso/oauth2/token", 200, jsonCT, `{"token_type":"Bearer","expires_in":3600,"access_token":"x.y.z"}`, ""},
		{"token without expiry", Segura, "POST", "/iso/oauth2/token", 200, jsonCT, `{"token_type":"Bearer","access_token":"x.y.z"}`,
			`at /expires_in: property "expires_in" is missing`},
		{"token of another type", Segura, "POST", "/api/oauth2/token", 200, jsonCT, `{"token_type":"MAC","expires_in":3600,"access_token":"x"}`,
			`at /token_type: string doesn't match the regular expression`},
		{"session info", Appgate, "GET", "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap", 200, jsonCT, string(sessionInfo), ""},
		{"versioned media type", Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 200, "application/vnd.appgate.peer-v23+json", string(sessionInfo), ""},
		{"empty session info", Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 200, jsonCT, `{}`, ""},
		{"406", Appgate, "POST", "/admin/login", 406, jsonCT,
			`{"id":"not acceptable","message":"Invalid 'Accept' header.","minSupportedVersion":21,"maxSupportedVersion":23}`, ""},
		{"406 with string versions", Appgate, "POST", "/admin/login", 406, jsonCT,
			`{"id":"not acceptable","message":"m","minSupportedVersion":"21","maxSupportedVersion":23}`,
			`at /minSupportedVersion: value must be an integer (got "21")`},
		{"422", Appgate, "POST", "/admin/login", 422, jsonCT,
			`{"id":"unprocessable entity","message":"m","errors":[{"field":"providerName","message":"may not be null"}]}`, ""},
		{"version", Appgate, "GET", "/admin/version", 200, jsonCT, `{"peerVersion":23,"lowestPeerVersionSupported":21}`, ""},
		{"version as strings", Appgate, "GET", "/admin/version", 200, jsonCT, `{"peerVersion":"23"}`,
			`at /peerVersion: value must be an integer (got "23")`},
		{"undocumented status in the error form", Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 418, jsonCT, `{"id":"x","message":"y"}`, ""},
		{"undocumented status in another form", Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 503, jsonCT, `{"error":"down"}`,
			`property "id" is missing`},
		{"undocumented Segura status, Kong form", Segura, "GET", "/api/session/remotesessions", 429, jsonCT, `{"message":"API rate limit exceeded"}`, ""},
		{"undocumented Segura status, other form", Segura, "GET", "/api/session/remotesessions", 503, jsonCT, `{"detail":"down"}`,
			`doesn't match any schema`},
		{"HTML error page", Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 401, "text/html", `<html></html>`,
			`response header Content-Type has unexpected value: "text/html"`},
		{"no content type", Segura, "GET", "/api/session/remotesessions", 500, "", `{"code":500}`,
			`response header Content-Type has unexpected value: ""`},
		{"empty body", Segura, "GET", "/api/session/remotesessions", 401, jsonCT, ``, "body is not a single valid JSON value"},
		{"two JSON values", Appgate, "GET", "/admin/version", 200, jsonCT, `{"peerVersion":23}{"peerVersion":24}`,
			"body is not a single valid JSON value"},
		{"error without message", Appgate, "GET", "/admin/session-info/CN=a,CN=b,OU=c", 403, jsonCT, `{"id":"forbidden"}`,
			`at /message: property "message" is missing`},
		{"Kong body on a 500", Segura, "GET", "/api/session/remotesessions", 500, jsonCT, `{"message":"An unexpected error occurred"}`,
			`at /code: property "code" is missing`},
		{"neither 404 shape", Segura, "GET", "/api/session/remotesessions", 404, jsonCT, `{"error":"not found"}`,
			`value doesn't match any schema from "oneOf"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := mustValidator(t, tt.vendor)
			h := http.Header{}
			if tt.contentType != "" {
				h.Set("Content-Type", tt.contentType)
			}
			r := httptest.NewRequest(tt.method, tt.target, nil)
			err := v.ValidateResponse(context.Background(), r, tt.status, h, []byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("valid response rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("invalid response accepted; want an error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %q\ndoes not contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans several lines: %q", err)
			}
			if h.Get("Content-Type") != tt.contentType {
				t.Fatal("ValidateResponse changed the caller's header")
			}
		})
	}
}

func TestValidateResponseHead(t *testing.T) {
	// HEAD answers have no body to check; kin-openapi skips them and so does this.
	v := mustValidator(t, Appgate)
	r := httptest.NewRequest(http.MethodGet, "/admin/version", nil)
	if err := v.ValidateResponse(context.Background(), r, 200, http.Header{"Content-Type": {"application/json"}}, []byte(`{"peerVersion":23}`)); err != nil {
		t.Fatal(err)
	}
}

func TestValidateSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, component, body, wantErr string
	}{
		{Segura, "KongError", `{"message":"no Route matched with those values"}`, ""},
		{Segura, "KongError", `{"msg":"x"}`, `at /message: property "message" is missing`},
		{Segura, "ResponseStatus", `{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0}`, ""},
		{Segura, "ResponseStatus", `{"status":200,"message":"","error":"false","error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0.5}`,
			`at /cod_erro: value must be an integer (got 0.5)`},
		{Segura, "ResponseStatus", `{"status":200,"message":"","error":"false","error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0.5}`,
			`at /error: value must be a boolean (got "false")`},
		{Appgate, "FirewallRule", `{"ports":["443","1024-2048"],"types":["0-255"]}`, ""},
		{Appgate, "FirewallRule", `{"ports":[443]}`, `at /ports/0: value must be a string (got 443)`},
		{Appgate, "Error", `{"id":"x","message":"y"} trailing`, "data after the first value"},
		{Appgate, "Error", `not json`, "body is not valid JSON"},
		{Appgate, "Nope", `{}`, `unknown schema component "Nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.component+" "+tt.wantErr, func(t *testing.T) {
			err := mustValidator(t, tt.vendor).ValidateSchema(tt.component, []byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("valid body rejected: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// One Validator serves many requests at once (run with -race).
func TestValidatorConcurrent(t *testing.T) {
	v := mustValidator(t, Appgate)
	body := readTestdata(t, "appgate_session_info_200.json")
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 4 {
				r := httptest.NewRequest(http.MethodGet, "/admin/session-info/CN=abc%2CCN=user%2COU=ldap", nil)
				if err := v.ValidateRequest(context.Background(), r); err != nil {
					errs <- err
				}
				h := http.Header{"Content-Type": {"application/json"}}
				if err := v.ValidateResponse(context.Background(), r, 200, h, body); err != nil {
					errs <- err
				}
				if err := v.ValidateResponse(context.Background(), r, 404, h, []byte(`{"id":1}`)); err == nil {
					errs <- errors.New("invalid 404 accepted")
				}
				if (i+j)%2 == 0 {
					if err := v.ValidateSchema("FirewallRule", []byte(`{"ports":[1]}`)); err == nil {
						errs <- errors.New("integer port accepted")
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
