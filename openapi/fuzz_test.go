package openapi

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"
)

// FuzzValidateRequest feeds arbitrary methods, targets and bodies, parsed the way
// the HTTP server parses them, to both vendors' validators. Nothing may panic,
// routing failures must be one of the two sentinel errors, and the body must
// survive validation unchanged.
func FuzzValidateRequest(f *testing.F) {
	seeds := []struct{ method, target, contentType, body string }{
		{"GET", "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap", "", ""},
		{"GET", "/admin/session-info/CN=abc%2CCN=user%2COU=ldap", "", ""},
		{"GET", "/admin/session-info/CN%3Dabc%2CCN%3Duser%2COU%3Dldap", "", ""},
		{"GET", "/admin/session-info/%zz", "", ""},
		{"GET", "/admin/session-info/a%2Fb", "", ""},
		{"POST", "/admin/login", "application/json", `{"providerName":"local","deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`},
		{"POST", "/admin/login", "application/vnd.appgate.peer-v5+json", `{"providerName":`},
		{"POST", "/iso/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials"},
		{"POST", "/api/oauth2/token", "application/x-www-form-urlencoded", "grant_type=%zz&&=="},
		{"POST", "/api/oauth2/token", "multipart/form-data; boundary=x", "--x--"},
		{"GET", "/api/session/remotesessions/3?x=%", "", ""},
		{"DELETE", "/api/session/remotesessions", "", ""},
		{"GET", "//admin//version/..", "", ""},
		{"GET", "*", "", ""},
		{"OPTIONS", "http://other.example/api/session/remotesessions", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.target, s.contentType, []byte(s.body))
	}
	validators := []*Validator{mustValidator(f, Segura), mustValidator(f, Appgate)}
	f.Fuzz(func(t *testing.T, method, target, contentType string, body []byte) {
		raw := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: mock.example\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
			method, target, contentType, len(body))
		r, err := http.ReadRequest(bufio.NewReader(io.MultiReader(strings.NewReader(raw), bytes.NewReader(body))))
		if err != nil {
			return // the server would have refused it before any handler ran
		}
		parsed, err := io.ReadAll(r.Body)
		if err != nil {
			return // a body shorter than its Content-Length never reaches a handler
		}
		for _, v := range validators {
			r.Body = io.NopCloser(bytes.NewReader(parsed))
			checkRequest(t, v, r, parsed)
		}
		// Requests built in code rather than parsed carry any decoded path.
		for _, v := range validators {
			direct := &http.Request{Method: method, URL: &url.URL{Path: target}, Header: http.Header{"Content-Type": {contentType}},
				Body: io.NopCloser(bytes.NewReader(body))}
			checkRequest(t, v, direct, body)
		}
	})
}

func checkRequest(t *testing.T, v *Validator, r *http.Request, body []byte) {
	route, params, err := v.FindRoute(r)
	if err == nil && (route == nil || route.Operation == nil || params == nil) {
		t.Fatalf("%s: FindRoute succeeded without an operation", v.Vendor())
	}
	err = v.ValidateRequest(context.Background(), r)
	if err != nil && err.Error() == "" {
		t.Fatal("empty error message")
	}
	if errors.Is(err, routers.ErrPathNotFound) && errors.Is(err, routers.ErrMethodNotAllowed) {
		t.Fatalf("both routing errors at once: %v", err)
	}
	got, readErr := io.ReadAll(r.Body)
	if readErr != nil {
		t.Fatal(readErr)
	}
	if !bytes.Equal(got, body) {
		t.Fatalf("%s: body changed by validation: %q -> %q", v.Vendor(), body, got)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	// A response to the same request, whatever its body, is judged without panicking.
	_ = v.ValidateResponse(context.Background(), r, 200, http.Header{"Content-Type": {"application/json"}}, body)
}

// FuzzValidateSchema feeds arbitrary bodies to every component of both documents:
// no panic, and a body that is not exactly one JSON value is always refused.
func FuzzValidateSchema(f *testing.F) {
	for _, seed := range []string{
		`{"id":"3"}`, `{"ports":[443]}`, `null`, `[]`, `{"a":1}{"b":2}`, `{"deviceId":"4c07bc67-57ea-42dd-b702-c2d6c45419fc"}`,
		`{"code":200,"response":{"status":1e400}}`, `"` + strings.Repeat("9", 400) + `"`, `{"x":` + strings.Repeat("[", 200),
	} {
		f.Add(seed)
	}
	validators := []*Validator{mustValidator(f, Segura), mustValidator(f, Appgate)}
	f.Fuzz(func(t *testing.T, body string) {
		_, decodeErr := decodeJSON([]byte(body))
		for _, v := range validators {
			for _, component := range componentNames(v.Doc()) {
				err := v.ValidateSchema(component, []byte(body))
				if decodeErr != nil && err == nil {
					t.Fatalf("%s: body that is not one JSON value accepted: %q", component, body)
				}
			}
		}
	})
}
