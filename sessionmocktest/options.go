package sessionmocktest

import (
	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

// Option changes how New and Start build the mock.
type Option func(*config)

// config gathers the options before the world and the server are built.
type config struct {
	seed    int64
	segura  int
	appgate int
	pinned  *fixtures.Pinned
	tl      fixtures.Timeline
	tls     bool
	faults  []fault.Rule
	edits   []func(*server.Config)
}

func defaultConfig() config {
	return config{
		seed:    1,
		segura:  fixtures.DefaultSeguraSessions,
		appgate: fixtures.DefaultAppgateClients,
	}
}

// WithSeed selects the synthetic world (default 1): the same seed gives
// the same records, token keys and fault draws on every machine.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithSeguraSessions sets how many Segura remote sessions are generated
// (default fixtures.DefaultSeguraSessions). Zero means none.
func WithSeguraSessions(n int) Option { return func(c *config) { c.segura = n } }

// WithAppgateClients sets how many Appgate clients are generated (default
// fixtures.DefaultAppgateClients). Zero means none.
func WithAppgateClients(n int) Option { return func(c *config) { c.appgate = n } }

// WithPinned adds records that override or extend the generated ones, as
// read by fixtures.LoadPinnedFile or built in Go.
func WithPinned(p *fixtures.Pinned) Option { return func(c *config) { c.pinned = p } }

// WithTimeline lays the world out in time: the start instant (where the
// clock starts; the seed's own instant when zero), the arrival rates, how
// a Segura session in progress is listed and the Appgate grace. Zero
// fields keep their defaults (see fixtures.Timeline).
func WithTimeline(tl fixtures.Timeline) Option { return func(c *config) { c.tl = tl } }

// WithTLS serves HTTPS with a self-signed certificate for 127.0.0.1, as
// httptest.NewTLSServer does; Client trusts it and Certificate returns it.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithFaults sets fault rules the mock starts with, after any given by an
// earlier WithFaults. Reset comes back to them, with fresh counters.
func WithFaults(rules ...fault.Rule) Option {
	return func(c *config) { c.faults = append(c.faults, rules...) }
}

// WithConfig edits the server configuration before the server is built,
// for everything without an option of its own: clients and users, peer
// versions, the tenant, token lifetime, admin token, journal size, logger.
// Edits run in the order given, after the other options have filled in
// the world and the start faults.
func WithConfig(edit func(*server.Config)) Option {
	return func(c *config) {
		if edit != nil {
			c.edits = append(c.edits, edit)
		}
	}
}
