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

// setUpClock fills in the clock: a fixed one at the world's start instant
// unless the configuration brings its own, which must start there too so
// that the generated history ends where the clock begins.
func (cfg *Config) setUpClock() error {
	if cfg.Clock == nil {
		c, err := clock.NewFixed(cfg.World.Start())
		if err != nil {
			return fmt.Errorf("server: %w", err)
		}
		cfg.Clock = c
	} else if !cfg.Clock.Start().Equal(cfg.World.Start()) {
		return fmt.Errorf("server: the clock starts at %s but the world's history ends at %s",
			clock.FormatInstant(cfg.Clock.Start()), clock.FormatInstant(cfg.World.Start()))
	}
	if cfg.Now == nil {
		cfg.Now = cfg.Clock.Now
	}
	if cfg.Wall == nil {
		cfg.Wall = time.Now
	}
	return nil
}

// wallTime reports an instant of the token clock in wall-clock time: as
// far from the wall's now as it is from the token clock's now. A token
// lasts its lifetime on the world clock; clients that read its expiry see
// the same lifetime on theirs.
func (s *Server) wallTime(t time.Time) time.Time {
	return s.cfg.Wall().Add(t.Sub(s.cfg.Now())).Round(time.Millisecond)
}

// view is the world as a request sees it now.
func (s *Server) view() fixtures.View {
	return s.cfg.World.View(s.cfg.Clock.Now(), s.changes)
}

// Clock returns the world's clock, for Go callers that move it in
// process; the admin API under /__mock/clock drives the same one.
func (s *Server) Clock() *clock.Clock { return s.cfg.Clock }

// Now returns the world's clock time.
func (s *Server) Now() time.Time { return s.cfg.Clock.Now() }

// resetWorld returns the clock to its start instant and forgets the
// changes made through the API.
func (s *Server) resetWorld() {
	s.changes.Clear()
	s.cfg.Clock.Reset()
}

// View returns the world as a request would see it now, with the changes
// made through the API, for Go callers; changes made through it (drops,
// disconnects, failovers) are the server's own.
func (s *Server) View() fixtures.View { return s.view() }

// Changes returns the changes made through the API.
func (s *Server) Changes() *fixtures.Changes { return s.changes }
