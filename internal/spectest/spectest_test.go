package spectest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// recorder stands in for *testing.T so the tests can see what Check reports.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatal = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	panic(r) // stops the caller the way runtime.Goexit would
}

func newRecorder(t *testing.T) *recorder { return &recorder{TB: t} }

func response(req *http.Request, status int, contentType string) *http.Response {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &http.Response{StatusCode: status, Header: h, Request: req}
}

func vendorBody(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "openapi", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCheck(t *testing.T) {
	const jsonCT = "application/json"
	sessions := string(vendorBody(t, "segura_remotesessions_200.json"))
	tests := []struct {
		name        string
		vendor      string
		method      string
		target      string
		status      int
		contentType string
		body        string
		wantErr     string // "" means the check passes
	}{
		{"vendor example list", "segura", "GET", "/api/session/remotesessions", 200, jsonCT, sessions, ""},
		{"id as integer", "segura", "GET", "/api/session/remotesessions", 200, jsonCT,
			strings.Replace(sessions, `"id": "3"`, `"id": 3`, 1), "at /remote_sessions/0/id: value must be a string (got 3)"},
		{"Kong 404", "segura", "GET", "/api/session/remotesessions", 404, jsonCT, `{"message":"no Route matched with those values"}`, ""},
		{"undocumented status, error form", "segura", "GET", "/api/session/remotesessions", 502, jsonCT, `{"message":"bad gateway"}`, ""},
		{"undocumented status, other form", "segura", "GET", "/api/session/remotesessions", 502, jsonCT, `{"error":"bad gateway"}`, "doesn't match any schema"},
		{"unknown path, Kong body", "segura", "GET", "/api/nothing", 404, jsonCT, `{"message":"no Route matched with those values"}`, ""},
		{"unknown path, envelope", "segura", "GET", "/api/nothing", 404, "application/json; charset=utf-8",
			`{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":4,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":4}}`, ""},
		{"unknown method, Kong body", "segura", "DELETE", "/api/session/remotesessions", 404, jsonCT, `{"message":"no Route matched with those values"}`, ""},
		{"unknown path, HTML", "segura", "GET", "/api/nothing", 404, "text/html", `<h1>404</h1>`, `content type "text/html" is not JSON`},
		{"unknown path, other JSON", "segura", "GET", "/api/nothing", 404, jsonCT, `{"error":"nope"}`,
			"body matches none of ErrorEnvelope, KongError"},
		{"session info 404", "appgate", "GET", "/admin/session-info/CN=a%2CCN=b%2COU=c", 404, "application/vnd.appgate.peer-v23+json",
			`{"id":"not found","message":"The requested resource can not be found."}`, ""},
		{"session info 404 without id", "appgate", "GET", "/admin/session-info/CN=a%2CCN=b%2COU=c", 404, jsonCT,
			`{"message":"The requested resource can not be found."}`, `at /id: property "id" is missing`},
		{"appgate unknown path", "appgate", "GET", "/admin/appliances", 404, jsonCT, `{"id":"not found","message":"m"}`, ""},
		{"appgate unknown path, Kong body", "appgate", "GET", "/admin/appliances", 404, jsonCT, `{"message":"m"}`,
			`body matches none of Error: openapi: appgate: Error: at /id: property "id" is missing`},
		{"appgate wrong method", "appgate", "PUT", "/admin/version", 405, "application/json", `{"id":"method not allowed","message":"m"}`, ""},
		{"unknown vendor", "okta", "GET", "/", 200, jsonCT, `{}`, "unknown vendor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t)
			req := httptest.NewRequest(tt.method, tt.target, nil)
			Check(rec, tt.vendor, req, response(req, tt.status, tt.contentType), []byte(tt.body))
			if tt.wantErr == "" {
				if len(rec.errors) != 0 {
					t.Fatalf("check failed: %q", rec.errors)
				}
				return
			}
			if len(rec.errors) != 1 {
				t.Fatalf("want one failure containing %q, got %q", tt.wantErr, rec.errors)
			}
			if !strings.Contains(rec.errors[0], tt.wantErr) {
				t.Fatalf("failure %q\ndoes not contain %q", rec.errors[0], tt.wantErr)
			}
			if strings.Contains(rec.errors[0], "\n") {
				t.Fatalf("failure spans several lines: %q", rec.errors[0])
			}
		})
	}
}

