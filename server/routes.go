package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// routeEntry binds a vendor route to the handler that answers it.
type routeEntry struct {
	wire.Route
	handle func(s *Server, w http.ResponseWriter, r *http.Request)
}

// routeTable is every vendor route the mock answers. The router, the route
// names the fault rules and the journal use, the banner and the help are
// derived from it. Adding a route takes its entry in the vendor's wire
// package (name, method, path), one entry here with its handler, and its
// operation in the vendor's OpenAPI document; the tests hold the three
// together.
var routeTable = []routeEntry{
	// Segura PAM Core, behind its Kong gateway.
	{segura.TokenRoute, (*Server).seguraToken},
	{segura.TokenAPIRoute, (*Server).seguraToken},
	{segura.RemoteSessionsRoute, (*Server).seguraList},
	{segura.RemoteSessionsPAMRoute, (*Server).seguraList},
	{segura.RemoteSessionsISORoute, (*Server).seguraList},
	{segura.RemoteSessionRoute, (*Server).seguraOne},
	{segura.RemoteSessionPAMRoute, (*Server).seguraOne},
	{segura.RemoteSessionISORoute, (*Server).seguraOne},
	{segura.DropRoute, (*Server).seguraDrop},
	{segura.DropISORoute, (*Server).seguraDrop},

	// Appgate SDP Controller Admin API.
	{appgate.VersionRoute, (*Server).appgateVersion},
	{appgate.LoginRoute, (*Server).appgateLogin},
	{appgate.SessionInfoRoute, (*Server).appgateSessionInfo},
	{appgate.ActiveSessionsRoute, (*Server).appgateActiveSessions},
	{appgate.DashboardRoute, (*Server).appgateDashboard},
	{appgate.AuthenticationRoute, (*Server).appgateAuthentication},
	{appgate.AuthorizationRoute, (*Server).appgateAuthorization},
	{appgate.OTPInitializeRoute, (*Server).appgateOTPInitialize},
	{appgate.OTPRoute, (*Server).appgateOTP},
	{appgate.LogoutRoute, (*Server).appgateLogout},
	{appgate.IdentityProvidersRoute, (*Server).appgateIdentityProviders},
}

// Routes returns the vendor routes the server answers, in the order of its
// route table.
func Routes() []wire.Route {
	out := make([]wire.Route, len(routeTable))
	for i, e := range routeTable {
		out[i] = e.Route
	}
	return out
}

// routes builds the router: the middleware every request goes through,
// then the vendor routes of the table (see dispatch), and chi with the
// same routes, the admin API and the fallbacks for the other requests.
func (s *Server) routes() (http.Handler, error) {
	r := chi.NewRouter()
	d := newDispatch(r)
	for _, e := range routeTable {
		handle := e.handle
		h := s.vendorRoute(e.Vendor, e.Name, func(w http.ResponseWriter, r *http.Request) {
			handle(s, w, r)
		})
		r.Method(e.Method, e.Pattern, h)
		if err := d.add(e.Route, h); err != nil {
			return nil, err
		}
	}
	r.Mount(mockapi.Prefix, s.logAdmin(s.adminRoutes()))
	r.NotFound(s.fallback(s.notFound))
	r.MethodNotAllowed(s.fallback(s.methodNotAllowed))
	return s.recoverer(s.cors(d)), nil
}
