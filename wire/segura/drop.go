package segura

import "github.com/sessionmock/sessionmock/wire"

// RouteDrop names the route that ends a session.
const RouteDrop = "drop"

// Older path spellings of the session routes, which the appliance still
// answers: /api/pam/... (the v3.x pages) and /iso/<module>/<function>
// (older releases).
const (
	PathRemoteSessionsPAM = APIPrefix + "pam/session/remotesessions"
	PathRemoteSessionPAM  = PathRemoteSessionsPAM + "/{id}"
	PathRemoteSessionsISO = "/iso/session/remotesessions"
	PathRemoteSessionISO  = PathRemoteSessionsISO + "/{id}"
	PathDrop              = APIPrefix + "pam/session/drop/{session_id}"
	PathDropISO           = "/iso/session/drop/{session_id}"
)

// The aliases of the session routes and the drop route. An alias shares
// the name of the route it spells differently.
var (
	RemoteSessionsPAMRoute = wire.Route{Vendor: wire.Segura, Name: RouteRemoteSessions, Method: "GET", Pattern: PathRemoteSessionsPAM,
		Summary: "List all remote sessions (alias of " + PathRemoteSessions + ")"}
	RemoteSessionsISORoute = wire.Route{Vendor: wire.Segura, Name: RouteRemoteSessions, Method: "GET", Pattern: PathRemoteSessionsISO,
		Summary: "List all remote sessions (alias of " + PathRemoteSessions + ")"}
	RemoteSessionPAMRoute = wire.Route{Vendor: wire.Segura, Name: RouteRemoteSession, Method: "GET", Pattern: PathRemoteSessionPAM,
		Summary: "Get one remote session (alias of " + PathRemoteSession + ")"}
	RemoteSessionISORoute = wire.Route{Vendor: wire.Segura, Name: RouteRemoteSession, Method: "GET", Pattern: PathRemoteSessionISO,
		Summary: "Get one remote session (alias of " + PathRemoteSession + ")"}
	DropRoute = wire.Route{Vendor: wire.Segura, Name: RouteDrop, Method: "DELETE", Pattern: PathDrop,
		Summary: "End a remote session"}
	DropISORoute = wire.Route{Vendor: wire.Segura, Name: RouteDrop, Method: "DELETE", Pattern: PathDropISO,
		Summary: "End a remote session (alias of " + PathDrop + ")"}
)

// Messages of the session routes.
const (
	// MsgDropped is the drop's success message; the Portuguese text differs
	// from the English one.
	MsgDropped       = "Session dropped successfully"
	MensagemDropped  = "Sessão encerrada com sucesso"
	MsgDroppedLegacy = "Sessão interrompida com sucesso" // both fields, release 3
	// MsgDropFailed is the drop's error, spelt as the vendor spells it.
	MsgDropFailed = "An error occurred while droping session"
	// MsgSessionNotFoundCoded and MsgUnexpectedIdentifier are the one-session
	// errors, which carry their code in the text and in an exception block.
	MsgSessionNotFoundCoded = "1002: Session not found"
	MsgUnexpectedIdentifier = "1003: Unexpected identifier type"

	CodeUnexpectedIdentifier = 1003
)

// Exception is the block the one-session errors carry besides the status:
// the error's code and message again, and a detail that is null.
type Exception struct {
	Code    int     `json:"code"`
	Message string  `json:"message"`
	Detail  *string `json:"detail"`
}
