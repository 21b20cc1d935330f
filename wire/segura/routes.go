package segura

import "github.com/sessionmock/sessionmock/wire"

// Route names, as fault rules and the journal spell them.
const (
	RouteToken          = "token"
	RouteRemoteSessions = "remotesessions"
	RouteRemoteSession  = "remotesession"
)

// APIPrefix starts the paths the appliance itself answers, behind the
// gateway.
const APIPrefix = "/api/"

// Paths of the routes, absolute; the base URL of an appliance has no path.
const (
	PathToken          = "/iso/oauth2/token"
	PathTokenAPI       = APIPrefix + "oauth2/token"
	PathRemoteSessions = APIPrefix + "session/remotesessions"
	PathRemoteSession  = PathRemoteSessions + "/{id}"
)

// The routes of the Segura API.
var (
	TokenRoute = wire.Route{Vendor: wire.Segura, Name: RouteToken, Method: "POST", Pattern: PathToken,
		Summary: "Obtain an access token (OAuth 2.0 client credentials)"}
	TokenAPIRoute = wire.Route{Vendor: wire.Segura, Name: RouteToken, Method: "POST", Pattern: PathTokenAPI,
		Summary: "Obtain an access token (alias of " + PathToken + ")"}
	RemoteSessionsRoute = wire.Route{Vendor: wire.Segura, Name: RouteRemoteSessions, Method: "GET", Pattern: PathRemoteSessions,
		Summary: "List all remote sessions"}
	RemoteSessionRoute = wire.Route{Vendor: wire.Segura, Name: RouteRemoteSession, Method: "GET", Pattern: PathRemoteSession,
		Summary: "Get one remote session"}
)

// Routes returns the routes of the Segura API.
func Routes() []wire.Route {
	return []wire.Route{TokenRoute, TokenAPIRoute,
		RemoteSessionsRoute, RemoteSessionsPAMRoute, RemoteSessionsISORoute,
		RemoteSessionRoute, RemoteSessionPAMRoute, RemoteSessionISORoute,
		DropRoute, DropISORoute}
}