func TestCheckWithoutRequestOrResponse(t *testing.T) {
	rec := newRecorder(t)
	Check(rec, "segura", nil, nil, nil)
	Check(rec, "segura", nil, &http.Response{StatusCode: 200}, nil)
	if len(rec.errors) != 2 {
		t.Fatalf("failures %q, want two", rec.errors)
	}
	// resp.Request stands in for a nil req.
	rec = newRecorder(t)
	req := httptest.NewRequest("GET", "/admin/version", nil)
	Check(rec, "appgate", nil, response(req, 200, "application/json"), []byte(`{"peerVersion":"23"}`))
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "at /peerVersion") {
		t.Fatalf("failures %q", rec.errors)
	}
}

// A real round trip: the request the client sent, with its %2C-escaped DN, and the
// body as read from the wire.
func TestCheckOverHTTP(t *testing.T) {
	body := vendorBody(t, "appgate_session_info_200.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap":
			w.Header().Set("Content-Type", "application/vnd.appgate.peer-v23+json")
			w.Write(body)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"id":"not found"}`))
		}
	}))
	defer srv.Close()
	tests := []struct {
		path      string
		wantFails int
	}{
		{"/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc%2CCN=user%2COU=ldap", 0},
		{"/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap", 0},
		{"/admin/session-info/CN=other%2CCN=user%2COU=ldap", 1}, // the 404 lacks its message
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := srv.Client().Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			rec := newRecorder(t)
			Check(rec, "appgate", resp.Request, resp, data)
			if len(rec.errors) != tt.wantFails {
				t.Fatalf("failures %q, want %d", rec.errors, tt.wantFails)
			}
		})
	}
}

func TestCheckSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		vendor, component, body, wantErr string
	}{
		{"segura", "RemoteSessionsResponse", string(vendorBody(t, "segura_remotesessions_200.json")), ""},
		{"appgate", "SessionInfo", string(vendorBody(t, "appgate_session_info_200.json")), ""},
		{"appgate", "FirewallRule", `{"ports":[443]}`, "at /ports/0: value must be a string (got 443)"},
		{"segura", "KongError", `{}`, `property "message" is missing`},
		{"segura", "Missing", `{}`, `unknown schema component "Missing"`},
		{"nobody", "KongError", `{}`, "unknown vendor"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+"/"+tt.component, func(t *testing.T) {
			rec := newRecorder(t)
			CheckSchema(rec, tt.vendor, tt.component, []byte(tt.body))
			if tt.wantErr == "" {
				if len(rec.errors) != 0 {
					t.Fatalf("check failed: %q", rec.errors)
				}
				return
			}
			if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], tt.wantErr) {
				t.Fatalf("failures %q, want one containing %q", rec.errors, tt.wantErr)
			}
		})
	}
}

func TestValidator(t *testing.T) {
	if v := Validator(t, "segura"); v.Vendor() != "segura" || Validator(t, "segura") != v {
		t.Fatal("Validator does not return the shared segura validator")
	}
	rec := newRecorder(t)
	func() {
		defer func() {
			if recover() != rec {
				t.Fatal("Validator did not stop the test for an unknown vendor")
			}
		}()
		Validator(rec, "nope")
	}()
	if !strings.Contains(rec.fatal, "unknown vendor") {
		t.Fatalf("fatal message %q", rec.fatal)
	}
}

// Checks run from parallel tests share the validators (run with -race).
func TestCheckConcurrent(t *testing.T) {
	body := vendorBody(t, "segura_remotesessions_200.json")
	var wg sync.WaitGroup
	rec := newRecorder(t)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest("GET", "/api/session/remotesessions", nil)
			Check(rec, "segura", req, response(req, 200, "application/json"), body)
			Check(rec, "segura", req, response(req, 200, "application/json"), []byte(`{"code":200}`))
		}()
	}
	wg.Wait()
	if len(rec.errors) != 8 {
		t.Fatalf("%d failures, want exactly the 8 invalid bodies", len(rec.errors))
	}
}
