package contracttest

import (
	"net/url"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The Segura drop, which the wire package does not name yet.
var seguraDropRoute = wire.Route{Vendor: wire.Segura, Name: "drop", Method: "DELETE",
	Pattern: "/api/pam/session/drop/{session_id}"}

// The routes of the Appgate client flows, as the suite names them.
var (
	activeSessionsRoute    = appgate.ActiveSessionsRoute
	identityProvidersRoute = appgate.IdentityProvidersRoute
	authenticationRoute    = appgate.AuthenticationRoute
	authorizationRoute     = appgate.AuthorizationRoute
	logoutRoute            = appgate.LogoutRoute
)

// What Segura answers for an unknown id and a drop.
const (
	codeUnknownID       = 1002
	msgUnknownID        = "1002: Session not found"
	msgDropped          = "Session dropped successfully"
	msgDroppedPT        = "Sessão encerrada com sucesso"
	msgDroppedLegacy    = "Sessão interrompida com sucesso"
	seguraReleaseLatest = 4
	seguraReleaseLegacy = 3
)

// The routes the suite calls, named as its notes, errors and check
// descriptions name them: method and path relative to the base URL.
var (
	seguraTokenShown    = shownRoute(segura.TokenRoute)
	oneSessionShown     = shownRoute(segura.RemoteSessionRoute)
	dropShown           = shownRoute(seguraDropRoute)
	loginShown          = shownRoute(appgate.LoginRoute)
	versionShown        = shownRoute(appgate.VersionRoute)
	sessionInfoShown    = shownRoute(appgate.SessionInfoRoute)
	activeShown         = shownRoute(activeSessionsRoute)
	providersShown      = shownRoute(identityProvidersRoute)
	authenticationShown = shownRoute(authenticationRoute)
	authorizationShown  = shownRoute(authorizationRoute)
	logoutShown         = shownRoute(logoutRoute)
)

// shownRoute reads "POST /login": the base URL of Appgate ends in the
// Admin API's base path, so paths are shown without it.
func shownRoute(rt wire.Route) string {
	path := rt.Pattern
	if rt.Vendor == wire.Appgate {
		path = strings.TrimPrefix(path, appgate.BasePath)
	}
	return rt.Method + " " + path
}

// oneSessionPath is the path of GET /api/session/remotesessions/{id}.
func oneSessionPath(id string) string {
	return segura.RemoteSessionRoute.Path(url.PathEscape(id))
}
