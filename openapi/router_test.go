package openapi

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/routers"
)

func TestNewRouterMatchesPathOnly(t *testing.T) {
	tests := []struct {
		vendor, target, host, wantPath string
	}{
		{Segura, "/api/session/remotesessions", "pam.example", "/api/session/remotesessions"},
		{Segura, "/api/session/remotesessions", "127.0.0.1:8080", "/api/session/remotesessions"},
		{Segura, "http://localhost:9/iso/oauth2/token", "localhost:9", "/iso/oauth2/token"},
		{Appgate, "/admin/version", "ctrl.example:8443", "/version"},
		{Appgate, "/admin/login", "[::1]:1234", "/login"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+tt.target+"@"+tt.host, func(t *testing.T) {
			doc := mustLoad(t, tt.vendor)
			router, err := NewRouter(doc, tt.vendor)
			if err != nil {
				t.Fatal(err)
			}
			method := "GET"
			if tt.wantPath == "/iso/oauth2/token" || tt.wantPath == "/login" {
				method = "POST"
			}
			r := httptest.NewRequest(method, tt.target, nil)
			r.Host = tt.host
			route, _, err := router.FindRoute(r)
			if err != nil {
				t.Fatalf("FindRoute: %v", err)
			}
			if route.Path != tt.wantPath {
				t.Fatalf("route %q, want %q", route.Path, tt.wantPath)
			}
			// The caller's document keeps its real servers.
			if doc.Servers[0].URL == "/" || doc.Servers[0].URL == "/admin" {
				t.Fatalf("NewRouter rewrote the caller's servers to %q", doc.Servers[0].URL)
			}
		})
	}
}

// Appgate's paths live under /admin; without it nothing matches, and Segura's
// paths are not reachable under /admin.
func TestNewRouterBasePath(t *testing.T) {
	tests := []struct{ vendor, target string }{
		{Appgate, "/version"},
		{Appgate, "/session-info/CN=a,CN=b,OU=c"},
		{Segura, "/admin/api/session/remotesessions"},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+tt.target, func(t *testing.T) {
			router, err := NewRouter(mustLoad(t, tt.vendor), tt.vendor)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := router.FindRoute(httptest.NewRequest("GET", tt.target, nil)); !errors.Is(err, routers.ErrPathNotFound) {
				t.Fatalf("FindRoute(%s) error = %v, want ErrPathNotFound", tt.target, err)
			}
		})
	}
}

func TestNewRouterErrors(t *testing.T) {
	if _, err := NewRouter(mustLoad(t, Segura), "okta"); !errors.Is(err, ErrUnknownVendor) {
		t.Errorf("unknown vendor: error = %v, want ErrUnknownVendor", err)
	}
	if _, err := NewRouter(nil, Segura); err == nil {
		t.Error("nil document: no error")
	}
}
