package appgate

import (
	"net/url"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
)

// BasePath is where the Admin API lives on a controller
// (https://ctrl.example:8443/admin); the vendor's clients take it as part
// of their base URL.
const BasePath = "/admin"

// Route names, as fault rules and the journal spell them.
const (
	RouteVersion     = "version"
	RouteLogin       = "login"
	RouteSessionInfo = "session-info"
)

const sessionInfoPrefix = BasePath + "/session-info/"

// Paths of the routes, absolute.
const (
	PathVersion     = BasePath + "/version"
	PathLogin       = BasePath + "/login"
	PathSessionInfo = sessionInfoPrefix + "{distinguished-name}"
)

// The routes of the Admin API.
var (
	VersionRoute = wire.Route{Vendor: wire.Appgate, Name: RouteVersion, Method: "GET", Pattern: PathVersion,
		Summary: "Get the Controller's peer API versions"}
	LoginRoute = wire.Route{Vendor: wire.Appgate, Name: RouteLogin, Method: "POST", Pattern: PathLogin,
		Summary: "Authenticate an administrator"}
	SessionInfoRoute = wire.Route{Vendor: wire.Appgate, Name: RouteSessionInfo, Method: "GET", Pattern: PathSessionInfo,
		Summary: "Get details of a specific Active Client Session"}
)

// Routes returns the routes of the Admin API.
func Routes() []wire.Route {
	return []wire.Route{VersionRoute, LoginRoute, SessionInfoRoute}
}

// SessionInfoPath is the path of dn's session-info with dn escaped as one
// path segment, commas as %2C, as the vendor's official client sends it.
func SessionInfoPath(dn string) string {
	return SessionInfoRoute.Path(url.PathEscape(dn))
}

// SessionInfoDN returns the distinguished name in a decoded session-info
// path, as the client spelled it, and whether path is one.
func SessionInfoDN(path string) (string, bool) {
	return strings.CutPrefix(path, sessionInfoPrefix)
}

// IsAdminPath reports whether a path belongs to the Admin API.
func IsAdminPath(path string) bool {
	return path == BasePath || strings.HasPrefix(path, BasePath+"/")
}
