package contracttest

import (
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The routes the suite calls, named as its notes, errors and check
// descriptions name them: method and path relative to the base URL.
var (
	seguraTokenShown = shownRoute(segura.TokenRoute)
	loginShown       = shownRoute(appgate.LoginRoute)
	versionShown     = shownRoute(appgate.VersionRoute)
	sessionInfoShown = shownRoute(appgate.SessionInfoRoute)
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
