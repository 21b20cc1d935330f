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
	RouteVersion           = "version"
	RouteLogin             = "login"
	RouteSessionInfo       = "session-info"
	RouteActiveSessions    = "active-sessions"
	RouteDashboard         = "active-sessions-dashboard"
	RouteAuthentication    = "authentication"
	RouteAuthorization     = "authorization"
	RouteOTPInitialize     = "otp-initialize"
	RouteOTP               = "otp"
	RouteLogout            = "logout"
	RouteIdentityProviders = "identity-providers"
)

const sessionInfoPrefix = BasePath + "/session-info/"

// Paths of the routes, absolute.
const (
	PathVersion           = BasePath + "/version"
	PathLogin             = BasePath + "/login"
	PathSessionInfo       = sessionInfoPrefix + "{distinguished-name}"
	PathActiveSessions    = BasePath + "/stats/active-sessions/dn"
	PathDashboard         = BasePath + "/stats/active-sessions/dashboard"
	PathAuthentication    = BasePath + "/authentication"
	PathAuthorization     = BasePath + "/authorization"
	PathOTPInitialize     = BasePath + "/authentication/otp/initialize"
	PathOTP               = BasePath + "/authentication/otp"
	PathLogout            = BasePath + "/authentication/logout"
	PathIdentityProviders = BasePath + "/identity-providers/names"
)

// The routes of the Admin API.
var (
	VersionRoute = wire.Route{Vendor: wire.Appgate, Name: RouteVersion, Method: "GET", Pattern: PathVersion,
		Summary: "Get the Controller's peer API versions"}
	LoginRoute = wire.Route{Vendor: wire.Appgate, Name: RouteLogin, Method: "POST", Pattern: PathLogin,
		Summary: "Authenticate an administrator"}
	SessionInfoRoute = wire.Route{Vendor: wire.Appgate, Name: RouteSessionInfo, Method: "GET", Pattern: PathSessionInfo,
		Summary: "Get details of a specific Active Client Session"}
	ActiveSessionsRoute = wire.Route{Vendor: wire.Appgate, Name: RouteActiveSessions, Method: "GET", Pattern: PathActiveSessions,
		Summary: "Active Client Sessions grouped by Distinguished Name"}
	DashboardRoute = wire.Route{Vendor: wire.Appgate, Name: RouteDashboard, Method: "GET", Pattern: PathDashboard,
		Summary: "Dashboard data of the active sessions"}
	AuthenticationRoute = wire.Route{Vendor: wire.Appgate, Name: RouteAuthentication, Method: "POST", Pattern: PathAuthentication,
		Summary: "Authenticate, first step of the two-step sign-in"}
	AuthorizationRoute = wire.Route{Vendor: wire.Appgate, Name: RouteAuthorization, Method: "GET", Pattern: PathAuthorization,
		Summary: "Authorize, last step of the two-step sign-in"}
	OTPInitializeRoute = wire.Route{Vendor: wire.Appgate, Name: RouteOTPInitialize, Method: "POST", Pattern: PathOTPInitialize,
		Summary: "Start the one-time password step"}
	OTPRoute = wire.Route{Vendor: wire.Appgate, Name: RouteOTP, Method: "POST", Pattern: PathOTP,
		Summary: "Give the one-time password"}
	LogoutRoute = wire.Route{Vendor: wire.Appgate, Name: RouteLogout, Method: "POST", Pattern: PathLogout,
		Summary: "Log out"}
	IdentityProvidersRoute = wire.Route{Vendor: wire.Appgate, Name: RouteIdentityProviders, Method: "GET", Pattern: PathIdentityProviders,
		Summary: "The identity providers available for admin sign-in"}
)

// Routes returns the routes of the Admin API.
func Routes() []wire.Route {
	return []wire.Route{VersionRoute, LoginRoute, SessionInfoRoute, ActiveSessionsRoute, DashboardRoute,
		AuthenticationRoute, AuthorizationRoute, OTPInitializeRoute, OTPRoute, LogoutRoute, IdentityProvidersRoute}
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
