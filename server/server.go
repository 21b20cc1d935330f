package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/logformat"
	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// sessionInfoCacheSize bounds the cached session-info answers (about 2 KB
// each).
const sessionInfoCacheSize = 8192

// Server answers both vendors' APIs. It is safe for concurrent use.
type Server struct {
	cfg    Config
	tokens *tokens
	// appgateTokens are the Appgate ones, in the controller's format.
	appgateTokens *appgateTokens
	validators    map[string]*openapi.Validator
	log           *slog.Logger
	// lines is log's handler when it takes a line's parts without a
	// record (see logLine).
	lines   logformat.AttrsHandler
	handler http.Handler
	journal *journal
	faults  *fault.Engine
	events  *events  // what /__mock/events streams
	metrics *metrics // nil when Config.DisableMetrics
	// adminOrigins refuses admin writes from browsers on other origins.
	adminOrigins *http.CrossOriginProtection
	// sims ends when StopSimulations is called (see simulation.go).
	sims     context.Context
	stopSims context.CancelFunc

	// live is the configuration in effect, which Reload replaces whole
	// (reload.go); reloadMu serializes the changes to it.
	live     atomic.Pointer[liveConfig]
	reloadMu sync.Mutex

	// parsedDNs holds the names session-info was asked for, parsed, by
	// their spelling.
	parsedDNs *boundedCache[string, appgate.DN]
	// acceptVersions are the peer versions Accept headers negotiated
	// (see peerVersion); the versions accepted never change while the
	// server runs.
	acceptVersions *boundedCache[string, negotiated]

	seguraListHead []byte
	seguraOneHead  []byte
}

// New checks cfg, fills in the defaults and builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.World == nil {
		return nil, errors.New("server: Config.World is required")
	}
	if len(cfg.SeguraClients) == 0 {
		cfg.SeguraClients = DefaultSeguraClients()
	}
	if len(cfg.AppgateUsers) == 0 {
		cfg.AppgateUsers = DefaultAppgateUsers()
	}
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = DefaultTokenTTL
	}
	if cfg.TokenTTL < time.Second {
		return nil, fmt.Errorf("server: token lifetime %v is shorter than one second", cfg.TokenTTL)
	}
	if cfg.PeerVersion == 0 {
		cfg.PeerVersion = DefaultPeerVersion
	}
	if cfg.LowestPeerVersion == 0 {
		cfg.LowestPeerVersion = min(DefaultLowestPeerVersion, cfg.PeerVersion)
	}
	if cfg.LowestPeerVersion < 1 || cfg.LowestPeerVersion > cfg.PeerVersion {
		return nil, fmt.Errorf("server: lowest peer version %d must be between 1 and the peer version %d",
			cfg.LowestPeerVersion, cfg.PeerVersion)
	}
	if cfg.SeguraRelease == 0 {
		cfg.SeguraRelease = segura.DefaultRelease
	}
	if cfg.SeguraRelease != segura.Release3 && cfg.SeguraRelease != segura.Release4 {
		return nil, fmt.Errorf("server: Segura release %d is not 3 or 4", cfg.SeguraRelease)
	}
	if cfg.SeguraTenant == "" {
		cfg.SeguraTenant = segura.TenantOf(cfg.SeguraRelease)
	}
	if cfg.JournalSize < 0 || cfg.JournalSize > MaxJournalSize {
		return nil, fmt.Errorf("server: journal size %d is outside 0 to %d", cfg.JournalSize, MaxJournalSize)
	}
	if cfg.BodyTimeout < 0 || cfg.BodyTimeout > MaxBodyTimeout {
		return nil, fmt.Errorf("server: body time-out %v is outside 0 to %v", cfg.BodyTimeout, MaxBodyTimeout)
	}
	if cfg.CORSOrigins == nil {
		cfg.CORSOrigins = []string{"*"}
	}
	if err := cfg.setUpClock(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	key := tokenKey(cfg.World.Seed(), cfg.TokenKey, cfg.SeguraClients, cfg.AppgateUsers)
	s := &Server{}
	if cfg.Now == nil {
		// Tokens live on the world clock in effect, which a reload may
		// replace (see Reload).
		cfg.Now = s.Now
	}
	*s = Server{
		cfg:            cfg,
		tokens:         newTokens(key, cfg.TokenTTL, cfg.Now),
		appgateTokens:  newAppgateTokens(key, cfg.TokenTTL, cfg.Now),
		log:            cfg.Logger,
		seguraListHead: segura.HeadFor(cfg.SeguraRelease, cfg.SeguraTenant, segura.ListKey),
		seguraOneHead:  segura.HeadFor(cfg.SeguraRelease, cfg.SeguraTenant, segura.OneKey),

		parsedDNs:      newBoundedCache[string, appgate.DN](sessionInfoCacheSize),
		acceptVersions: newBoundedCache[string, negotiated](acceptCacheSize),
	}
	s.lines, _ = cfg.Logger.Handler().(logformat.AttrsHandler)
	s.sims, s.stopSims = context.WithCancel(context.Background())
	faults, err := fault.NewEngine(cfg.World.Seed(), cfg.Faults...)
	if err != nil {
		return nil, fmt.Errorf("server: fault rules: %w", err)
	}
	s.faults = faults
	live := &liveConfig{cfg: cfg, world: newWorldState()}
	live.setStart(faults.Rules())
	s.live.Store(live)
	if s.adminOrigins, err = newAdminOrigins(cfg.CORSOrigins); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	if cfg.JournalSize > 0 {
		s.journal = newJournal(cfg.JournalSize)
	}
	if !cfg.DisableValidation {
		s.validators = map[string]*openapi.Validator{}
		for _, v := range openapi.Vendors() {
			val, err := openapi.NewValidator(v)
			if err != nil {
				return nil, fmt.Errorf("server: %w", err)
			}
			s.validators[v] = val
		}
	}
	if !cfg.DisableMetrics {
		s.metrics = newMetrics(s)
	}
	s.watch()
	if s.handler, err = s.routes(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// validateRequest checks r against the vendor's OpenAPI document, unless
// validation is off. The pattern of the route the request was routed to
// (Request.Pattern, see dispatch) names the operation, so the compiled
// checks need no second routing pass.
func (s *Server) validateRequest(r *http.Request, vendor string) error {
	return s.validateRequestQuery(r, vendor, nil)
}

// validateRequestQuery is validateRequest for a handler that has parsed
// the query already (query is r.URL.Query()).
func (s *Server) validateRequestQuery(r *http.Request, vendor string, query url.Values) error {
	v := s.validators[vendor]
	if v == nil {
		return nil
	}
	return v.ValidateRoutedQuery(r.Context(), r, r.Pattern, query)
}
