package server

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/internal/spectest"
)

// TestMalformedRequestsGetTheVendorsJSON sends requests that are broken in
// every way Go's HTTP server still lets through to the mock: each answer
// is JSON, in the vendor's form on the vendor paths (checked against its
// OpenAPI document) and the admin API's {"error"} under /__mock/. The
// cases Go answers itself are in cmd/sessionmock's TestGoAnswersItself.
func TestMalformedRequestsGetTheVendorsJSON(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	ag := m.appgateToken(t, "admin", "admin")
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	form := "Content-Type: application/x-www-form-urlencoded\r\n"
	peer := "Accept: " + accept23 + "\r\n"
	tests := []struct {
		name, target, header, body string
		method                     string
		status                     int
	}{
		{"DN with an encoded %, now a bad escape", "/admin/session-info/CN%3D%25zz,CN%3Da,OU%3Db", peer + "Authorization: Bearer " + ag + "\r\n", "", "GET", 404},
		{"DN with a NUL", "/admin/session-info/CN=a%00b,CN=c,OU=d", peer + "Authorization: Bearer " + ag + "\r\n", "", "GET", 404},
		{"DN of invalid UTF-8", "/admin/session-info/%FF%FE", peer + "Authorization: Bearer " + ag + "\r\n", "", "GET", 404},
		{"DN of 30,000 bytes", "/admin/session-info/CN=" + strings.Repeat("a", 30000), peer + "Authorization: Bearer " + ag + "\r\n", "", "GET", 404},
		{"session id of invalid UTF-8", "/api/session/remotesessions/%FF", "Authorization: Bearer " + seg + "\r\n", "", "GET", 400},
		{"session id out of range", "/api/session/remotesessions/99999999999999999999999", "Authorization: Bearer " + seg + "\r\n", "", "GET", 400},
		{"token form with a bad escape", "/iso/oauth2/token", form, "grant_type=%zz", "POST", 400},
		{"token form with a bad charset", "/iso/oauth2/token", "Content-Type: application/x-www-form-urlencoded; charset=\"\r\n", "a=b", "POST", 400},
		{"token as multipart", "/iso/oauth2/token", "Content-Type: multipart/form-data; boundary=x\r\n", "--x-", "POST", 400},
		{"token with Basic that is not base64", "/iso/oauth2/token", form + "Authorization: Basic ###\r\n", "grant_type=client_credentials", "POST", 400},
		{"token body cut in its chunked encoding", "/iso/oauth2/token", form + "Transfer-Encoding: chunked\r\n", "zz\r\n", "POST", 400},
		{"login of invalid UTF-8", "/admin/login", peer + "Content-Type: application/json\r\n", "\xff\xfe{}", "POST", 400},
		{"login as XML", "/admin/login", peer + "Content-Type: text/xml\r\n", "<a></a>", "POST", 400},
		{"an empty bearer token", "/api/session/remotesessions", "Authorization: Bearer\r\n", "", "GET", 401},
		{"two Authorization headers", "/api/session/remotesessions", "Authorization: Bearer a\r\nAuthorization: Bearer b\r\n", "", "GET", 401},
		{"an Authorization header of 50,000 bytes", "/api/session/remotesessions", "Authorization: Bearer " + strings.Repeat("a", 50000) + "\r\n", "", "GET", 401},
		{"Accept with a broken parameter", "/admin/session-info/x", "Accept: " + accept23 + ";q=abc\r\n", "", "GET", 401},
		{"Accept of invalid UTF-8", "/admin/session-info/x", "Accept: \xff\r\n", "", "GET", 406},
		{"Prefer with an open quote", "/admin/version", "Prefer: fault=\"\r\n", "", "GET", 400},
		{"Prefer with a status out of range", "/api/session/remotesessions", "Prefer: code=600\r\n", "", "GET", 400},
		{"__code that is no status", "/admin/version?__code=5", "", "", "GET", 400},
		{"an unknown __ parameter", "/admin/version?__cdoe=500", "", "", "GET", 400},
		{"a hold beyond the maximum", "/api/session/remotesessions?__hold=99999999999h", "", "", "GET", 400},
		{"CONNECT", "mock:443", "", "", "CONNECT", 404},
		{"TRACE", "/api/session/remotesessions", "", "", "TRACE", 404},
		{"the asterisk target", "*", "", "", "GET", 404},
		{"an absolute target on another host", "http://other.example/admin/nowhere", "", "", "GET", 404},
		{"admin query with a bad escape", "/__mock/sessions?limit=%zz", "", "", "GET", 400},
		{"admin body cut in its chunked encoding", "/__mock/faults", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "zz\r\n", "POST", 400},
		{"admin id of 5,000 bytes", "/__mock/faults/" + strings.Repeat("x", 5000), "", "", "DELETE", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			conn, r := rawConn(t, m)
			head := tt.method + " " + tt.target + " HTTP/1.1\r\nHost: mock\r\n" + tt.header
			if tt.body != "" && !strings.Contains(tt.header, "chunked") {
				head += "Content-Length: " + strconv.Itoa(len(tt.body)) + "\r\n"
			}
			if _, err := io.WriteString(conn, head+"\r\n"+tt.body); err != nil {
				t.Fatal(err)
			}
			path := tt.target
			if i := strings.Index(path, "?"); i >= 0 {
				path = path[:i]
			}
			req, err := http.NewRequest(tt.method, m.URL+"/", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.Path = strings.TrimPrefix(path, "http://other.example")
			resp, body := readAnswer(t, r, req)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d %s, want %d", resp.StatusCode, body, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Fatalf("Content-Type %q, body %q", ct, body)
			}
			if isAdminPath(req.URL.Path) {
				var e adminErrorBody
				mustUnmarshal(t, body, &e)
				if e.Error == "" {
					t.Errorf("admin error without a message: %s", body)
				}
				return
			}
			spectest.Check(t, vendorOf(req.URL.Path), req, resp, body)
		})
	}
}
