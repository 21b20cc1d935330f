package contracttest

import (
	"net/url"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// Routes of the client flows (the vendors' tools call them around the seed
// endpoints) and the facts the suite holds their answers to, from the
// vendors' documents.
var (
	seguraDropRoute = wire.Route{Vendor: wire.Segura, Name: "drop", Method: "DELETE",
		Pattern: "/api/pam/session/drop/{session_id}"}
	activeSessionsRoute = wire.Route{Vendor: wire.Appgate, Name: "active-sessions", Method: "GET",
		Pattern: appgate.BasePath + "/stats/active-sessions/dn"}
	identityProvidersRoute = wire.Route{Vendor: wire.Appgate, Name: "identity-providers", Method: "GET",
		Pattern: appgate.BasePath + "/identity-providers/names"}
	authenticationRoute = wire.Route{Vendor: wire.Appgate, Name: "authentication", Method: "POST",
		Pattern: appgate.BasePath + "/authentication"}
	authorizationRoute = wire.Route{Vendor: wire.Appgate, Name: "authorization", Method: "GET",
		Pattern: appgate.BasePath + "/authorization"}
	logoutRoute = wire.Route{Vendor: wire.Appgate, Name: "logout", Method: "POST",
		Pattern: appgate.BasePath + "/authentication/logout"}
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
