package fault

import (
	"net/http"
	"testing"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"/api/session/remotesessions", "/api/session/remotesessions", true},
		{"/api/session/remotesessions", "/api/session/remotesessions/3", false},
		{"/api/session/remotesessions/*", "/api/session/remotesessions/3", true},
		{"/api/*", "/api/session/remotesessions/3", true},
		{"*", "", true},
		{"*", "/anything/at/all", true},
		{"/admin/*/x", "/admin/a/b/x", true},
		{"/admin/*/x", "/admin/a/b/y", false},
		{"*sessions*", "/api/session/remotesessions/7", true},
		{"/a*b*c", "/aXbYbZc", true},
		{"/a*b*c", "/aXbYbZ", false},
		{"/a**", "/a", true},
		{"", "", true},
		{"", "/", false},
		{"/x", "/X", false},
		{"/admin/session-info/CN=*,OU=local", "/admin/session-info/CN=abc,CN=bob,OU=local", true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" "+tt.s, func(t *testing.T) {
			if got := glob(tt.pattern, tt.s); got != tt.want {
				t.Errorf("glob(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
			}
		})
	}
}

func TestMatchFields(t *testing.T) {
	base := Request{
		Vendor: VendorAppgate, Route: RouteSessionInfo, Method: "GET",
		Path:   "/admin/session-info/" + aliceDN,
		DN:     aliceDN,
		Client: "admin",
		Header: http.Header{"X-Test": {"a", "b"}, "Accept": {"application/vnd.appgate.peer-v23+json"}},
	}
	with := func(f func(*Request)) Request {
		r := base
		f(&r)
		return r
	}
	tests := []struct {
		name  string
		match Match
		req   Request
		want  bool
	}{
		{"empty matches all", Match{}, base, true},
		{"vendor", Match{Vendor: "appgate"}, base, true},
		{"vendor any case", Match{Vendor: "APPGATE"}, base, true},
		{"other vendor", Match{Vendor: "segura"}, base, false},
		{"route", Match{Route: "session-info"}, base, true},
		{"other route", Match{Route: "login"}, base, false},
		{"route on unknown path", Match{Route: "login"}, with(func(r *Request) { r.Route = "" }), false},
		{"method", Match{Method: "get"}, base, true},
		{"other method", Match{Method: "POST"}, base, false},
		{"path glob", Match{Path: "/admin/session-info/*"}, base, true},
		{"path glob miss", Match{Path: "/api/*"}, base, false},
		{"dn same", Match{DN: aliceDN}, base, true},
		{"dn dashed upper spaced", Match{DN: "cn = 4C07BC67-57EA-42DD-B702-C2D6C45419FC , cn=alice, ou=local"}, base, true},
		{"request dn other spelling", Match{DN: aliceDN}, with(func(r *Request) { r.DN = "CN=4c07bc67-57ea-42dd-b702-c2d6c45419fc, CN=alice, OU=local" }), true},
		{"dn other user", Match{DN: "CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=bob,OU=local"}, base, false},
		{"request dn invalid", Match{DN: aliceDN}, with(func(r *Request) { r.DN = "garbage" }), false},
		{"request without dn", Match{DN: aliceDN}, with(func(r *Request) { r.DN = "" }), false},
		{"client", Match{Client: "admin"}, base, true},
		{"other client", Match{Client: "viewer"}, base, false},
		{"unknown client", Match{Client: "admin"}, with(func(r *Request) { r.Client = "" }), false},
		{"header value", Match{Headers: map[string]string{"x-test": "b"}}, base, true},
		{"header other value", Match{Headers: map[string]string{"X-Test": "c"}}, base, false},
		{"header present", Match{Headers: map[string]string{"X-TEST": "*"}}, base, true},
		{"header absent", Match{Headers: map[string]string{"X-Other": "*"}}, base, false},
		{"header nil request", Match{Headers: map[string]string{"X-Test": "*"}}, with(func(r *Request) { r.Header = nil }), false},
		{"all fields", Match{Vendor: "appgate", Route: "session-info", Method: "GET", Path: "/admin/*", DN: aliceDN, Client: "admin",
			Headers: map[string]string{"X-Test": "a", "Accept": "*"}}, base, true},
		{"all but one", Match{Vendor: "appgate", Route: "session-info", Method: "GET", Path: "/admin/*", DN: aliceDN, Client: "viewer"}, base, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Rule{Match: tt.match, Action: Action{Status: 500}}
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			m := r.normalized().Match
			req := tt.req
			if got := m.matches(&request{Request: &req}); got != tt.want {
				t.Errorf("matches = %v, want %v", got, tt.want)
			}
		})
	}
}
