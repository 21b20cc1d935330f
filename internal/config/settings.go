package config

import (
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

// Settings is everything "sessionmock serve" was asked to do.
type Settings struct {
	Addr            string // listen address, host:port
	Seed            int64
	SeguraSessions  int
	AppgateSessions int
	// Fixtures is a file of pinned records ("" for none).
	Fixtures string
	// ConfigFile is the YAML file the settings were read from ("" for none).
	ConfigFile string

	// SeguraClients and AppgateUsers are the credentials the mock accepts,
	// with the --client-id/--username style overrides already applied to
	// the working entry (see WorkingClient and WorkingUser).
	SeguraClients []server.SeguraClient
	AppgateUsers  []server.AppgateUser

	TokenTTL          time.Duration
	PeerVersion       int
	LowestPeerVersion int
	// Validate checks incoming requests against the OpenAPI documents.
	Validate bool

	// TLS serves HTTPS. With TLSCert and TLSKey empty the certificate is
	// generated at start.
	TLS     bool
	TLSCert string
	TLSKey  string

	LogFormat string // "text" or "json"
	LogLevel  slog.Level

	// Latency, ErrorRate and ErrorStatus are the command line's short
	// forms of fault rules: a delay model for every vendor request, and a
	// share of them answered with an error status.
	Latency     string
	ErrorRate   float64
	ErrorStatus int
	// Faults are the fault rules of the config file's faults section, in
	// file order; they come after the short forms.
	Faults []fault.Rule

	AdminToken   string
	CORSOrigins  []string
	JournalSize  int // 0 turns the journal off
	SeguraTenant string
}

// FaultRules returns every fault rule the settings ask for: the short
// forms first, then the file's.
func (s Settings) FaultRules() ([]fault.Rule, error) {
	rules, err := fault.FromFlags(s.Latency, s.ErrorRate, s.ErrorStatus)
	if err != nil {
		return nil, err
	}
	return append(rules, s.Faults...), nil
}

// Defaults returns the settings of a run with no flags, variables or file:
// the documented defaults of the external interface.
func Defaults() Settings {
	return Settings{
		Addr:              "127.0.0.1:8080",
		Seed:              1,
		SeguraSessions:    fixtures.DefaultSeguraSessions,
		AppgateSessions:   fixtures.DefaultAppgateClients,
		SeguraClients:     server.DefaultSeguraClients(),
		AppgateUsers:      server.DefaultAppgateUsers(),
		TokenTTL:          server.DefaultTokenTTL,
		PeerVersion:       server.DefaultPeerVersion,
		LowestPeerVersion: server.DefaultLowestPeerVersion,
		Validate:          true,
		LogFormat:         "text",
		LogLevel:          slog.LevelInfo,
		ErrorStatus:       fault.DefaultErrorStatus,
		CORSOrigins:       []string{"*"},
		JournalSize:       server.DefaultJournalSize,
		SeguraTenant:      server.DefaultSeguraTenant,
	}
}

// WorkingClient returns the index of the Segura client the banner shows
// and --client-id/--client-secret replace: the first one allowed to list
// sessions, or the first one when none is.
func WorkingClient(clients []server.SeguraClient) int {
	for i, c := range clients {
		if c.ListSessions {
			return i
		}
	}
	return 0
}

// WorkingUser is WorkingClient for Appgate: the first user with the
// SessionInfo privilege, or the first one.
func WorkingUser(users []server.AppgateUser) int {
	for i, u := range users {
		if u.SessionInfo {
			return i
		}
	}
	return 0
}

// state is Settings while sources are being applied, plus the credential
// overrides, which can only be applied once the file has said which
// credential lists replace the defaults.
type state struct {
	Settings
	clientID, clientSecret       string
	provider, username, password string
}

// setting is one flag, its SESSIONMOCK_* variable and its config-file key.
type setting struct {
	name  string // flag name and config-file key
	meta  string // placeholder in the help; "" marks a boolean flag
	about string
	// path marks a file name; in a config file a relative one is taken
	// relative to the config file's directory.
	path  bool
	apply func(st *state, raw string) error
	// show renders the current value for the help's "(default ...)".
	show func(s *Settings) string
}

// serveSettings is the table behind the flags, the variables, the config
// file keys and the help text, so the four cannot drift apart.
func serveSettings() []setting {
	none := func(*Settings) string { return "" }
	working := func(s *Settings) server.SeguraClient { return s.SeguraClients[WorkingClient(s.SeguraClients)] }
	admin := func(s *Settings) server.AppgateUser { return s.AppgateUsers[WorkingUser(s.AppgateUsers)] }
	return []setting{
		{name: "addr", meta: "HOST:PORT", about: "listen address; port 0 picks a free port",
			apply: func(st *state, raw string) (err error) { st.Addr, err = parseAddr(raw); return },
			show:  func(s *Settings) string { return s.Addr }},
		{name: "seed", meta: "N", about: "seed of the generated records; the same seed gives the same data",
			apply: func(st *state, raw string) (err error) { st.Seed, err = parseInt64(raw); return },
			show:  func(s *Settings) string { return strconv.FormatInt(s.Seed, 10) }},
		{name: "config", meta: "FILE", about: "YAML file with any of these settings and full credential lists", path: true,
			apply: func(st *state, raw string) (err error) { st.ConfigFile, err = parseFile(raw); return },
			show:  none},
		{name: "segura-sessions", meta: "N", about: "number of generated Segura remote sessions",
			apply: func(st *state, raw string) (err error) { st.SeguraSessions, err = parseCount(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.SeguraSessions) }},
		{name: "appgate-sessions", meta: "N", about: "number of generated Appgate client sessions",
			apply: func(st *state, raw string) (err error) { st.AppgateSessions, err = parseCount(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.AppgateSessions) }},
		{name: "fixtures", meta: "FILE", about: "YAML or JSON file of pinned records served besides the generated ones", path: true,
			apply: func(st *state, raw string) (err error) { st.Fixtures, err = parseFile(raw); return },
			show:  none},
		{name: "client-id", meta: "ID", about: "id of the Segura client allowed to list sessions",
			apply: func(st *state, raw string) (err error) { st.clientID, err = parseText(raw); return },
			show:  func(s *Settings) string { return working(s).ID }},
		{name: "client-secret", meta: "SECRET", about: "secret of that Segura client",
			apply: func(st *state, raw string) (err error) { st.clientSecret, err = parseText(raw); return },
			show:  func(s *Settings) string { return working(s).Secret }},
		{name: "provider", meta: "NAME", about: "identity provider of the Appgate admin with the SessionInfo privilege",
			apply: func(st *state, raw string) (err error) { st.provider, err = parseText(raw); return },
			show:  func(s *Settings) string { return admin(s).Provider }},
		{name: "username", meta: "NAME", about: "username of that Appgate admin",
			apply: func(st *state, raw string) (err error) { st.username, err = parseText(raw); return },
			show:  func(s *Settings) string { return admin(s).Username }},
		{name: "password", meta: "PASSWORD", about: "password of that Appgate admin",
			apply: func(st *state, raw string) (err error) { st.password, err = parseText(raw); return },
			show:  func(s *Settings) string { return admin(s).Password }},
		{name: "token-ttl", meta: "DURATION", about: "lifetime of issued tokens",
			apply: func(st *state, raw string) (err error) { st.TokenTTL, err = parseTTL(raw); return },
			show:  func(s *Settings) string { return shortDuration(s.TokenTTL) }},
		{name: "peer-version", meta: "N", about: "highest Appgate peer API version accepted in the Accept header",
			apply: func(st *state, raw string) (err error) { st.PeerVersion, err = parseVersion(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.PeerVersion) }},
		{name: "lowest-peer-version", meta: "N", about: "lowest Appgate peer API version accepted",
			apply: func(st *state, raw string) (err error) { st.LowestPeerVersion, err = parseVersion(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.LowestPeerVersion) }},
		{name: "validate", about: "validate requests against the OpenAPI documents (--validate=false to turn off)",
			apply: func(st *state, raw string) (err error) { st.Validate, err = parseBool(raw); return },
			show:  func(s *Settings) string { return strconv.FormatBool(s.Validate) }},
		{name: "tls", about: "serve HTTPS with a self-signed certificate generated at start",
			apply: func(st *state, raw string) (err error) { st.TLS, err = parseBool(raw); return },
			show:  func(s *Settings) string { return strconv.FormatBool(s.TLS) }},
		{name: "tls-cert", meta: "FILE", about: "PEM certificate to serve HTTPS with (needs --tls-key)", path: true,
			apply: func(st *state, raw string) (err error) { st.TLSCert, err = parseFile(raw); return },
			show:  none},
		{name: "tls-key", meta: "FILE", about: "PEM private key of --tls-cert", path: true,
			apply: func(st *state, raw string) (err error) { st.TLSKey, err = parseFile(raw); return },
			show:  none},
		{name: "log-format", meta: "FORMAT", about: "request log format on stderr: text or json",
			apply: func(st *state, raw string) (err error) {
				st.LogFormat, err = parseChoice(raw, []string{"text", "json"})
				return
			},
			show: func(s *Settings) string { return s.LogFormat }},
		{name: "log-level", meta: "LEVEL", about: "lowest level logged: debug, info, warn or error",
			apply: func(st *state, raw string) (err error) { st.LogLevel, err = parseLogLevel(raw); return },
			show:  func(s *Settings) string { return levelName(s.LogLevel) }},
		{name: "latency", meta: "MODEL", about: "delay of every vendor answer: 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)",
			apply: func(st *state, raw string) (err error) { st.Latency, err = parseLatency(raw); return },
			show:  none},
		{name: "error-rate", meta: "P", about: "share of vendor requests answered with --error-status (0 to 1), drawn from the seed",
			apply: func(st *state, raw string) (err error) { st.ErrorRate, err = parseRate(raw); return },
			show:  func(s *Settings) string { return strconv.FormatFloat(s.ErrorRate, 'g', -1, 64) }},
		{name: "error-status", meta: "CODE", about: "status of the errors --error-rate injects, with the vendor's body for it",
			apply: func(st *state, raw string) (err error) { st.ErrorStatus, err = parseErrorStatus(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.ErrorStatus) }},
		{name: "admin-token", meta: "TOKEN", about: "bearer token the admin API under /__mock/ requires (health excepted)",
			apply: func(st *state, raw string) (err error) { st.AdminToken, err = parseText(raw); return },
			show:  none},
		{name: "cors-origins", meta: "LIST", about: "comma-separated browser origins allowed to call the mock; * for any",
			apply: func(st *state, raw string) (err error) { st.CORSOrigins, err = parseOrigins(raw); return },
			show:  func(s *Settings) string { return strings.Join(s.CORSOrigins, ",") }},
		{name: "journal-size", meta: "N", about: "requests kept in the journal (GET /__mock/requests); 0 turns it off",
			apply: func(st *state, raw string) (err error) { st.JournalSize, err = parseCount(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.JournalSize) }},
		{name: "segura-tenant", meta: "NAME", about: `tenant of the Segura session list ("senhasegura" for older releases)`,
			apply: func(st *state, raw string) (err error) { st.SeguraTenant, err = parseText(raw); return },
			show:  func(s *Settings) string { return s.SeguraTenant }},
	}
}

// shortDuration drops the zero tails time.Duration.String writes, so the
// help says 1h rather than 1h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// levelName is the inverse of parseLogLevel.
func levelName(l slog.Level) string {
	return strings.ToLower(l.String())
}

// EnvName is the environment variable of a flag: SESSIONMOCK_ and the
// flag name in upper case with dashes as underscores.
func EnvName(flag string) string {
	b := []byte("SESSIONMOCK_" + flag)
	for i, c := range b {
		switch {
		case c == '-':
			b[i] = '_'
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
