package segura

import (
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/wire"
)

func TestRoutes(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range Routes() {
		if r.Vendor != wire.Segura || r.Name == "" || r.Summary == "" || !strings.HasPrefix(r.Pattern, "/") {
			t.Errorf("incomplete route %+v", r)
		}
		if seen[r.String()] {
			t.Errorf("route %s twice", r)
		}
		seen[r.String()] = true
	}
	if got := wire.Names(Routes()); !slices.Equal(got, []string{RouteToken, RouteRemoteSessions, RouteRemoteSession, RouteDrop}) {
		t.Errorf("route names %q", got)
	}
	if got := RemoteSessionRoute.Path("7"); got != "/api/session/remotesessions/7" {
		t.Errorf("one session's path %q", got)
	}
	for _, alias := range []wire.Route{RemoteSessionsPAMRoute, RemoteSessionsISORoute, RemoteSessionPAMRoute, RemoteSessionISORoute, DropISORoute} {
		if !strings.Contains(alias.Summary, "(alias of /api/") {
			t.Errorf("alias %s: summary %q does not name the route it spells", alias, alias.Summary)
		}
	}
	if got := DropRoute.Path("ab"); got != "/api/pam/session/drop/ab" {
		t.Errorf("drop path %q", got)
	}
}
