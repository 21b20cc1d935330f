package server

import (
	"log/slog"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// SeguraClient is an OAuth 2.0 client the mock's token endpoint accepts.
type SeguraClient struct {
	ID     string `json:"id" yaml:"id"`
	Secret string `json:"secret" yaml:"secret"`
	// ListSessions says whether the client's authorization carries the
	// "Credentials and Devices" permission needed to list remote sessions.
	ListSessions bool `json:"list_sessions" yaml:"list-sessions"`
	// DropSessions says whether it may also write, as ending a session
	// takes (with ListSessions).
	DropSessions bool `json:"drop_sessions" yaml:"drop-sessions"`
}

// AppgateUser is an administrator the mock's login endpoint accepts.
type AppgateUser struct {
	Provider string `json:"provider" yaml:"provider"`
	Username string `json:"username" yaml:"username"`
	Password string `json:"password" yaml:"password"`
	// SessionInfo says whether the user's admin role has the SessionInfo
	// privilege needed to read session-info.
	SessionInfo bool `json:"session_info" yaml:"session-info"`
	// OTP, when set, is the one-time password the user must give after
	// the password (admin MFA): sign-in then takes the controller's
	// two-step flow, and GET /admin/authorization answers 412 until it
	// is given.
	OTP string `json:"otp,omitempty" yaml:"otp"`
}

// Config is everything the mock server needs.
//
// Zero values follow one rule, the same as in fixtures.Options and the
// settings of "sessionmock serve": a field whose zero means "none" is
// taken as given (no fault rules, no admin token, JournalSize 0 keeps no
// journal), and only the fields for which nothing could not work take their
// documented default when zero: the credential lists, the tenant, the token
// lifetime, the peer versions, the CORS origins, the logger and the clock.
// DefaultConfig returns a Config with every default written out, as serve
// starts from it.
type Config struct {
	// World is the synthetic data the vendor routes serve. Required.
	World *fixtures.World

	// SeguraClients are the OAuth clients; empty means DefaultSeguraClients.
	SeguraClients []SeguraClient
	// AppgateUsers are the admin users; empty means DefaultAppgateUsers.
	AppgateUsers []AppgateUser
	// SeguraTenant is the "tenant" of the remote-session list (default
	// "Segura", or "senhasegura" for release 3).
	SeguraTenant string
	// SeguraRelease is the Segura release whose answers the mock gives: 4
	// (the default) or 3, the senhasegura era (see segura.Release3).
	SeguraRelease int
	// TokenTTL is the lifetime of issued tokens (default 3600 s).
	TokenTTL time.Duration
	// PeerVersion and LowestPeerVersion bound the Appgate API versions the
	// mock accepts in the Accept header (defaults 23 and 21).
	PeerVersion       int
	LowestPeerVersion int
	// DisableValidation turns off validation of incoming requests against
	// the embedded OpenAPI documents (on by default).
	DisableValidation bool
	// Faults are the fault-injection and latency rules the server starts
	// with, applied in order (see package fault); POST /__mock/reset comes
	// back to them.
	Faults []fault.Rule
	// CORSOrigins are the browser origins allowed to call the vendor
	// routes; "*" allows every origin; nil means "*". The admin API
	// answers CORS, and takes writes from a browser, only for the origins
	// named here one by one ("*" does not count).
	CORSOrigins []string
	// AdminToken, when set, must be sent as a bearer token to the admin API
	// under /__mock/ (except /__mock/health).
	AdminToken string
	// BodyTimeout is how long a client may take to send a request body
	// once its headers are in (Expect: 100-continue included), up to
	// MaxBodyTimeout; a body still missing then is answered 408 and its
	// connection closed. It bounds reading only: answers take as long as
	// they take. 0 is no time-out; serve keeps DefaultBodyTimeout.
	BodyTimeout time.Duration
	// TokenKey, when set, is the secret tokens are signed with; otherwise
	// the key derives from the seed and all the credentials, so a mock with
	// other credentials refuses this one's tokens.
	TokenKey string
	// JournalSize is how many requests the journal keeps, from 0 (no
	// journal) to MaxJournalSize; serve keeps DefaultJournalSize.
	JournalSize int
	// DisableMetrics turns off the Prometheus metrics of GET
	// /__mock/metrics (on by default; see metrics.go).
	DisableMetrics bool
	// Process describes, for GET /__mock/config, how the process around
	// the server listens, logs and reads its files; the server only
	// shows it.
	Process ProcessInfo
	// Logger receives one line per vendor request at info level and one
	// per admin call at debug level (see requestlog.go); nil discards.
	Logger *slog.Logger
	// Clock is the world's clock, which decides what exists when a request
	// comes; nil means a fixed clock at the world's start instant. A given
	// clock must start at World.Start().
	Clock *clock.Clock
	// Now is the clock used for token expiry; nil means Clock.Now, so that
	// moving the clock moves tokens towards their expiry.
	Now func() time.Time
	// Wall is the wall clock, in which the login answer reports when its
	// token expires (clients compare it with their own clock); nil means
	// time.Now.
	Wall func() time.Time
}

// Defaults of the documented external interface. The Appgate controller
// imitated is release 6.7 (API 24), the one the vendor's CLI and Terraform
// provider build against; it accepts its version and the two before.
const (
	DefaultTokenTTL          = 3600 * time.Second
	DefaultAppgateRelease    = "6.7"
	DefaultPeerVersion       = 24
	DefaultLowestPeerVersion = 22
)

// MaxJournalSize bounds Config.JournalSize: the journal is allocated whole
// at start, and GET /__mock/requests answers with all of it.
const MaxJournalSize = 100_000

// DefaultConfig returns the configuration of a mock started with no flags,
// every default written out; World is left for the caller.
func DefaultConfig() Config {
	return Config{
		SeguraClients:     DefaultSeguraClients(),
		AppgateUsers:      DefaultAppgateUsers(),
		SeguraTenant:      DefaultSeguraTenant,
		SeguraRelease:     segura.DefaultRelease,
		TokenTTL:          DefaultTokenTTL,
		PeerVersion:       DefaultPeerVersion,
		LowestPeerVersion: DefaultLowestPeerVersion,
		CORSOrigins:       []string{"*"},
		JournalSize:       DefaultJournalSize,
		BodyTimeout:       DefaultBodyTimeout,
	}
}

// DefaultSeguraClients returns the clients a fresh mock accepts: one that
// may list and end sessions, one that may list them but not end them, and
// one whose authorization lacks the permission to read them at all.
func DefaultSeguraClients() []SeguraClient {
	return []SeguraClient{
		{ID: "sessionmock", Secret: "sessionmock-secret", ListSessions: true, DropSessions: true},
		{ID: "read-only", Secret: "read-only-secret", ListSessions: true, DropSessions: false},
		{ID: "no-sessions", Secret: "no-sessions-secret", ListSessions: false},
	}
}

// DefaultAppgateUsers returns the admins a fresh mock accepts, all on the
// "local" identity provider: admin/admin with the SessionInfo privilege,
// viewer/viewer without it, and otp-admin/otp-admin, who has it but must
// give the one-time password 123456 to sign in.
func DefaultAppgateUsers() []AppgateUser {
	return []AppgateUser{
		{Provider: "local", Username: "admin", Password: "admin", SessionInfo: true},
		{Provider: "local", Username: "viewer", Password: "viewer", SessionInfo: false},
		{Provider: "local", Username: "otp-admin", Password: "otp-admin", SessionInfo: true, OTP: "123456"},
	}
}

// DefaultSeguraTenant is the tenant name current Segura releases report.
const DefaultSeguraTenant = "Segura"
