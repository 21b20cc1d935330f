package config

import (
	"cmp"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// Settings is everything "sessionmock serve" was asked to do.
//
// The settings of the records and of the server are the very options
// those packages take, embedded, so the settings table writes them and
// nothing copies them field by field: fixtures.Options (Seed,
// SeguraSessions, AppgateClients) and server.Config (credentials, tenant,
// token lifetime, peer versions, validation, fault rules, CORS, admin
// token, journal size, body time-out). Zero means the same in all three: see
// server.Config. The fields only a running process can fill (Pinned,
// World, Logger, Now) stay empty here; NewWorld and ServerConfig fill them.
type Settings struct {
	fixtures.Options
	server.Config

	Addr string // listen address, host:port
	// Fixtures is a file of pinned records ("" for none).
	Fixtures string
	// ConfigFile is the YAML file the settings were read from ("" for none).
	ConfigFile string

	// TLS serves HTTPS. With TLSCert and TLSKey empty the certificate is
	// generated at start.
	TLS     bool
	TLSCert string
	TLSKey  string

	LogFormat string // "text" or "json"
	LogLevel  slog.Level
	// Quiet drops the request log: only warnings and errors are logged.
	Quiet bool
	// ConfigPoll is how often the ConfigFile is checked for a change to
	// reload; 0 leaves reloads to SIGHUP.
	ConfigPoll time.Duration

	// Latency, ErrorRate and ErrorStatus are the command line's short
	// forms of fault rules: a delay model for every vendor request, and a
	// share of them answered with an error status. Config.Faults holds
	// the rules they make, followed by the config file's.
	Latency     string
	ErrorRate   float64
	ErrorStatus int

	// ClockMode is --clock: fixed (the default) or live, and the start
	// instant a fixed clock was given in its place, which also lands in
	// Options.Timeline.Start.
	ClockMode clock.Setting

	// AppgateRelease is the Appgate appliance release imitated ("6.7"): it
	// sets the peer versions that --peer-version and --lowest-peer-version
	// do not.
	AppgateRelease string
}

// NewWorld builds the records the settings describe, with the pinned
// records of the Fixtures file when one is named.
func (s Settings) NewWorld() (*fixtures.World, error) {
	return newWorld(s.worldOptions(time.Now()), s.Fixtures)
}

// newWorld builds the records of opts, with the pinned records of
// pinnedFile when one is named; serve and fixtures share it.
func newWorld(opts fixtures.Options, pinnedFile string) (*fixtures.World, error) {
	if pinnedFile != "" {
		p, err := fixtures.LoadPinnedFile(pinnedFile)
		if err != nil {
			return nil, err
		}
		opts.Pinned = p
	}
	return fixtures.NewWorld(opts)
}

// ServerConfig is the configuration of the server that serves world and
// logs to logger.
func (s Settings) ServerConfig(world *fixtures.World, logger *slog.Logger) server.Config {
	c := s.Config
	c.World = world
	c.Logger = logger
	// The world's start instant is inside the clock's range (NewWorld
	// checked it), so the clock can always be built.
	c.Clock, _ = s.newClock(world)
	c.Process = server.ProcessInfo{
		Addr: s.Addr, TLS: "off", TLSCert: s.TLSCert,
		LogFormat: s.LogFormat, LogLevel: levelName(s.LogLevel), Quiet: s.Quiet,
		Fixtures: s.Fixtures, ConfigFile: s.ConfigFile, ConfigPoll: cli.ShortDuration(s.ConfigPoll),
	}
	switch {
	case s.TLSCert != "":
		c.Process.TLS = "file"
	case s.TLS:
		c.Process.TLS = "self-signed"
	}
	return c
}

// EffectiveLevel is the lowest level the log shows: LogLevel, or warn
// when Quiet drops the request lines (info) and the admin ones (debug).
func (s Settings) EffectiveLevel() slog.Level {
	if s.Quiet {
		return max(s.LogLevel, slog.LevelWarn)
	}
	return s.LogLevel
}

// Bounds of the serve settings. Each is shown in the help as the range and
// named in the error for a value outside it.
var (
	// Records are generated on demand and lists are streamed, so the
	// counts cost no memory; the bound keeps ids and times far inside
	// their ranges.
	sessionCounts = cli.Ints{Min: 0, Max: MaxSessions}
	journalSizes  = cli.Ints{Min: 0, Max: server.MaxJournalSize}
	// The vendor's peer API versions are two-digit numbers today.
	peerVersions = cli.Ints{Min: 1, Max: 999}
	// The token endpoint reports expires_in in whole seconds, so a
	// lifetime under a second could not be told from an expired token.
	tokenTTLs     = cli.Durations{Min: time.Second, Max: 8760 * time.Hour}
	errorRates    = cli.Floats{Min: 0, Max: 1}
	errorStatuses = cli.Ints{Min: fault.MinErrorStatus, Max: fault.MaxErrorStatus, What: fault.ErrorStatusWhat}
	originCounts  = cli.Ints{Min: 1, Max: MaxOrigins}
	bodyTimeouts  = cli.Durations{Min: 0, Max: server.MaxBodyTimeout}
	// A poll reads the whole config file; more often than every 100ms
	// would be a busy loop for no one's benefit.
	configPolls = cli.Durations{Min: 100 * time.Millisecond, Max: time.Hour}
)

// DefaultConfigPoll is how often a config file is checked for changes.
const DefaultConfigPoll = 5 * time.Second

// MaxSessions bounds --segura-sessions, --appgate-sessions and the count
// of "sessionmock fixtures".
const MaxSessions = 1_000_000_000

// MaxOrigins bounds the origins --cors-origins lists.
const MaxOrigins = 100

// Defaults returns the settings of a run with no flags, variables or file:
// the documented defaults of the external interface.
func Defaults() Settings {
	return Settings{
		Options: fixtures.Options{
			Seed:           1,
			SeguraSessions: fixtures.DefaultSeguraSessions,
			AppgateClients: fixtures.DefaultAppgateClients,
			Timeline: fixtures.Timeline{
				SeguraRate: fixtures.DefaultSeguraRate, SeguraInProgress: fixtures.InProgressNull,
				AppgateRate: fixtures.DefaultAppgateRate, AppgateGrace: fixtures.DefaultAppgateGrace,
			},
		},
		Config:         server.DefaultConfig(),
		Addr:           "127.0.0.1:8080",
		AppgateRelease: server.DefaultAppgateRelease,
		LogFormat:      "text",
		LogLevel:       slog.LevelInfo,
		ConfigPoll:     DefaultConfigPoll,
		ErrorStatus:    fault.DefaultErrorStatus,
		ClockMode:      clock.Setting{Mode: clock.Fixed},
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

// state is Settings while sources are being applied, plus what can only
// be applied once every source is read: the credential overrides (the
// file may replace the lists they change) and the file's fault rules
// (the short forms' rules go first).
type state struct {
	Settings
	clientID, clientSecret       string
	provider, username, password string
	fileFaults                   []fault.Rule
}

// setting is one flag, its SESSIONMOCK_* variable and its config-file key.
type setting struct {
	name  string // flag name and config-file key
	meta  string // placeholder in the help; "" marks a boolean flag
	about string
	// limits is the range of values allowed, for the help ("" for none).
	limits string
	// path marks a file name; in a config file a relative one is taken
	// relative to the config file's directory.
	path  bool
	apply func(st *state, raw string) error
	// show renders the current value for the help's "(default ...)".
	show func(s *Settings) string
	// reload marks a setting a running server takes from a reloaded
	// configuration (see Settings.Reload); the others need a restart.
	reload bool
	// world marks, among the reload settings, those that lay out the
	// world's history: reloading a change to one restarts the world (see
	// Settings.Reload).
	world bool
	// value renders the current value where show renders none (secrets,
	// file names), for telling whether a reload changes it; nil means
	// show.
	value func(s *Settings) string
}

// current renders the setting's value in s, to compare two settings.
func (set *setting) current(s *Settings) string {
	if set.value != nil {
		return set.value(s)
	}
	return set.show(s)
}

// flag is the setting as the command line knows it.
func (set *setting) flag(defaults *Settings, withEnv bool) cli.Flag {
	f := cli.Flag{Name: set.name, Meta: set.meta, Usage: set.about, Default: set.show(defaults), Range: set.limits, Reloads: set.reload}
	if withEnv {
		f.Env = cli.EnvName(set.name)
	}
	return f
}

func flagsOf(table []setting, withEnv bool) []cli.Flag {
	defaults := Defaults()
	out := make([]cli.Flag, len(table))
	for i := range table {
		out[i] = table[i].flag(&defaults, withEnv)
	}
	return out
}

// ServeFlags are the flags of "sessionmock serve", each with its variable.
func ServeFlags() []cli.Flag { return flagsOf(serveSettings(), true) }

// EnvNames are the variables "sessionmock serve" reads.
func EnvNames() []string { return cli.EnvNames(ServeFlags()) }

// serveSettings is the table behind the flags, the variables, the config
// file keys and the help text, so the four cannot drift apart.
func serveSettings() []setting {
	none := func(*Settings) string { return "" }
	working := func(s *Settings) server.SeguraClient { return s.SeguraClients[WorkingClient(s.SeguraClients)] }
	admin := func(s *Settings) server.AppgateUser { return s.AppgateUsers[WorkingUser(s.AppgateUsers)] }
	return []setting{
		{name: "addr", meta: "HOST:PORT", about: "listen address; port 0 picks a free port",
			apply: func(st *state, raw string) (err error) { st.Addr, err = cli.Addr(raw); return },
			show:  func(s *Settings) string { return s.Addr }},
		{name: "seed", meta: "N", about: "seed of the generated records; the same seed gives the same data",
			apply: func(st *state, raw string) (err error) { st.Seed, err = cli.AnyInt64.Parse(raw); return },
			show:  func(s *Settings) string { return strconv.FormatInt(s.Seed, 10) }},
		{name: "config", meta: "FILE", about: "YAML file with any of these settings and full credential lists", path: true,
			apply: func(st *state, raw string) (err error) { st.ConfigFile, err = cli.File(raw); return },
			show:  none, value: func(s *Settings) string { return s.ConfigFile }},
		{name: "config-poll", meta: "DURATION", about: "how often the --config file is checked for changes to reload; 0 for SIGHUP only",
			limits: "0 or " + configPolls.String(),
			apply:  func(st *state, raw string) (err error) { st.ConfigPoll, err = parseConfigPoll(raw); return },
			show:   func(s *Settings) string { return cli.ShortDuration(s.ConfigPoll) }},
		{name: "segura-sessions", meta: "N", about: "number of generated Segura remote sessions", limits: sessionCounts.String(),
			apply: func(st *state, raw string) (err error) { st.SeguraSessions, err = sessionCounts.Int(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.SeguraSessions) }},
		{name: "appgate-sessions", meta: "N", about: "number of generated Appgate client sessions", limits: sessionCounts.String(),
			apply: func(st *state, raw string) (err error) { st.AppgateClients, err = sessionCounts.Int(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.AppgateClients) }},
		{name: "fixtures", meta: "FILE", about: "YAML or JSON file of pinned records served besides the generated ones", path: true,
			apply: func(st *state, raw string) (err error) { st.Fixtures, err = cli.File(raw); return },
			show:  none, value: func(s *Settings) string { return s.Fixtures }},
		{name: "client-id", meta: "ID", about: "id of the Segura client allowed to list sessions",
			apply: func(st *state, raw string) (err error) { st.clientID, err = parseText(raw); return },
			show:  func(s *Settings) string { return working(s).ID }, reload: true},
		{name: "client-secret", meta: "SECRET", about: "secret of that Segura client",
			apply: func(st *state, raw string) (err error) { st.clientSecret, err = parseText(raw); return },
			show:  func(s *Settings) string { return working(s).Secret }, reload: true},
		{name: "provider", meta: "NAME", about: "identity provider of the Appgate admin with the SessionInfo privilege",
			apply: func(st *state, raw string) (err error) { st.provider, err = parseText(raw); return },
			show:  func(s *Settings) string { return admin(s).Provider }, reload: true},
		{name: "username", meta: "NAME", about: "username of that Appgate admin",
			apply: func(st *state, raw string) (err error) { st.username, err = parseText(raw); return },
			show:  func(s *Settings) string { return admin(s).Username }, reload: true},
		{name: "password", meta: "PASSWORD", about: "password of that Appgate admin",
			apply: func(st *state, raw string) (err error) { st.password, err = parseText(raw); return },
			show:  func(s *Settings) string { return admin(s).Password }, reload: true},
		{name: "token-ttl", meta: "DURATION", about: "lifetime of issued tokens", limits: tokenTTLs.String(),
			apply: func(st *state, raw string) (err error) { st.TokenTTL, err = tokenTTLs.Parse(raw); return },
			show:  func(s *Settings) string { return cli.ShortDuration(s.TokenTTL) }},
		{name: "appgate-release", meta: "RELEASE", about: "Appgate appliance release to imitate: its peer API version and the two before are accepted",
			limits: releaseRange(),
			apply:  func(st *state, raw string) (err error) { st.AppgateRelease, err = parseAppgateRelease(raw); return },
			show:   func(s *Settings) string { return s.AppgateRelease }},
		{name: "token-key", meta: "SECRET", about: "key that signs the tokens; without it the key derives from the seed and every credential",
			apply: func(st *state, raw string) (err error) { st.TokenKey, err = parseText(raw); return },
			show:  none, value: func(s *Settings) string { return s.TokenKey }},
		{name: "peer-version", meta: "N", about: "highest Appgate peer API version accepted in the Accept header (overrides --appgate-release)", limits: peerVersions.String(),
			apply: func(st *state, raw string) (err error) { st.PeerVersion, err = peerVersions.Int(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.PeerVersion) }},
		{name: "lowest-peer-version", meta: "N", about: "lowest Appgate peer API version accepted (overrides --appgate-release)", limits: peerVersions.String(),
			apply: func(st *state, raw string) (err error) { st.LowestPeerVersion, err = peerVersions.Int(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.LowestPeerVersion) }},
		{name: "validate", about: "validate requests against the OpenAPI documents (--validate=false to turn off)",
			apply: func(st *state, raw string) error {
				v, err := parseBool(raw)
				st.DisableValidation = !v
				return err
			},
			show: func(s *Settings) string { return strconv.FormatBool(!s.DisableValidation) }},
		{name: "tls", about: "serve HTTPS with a self-signed certificate generated at start",
			apply: func(st *state, raw string) (err error) { st.TLS, err = parseBool(raw); return },
			show:  func(s *Settings) string { return strconv.FormatBool(s.TLS) }},
		{name: "tls-cert", meta: "FILE", about: "PEM certificate to serve HTTPS with (needs --tls-key)", path: true,
			apply: func(st *state, raw string) (err error) { st.TLSCert, err = cli.File(raw); return },
			show:  none, value: func(s *Settings) string { return s.TLSCert }},
		{name: "tls-key", meta: "FILE", about: "PEM private key of --tls-cert", path: true,
			apply: func(st *state, raw string) (err error) { st.TLSKey, err = cli.File(raw); return },
			show:  none, value: func(s *Settings) string { return s.TLSKey }},
		{name: "log-format", meta: "FORMAT", about: "request log format on stderr: text or json",
			apply: func(st *state, raw string) (err error) { st.LogFormat, err = cli.Choice(raw, "text", "json"); return },
			show:  func(s *Settings) string { return s.LogFormat }},
		{name: "log-level", meta: "LEVEL", about: "lowest level logged: debug, info, warn or error",
			apply: func(st *state, raw string) (err error) { st.LogLevel, err = parseLogLevel(raw); return },
			show:  func(s *Settings) string { return levelName(s.LogLevel) }, reload: true},
		{name: "quiet", about: "no request log: only warnings and errors",
			apply: func(st *state, raw string) (err error) { st.Quiet, err = parseBool(raw); return },
			show:  func(s *Settings) string { return strconv.FormatBool(s.Quiet) }, reload: true},
		{name: "latency", meta: "MODEL", about: "delay of every vendor answer: 50ms, 20ms-200ms, normal(100ms,20ms) or lognormal(100ms,0.5)",
			limits: "0 to " + cli.ShortDuration(fault.MaxDelay),
			apply:  func(st *state, raw string) (err error) { st.Latency, err = parseLatency(raw); return },
			show:   none, reload: true, value: func(s *Settings) string { return s.Latency }},
		{name: "error-rate", meta: "P", about: "share of vendor requests answered with --error-status, drawn from the seed", limits: errorRates.String(),
			apply: func(st *state, raw string) (err error) { st.ErrorRate, err = errorRates.Parse(raw); return },
			show:  func(s *Settings) string { return strconv.FormatFloat(s.ErrorRate, 'g', -1, 64) }, reload: true},
		{name: "error-status", meta: "CODE", about: "status of the errors --error-rate injects, with the vendor's body for it", limits: errorStatuses.String(),
			apply: func(st *state, raw string) (err error) { st.ErrorStatus, err = errorStatuses.Int(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.ErrorStatus) }, reload: true},
		{name: "admin-token", meta: "TOKEN", about: "bearer token the admin API under /__mock/ requires (health excepted)",
			apply: func(st *state, raw string) (err error) { st.AdminToken, err = parseText(raw); return },
			show:  none, value: func(s *Settings) string { return s.AdminToken }},
		{name: "cors-origins", meta: "LIST", about: fmt.Sprintf("comma-separated browser origins allowed to call the vendor routes (* for any) and, when named, the admin API; at most %d", MaxOrigins),
			apply: func(st *state, raw string) (err error) { st.CORSOrigins, err = parseOrigins(raw); return },
			show:  func(s *Settings) string { return strings.Join(s.CORSOrigins, ",") }},
		{name: "journal-size", meta: "N", about: "requests kept in the journal (GET /__mock/requests); 0 turns it off", limits: journalSizes.String(),
			apply: func(st *state, raw string) (err error) { st.JournalSize, err = journalSizes.Int(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(s.JournalSize) }},
		{name: "metrics", about: "serve Prometheus metrics at GET /__mock/metrics (--metrics=false to turn off)",
			apply: func(st *state, raw string) error {
				v, err := parseBool(raw)
				st.DisableMetrics = !v
				return err
			},
			show: func(s *Settings) string { return strconv.FormatBool(!s.DisableMetrics) }},
		{name: "body-timeout", meta: "DURATION", about: "time a client has to send a request body after its headers (408 after it); 0 turns it off", limits: bodyTimeouts.String(),
			apply: func(st *state, raw string) (err error) { st.BodyTimeout, err = bodyTimeouts.Parse(raw); return },
			show:  func(s *Settings) string { return cli.ShortDuration(s.BodyTimeout) }},
		{name: "segura-tenant", meta: "NAME", about: `tenant of the Segura session list ("senhasegura" for older releases)`,
			apply: func(st *state, raw string) (err error) { st.SeguraTenant, err = parseText(raw); return },
			show:  func(s *Settings) string { return s.SeguraTenant }},
		{name: "segura-release", meta: "N", about: `Segura release to answer as: 4 (Segura) or 3 (senhasegura: tenant "senhasegura", the older one-session and drop envelopes and drop message)`,
			apply: func(st *state, raw string) (err error) { st.SeguraRelease, err = segura.ParseRelease(raw); return },
			show:  func(s *Settings) string { return strconv.Itoa(cmp.Or(s.SeguraRelease, segura.DefaultRelease)) }},
		{name: "clock", meta: "MODE", about: "world clock: fixed (moves only when told), live (wall time) or an RFC 3339 instant (fixed, starting there)",
			apply: func(st *state, raw string) (err error) { st.ClockMode, err = parseClockSetting(raw); return },
			show:  func(s *Settings) string { return s.ClockMode.String() }, reload: true, world: true},
		{name: "clock-start", meta: "INSTANT", about: "start instant (RFC 3339), where the generated history ends; default: the seed's own for a fixed clock, the start of the UTC day for a live one",
			apply: func(st *state, raw string) (err error) { st.Timeline.Start, err = parseInstant(raw); return },
			show:  none, value: func(s *Settings) string { return clock.FormatInstant(s.Timeline.Start) }, reload: true, world: true},
		{name: "segura-arrival-rate", meta: "R", about: "Segura sessions that begin per hour of working time (weekdays 07:00 to 20:00)", limits: seguraRates.String(),
			apply: func(st *state, raw string) (err error) { st.Timeline.SeguraRate, err = seguraRates.Parse(raw); return },
			show: func(s *Settings) string {
				return strconv.FormatFloat(cmp.Or(s.Timeline.SeguraRate, fixtures.DefaultSeguraRate), 'g', -1, 64)
			}, reload: true, world: true},
		{name: "segura-in-progress", meta: "HOW", about: "how a Segura session in progress is listed: null (end and time null until it ends) or omit (left out until it ends)",
			apply: func(st *state, raw string) (err error) {
				st.Timeline.SeguraInProgress, err = fixtures.ParseInProgress(raw)
				return
			},
			show: func(s *Settings) string {
				return string(cmp.Or(s.Timeline.SeguraInProgress, fixtures.InProgressNull))
			}, reload: true, world: true},
		{name: "appgate-arrival-rate", meta: "R", about: "Appgate clients that connect per hour", limits: appgateRates.String(),
			apply: func(st *state, raw string) (err error) {
				st.Timeline.AppgateRate, err = appgateRates.Parse(raw)
				return
			},
			show: func(s *Settings) string {
				return strconv.FormatFloat(cmp.Or(s.Timeline.AppgateRate, fixtures.DefaultAppgateRate), 'g', -1, 64)
			}, reload: true, world: true},
		{name: "appgate-grace", meta: "DURATION", about: "how long a disconnected Appgate client, and the Gateway a client failed over from, is still reported; 0 for none", limits: graces.String(),
			apply: func(st *state, raw string) (err error) { st.Timeline.AppgateGrace, err = parseGrace(raw); return },
			show:  func(s *Settings) string { return showGrace(s.Timeline.AppgateGrace) }, reload: true, world: true},
	}
}

func levelName(l slog.Level) string { return strings.ToLower(l.String()) }

// The releases --appgate-release takes: those whose API versions the
// Appgate document describes (6.3 would need 18 and 19 as well).
const lowestAppgateRelease = 21

func appgateReleases() string {
	var names []string
	for _, r := range appgate.Releases() {
		if r.PeerVersion >= lowestAppgateRelease {
			names = append(names, r.Appliance)
		}
	}
	return strings.Join(names, ", ")
}

func releaseRange() string {
	names := strings.Split(appgateReleases(), ", ")
	return names[0] + " to " + names[len(names)-1]
}

func parseAppgateRelease(raw string) (string, error) {
	r, err := appgate.LookupRelease(raw)
	if err != nil || r.PeerVersion < lowestAppgateRelease {
		return "", fmt.Errorf("appliance release %q is not one sessionmock imitates; want one of %s", raw, appgateReleases())
	}
	return r.Appliance, nil
}
