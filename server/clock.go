package server

import (
	"fmt"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
)

// The world over time: the clock every request reads, and the changes the
// API made (dropped sessions, disconnected and failed-over clients). What
// a request sees is the world at the clock's time with those changes, so
// the same seed, clock time and changes give the same answers on any
// replica.

// setUpClock fills in the clock (see worldClock) and the wall clock; Now,
// when not given, follows the world clock in effect (see New).
func (cfg *Config) setUpClock() (err error) {
	if cfg.Clock, err = worldClock(cfg.World, cfg.Clock); err != nil {
		return err
	}
	if cfg.Wall == nil {
		cfg.Wall = time.Now
	}
	return nil
}

// worldClock returns c, or a fixed clock at the world's start instant when
// c is nil. A clock given must start there too, so that the generated
// history ends where the clock begins.
func worldClock(w *fixtures.World, c *clock.Clock) (*clock.Clock, error) {
	if c == nil {
		c, err := clock.NewFixed(w.Start())
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		return c, nil
	}
	if !c.Start().Equal(w.Start()) {
		return nil, fmt.Errorf("server: the clock starts at %s but the world's history ends at %s",
			clock.FormatInstant(c.Start()), clock.FormatInstant(w.Start()))
	}
	return c, nil
}

// worldState is what the API changed in the world in effect, and what is
// cached from it; a reload that restarts the world starts a new one.
type worldState struct {
	// changes are the drops, disconnects and failovers made through the
	// API.
	changes *fixtures.Changes
	// sessionInfoBodies holds encoded session-info answers by the DN as
	// sent and the world's state (see sessionInfoKey): a record is a pure
	// function of the seed, its index, the timeline and the Gateways it is
	// on, so the bytes under one key never change while the world stands.
	sessionInfoBodies *boundedCache[sessionInfoKey, cachedAnswer]
	// listPages holds the active-session list's pages answered under a
	// fixed clock (see appgateActiveSessions).
	listPages *boundedCache[listPageKey, keptPage]
}

func newWorldState() *worldState {
	return &worldState{
		changes:           fixtures.NewChanges(),
		sessionInfoBodies: newBoundedCache[sessionInfoKey, cachedAnswer](sessionInfoCacheSize),
		listPages:         newBoundedCache[listPageKey, keptPage](listPageCacheSize),
	}
}

// view is the world of this configuration as a request sees it now.
func (l *liveConfig) view() fixtures.View {
	return l.cfg.World.View(l.cfg.Clock.Now(), l.world.changes)
}

// wallTime reports an instant of the token clock in wall-clock time: as
// far from the wall's now as it is from the token clock's now. A token
// lasts its lifetime on the world clock; clients that read its expiry see
// the same lifetime on theirs.
func (s *Server) wallTime(t time.Time) time.Time {
	c := s.current()
	return c.Wall().Add(t.Sub(c.Now())).Round(time.Millisecond)
}

// view is the world as a request sees it now.
func (s *Server) view() fixtures.View { return s.live.Load().view() }

// Clock returns the world's clock, for Go callers that move it in
// process; the admin API under /__mock/clock drives the same one. A
// reload that restarts the world (see Reload) brings another clock.
func (s *Server) Clock() *clock.Clock { return s.current().Clock }

// Now returns the world's clock time.
func (s *Server) Now() time.Time { return s.current().Clock.Now() }

// resetWorld returns the clock to its start instant and forgets the
// changes made through the API.
func (s *Server) resetWorld() {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	l := s.live.Load()
	l.world.changes.Clear()
	l.cfg.Clock.Reset()
}

// View returns the world as a request would see it now, with the changes
// made through the API, for Go callers; changes made through it (drops,
// disconnects, failovers) are the server's own.
func (s *Server) View() fixtures.View { return s.view() }

// Changes returns the changes made through the API.
func (s *Server) Changes() *fixtures.Changes { return s.live.Load().world.changes }
