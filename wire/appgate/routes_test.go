package appgate

import (
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/wire"
)

func TestRoutes(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range Routes() {
		if r.Vendor != wire.Appgate || r.Name == "" || r.Summary == "" || (r.Method != "GET" && r.Method != "POST") {
			t.Errorf("incomplete route %+v", r)
		}
		if !IsAdminPath(r.Pattern) {
			t.Errorf("route %s is outside %s", r, BasePath)
		}
		if seen[r.String()] {
			t.Errorf("route %s twice", r)
		}
		seen[r.String()] = true
	}
	if names := wire.Names(Routes()); len(names) != 11 || names[2] != RouteSessionInfo || names[10] != RouteIdentityProviders {
		t.Errorf("route names %q", names)
	}
}

func TestSessionInfoPath(t *testing.T) {
	t.Parallel()
	dn := DN{DeviceID: "4c07bc6757ea42ddb702c2d6c45419fc", Username: "doe, john/x", Provider: "ldap"}
	p := SessionInfoPath(dn.String())
	if want := `/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc%2CCN=doe%5C%2C%20john%2Fx%2COU=ldap`; p != want {
		t.Fatalf("SessionInfoPath = %q, want %q", p, want)
	}
	got, ok := SessionInfoDN("/admin/session-info/" + dn.String())
	if !ok || got != dn.String() {
		t.Fatalf("SessionInfoDN = %q, %v", got, ok)
	}
	for _, p := range []string{"/admin/login", "/admin/session-info", "/session-info/x"} {
		if _, ok := SessionInfoDN(p); ok {
			t.Errorf("SessionInfoDN(%q) took it for a session-info path", p)
		}
	}
}

func TestIsAdminPath(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]bool{
		"/admin": true, "/admin/": true, "/admin/login": true,
		"/administrator": false, "/api/admin": false, "/": false,
	} {
		if got := IsAdminPath(p); got != want {
			t.Errorf("IsAdminPath(%q) = %v", p, got)
		}
	}
	if !strings.HasPrefix(PathSessionInfo, sessionInfoPrefix) {
		t.Errorf("the session-info pattern %q does not start with its prefix", PathSessionInfo)
	}
}
