package server

import (
	"fmt"
	"reflect"
	"time"

	"github.com/sessionmock/sessionmock/fault"
)

// liveConfig is the configuration in effect: the fields a reload may
// change, with the others as the server started. It is replaced whole, so
// a reader sees one reload or the next, never part of one.
type liveConfig struct {
	cfg Config
	// world is what the API changed in cfg.World and what is cached from
	// it; it goes with cfg.World and cfg.Clock.
	world *worldState
	// start are the rules that came with the configuration (cfg.Faults)
	// as the engine stored them, ids given; startIDs are their ids. A
	// reload replaces these and keeps the others, which came through the
	// admin API or Faults().
	start      []fault.Rule
	startIDs   map[string]bool
	reloads    int
	reloadedAt time.Time
}

// Reload applies, while the server runs, the parts of cfg that can change
// without a new server; every other field of cfg is ignored (the caller
// names the ones that differ, as needing a restart):
//
//   - SeguraClients and AppgateUsers: the credentials the token and login
//     endpoints accept (empty means the defaults, as in New). Tokens
//     already issued stay valid until they expire, but a client or user
//     the new lists no longer name is refused as unknown.
//   - Faults: the start-up fault rules. When they differ from the running
//     ones, they replace the rules that came with the previous
//     configuration, with fresh counters, ahead of the rules added through
//     the admin API, which stay with their counters. A rule counts as a
//     start-up rule by its id. Unchanged rules keep their counters, so a
//     reload that changes only the credentials changes no fault sequence.
//   - Process: what GET /__mock/config shows of the process.
//   - World and Clock: when World is not the running world, the world
//     restarts on it, as a new server with cfg would start: the new
//     world's records at Clock's time (a fixed clock at the world's start
//     instant when Clock is nil), with no change made through the API (the
//     clock moves, drops, disconnects and failovers are dropped, as Reset
//     drops them). The journal, the tokens and the fault rules stay, as
//     for any reload. The new world must have the running seed, which the
//     fault sequences and the token key come from, and Clock must start at
//     its start instant. The same World keeps the running clock and
//     changes, whatever Clock says.
//
// Without an explicit TokenKey, tokens are signed with a key derived from
// the seed and the credentials (see tokenKey), so new credentials change
// the key as a restart with them would: tokens issued before are refused
// and clients sign in again, and a replica that reloaded and one started
// with the same file accept each other's tokens.
//
// It is all or nothing: when the new fault rules are refused, the error
// says why and nothing changes. Reloads are serialized with each other and
// with Reset; a request in flight during one sees, of each part, the old
// or the new value. A part made reloadable joins the list above in
// applyReloadable.
func (s *Server) Reload(cfg Config) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	cur := s.live.Load()
	next := *cur
	next.cfg = applyReloadable(cur.cfg, cfg)
	restart := cfg.World != nil && cfg.World != cur.cfg.World
	if restart {
		c, err := worldClock(cfg.World, cfg.Clock)
		switch {
		case err != nil:
			return err
		case cfg.World.Seed() != s.cfg.World.Seed():
			return fmt.Errorf("server: the new world has seed %d, the running one %d: a new seed needs a new server",
				cfg.World.Seed(), s.cfg.World.Seed())
		}
		next.cfg.World, next.cfg.Clock, next.world = cfg.World, c, newWorldState()
	}
	// The fault rules are the other part that can be refused, so they go
	// before any change: a refusal leaves everything as it was.
	if !reflect.DeepEqual(cur.cfg.Faults, next.cfg.Faults) {
		stored, err := s.faults.ReplaceWhere(func(r fault.Rule) bool { return cur.startIDs[r.ID] }, next.cfg.Faults)
		if err != nil {
			return fmt.Errorf("server: fault rules: %w", err)
		}
		next.setStart(stored)
	}
	s.rekey(tokenKey(s.cfg.World.Seed(), s.cfg.TokenKey, next.cfg.SeguraClients, next.cfg.AppgateUsers))
	next.reloads++
	next.reloadedAt = s.cfg.Wall()
	s.live.Store(&next)
	if restart {
		s.events.worldRestarted()
	}
	return nil
}

// applyReloadable returns cur with the reloadable fields of cfg, defaults
// filled in as New fills them.
func applyReloadable(cur, cfg Config) Config {
	next := cur
	next.SeguraClients = cfg.SeguraClients
	if len(next.SeguraClients) == 0 {
		next.SeguraClients = DefaultSeguraClients()
	}
	next.AppgateUsers = cfg.AppgateUsers
	if len(next.AppgateUsers) == 0 {
		next.AppgateUsers = DefaultAppgateUsers()
	}
	next.Faults = cfg.Faults
	next.Process = cfg.Process
	return next
}

// current is the configuration in effect.
func (s *Server) current() *Config { return &s.live.Load().cfg }

// resetFaults restores the start-up fault rules of the configuration in
// effect, with fresh counters, and drops the others.
func (s *Server) resetFaults() {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	cur := s.live.Load()
	// The start rules were valid when they were applied.
	stored, _ := s.faults.Replace(cur.cfg.Faults)
	s.faults.ResetCounters()
	next := *cur
	next.setStart(stored)
	s.live.Store(&next)
}

func (l *liveConfig) setStart(stored []fault.Rule) {
	l.start = stored
	l.startIDs = make(map[string]bool, len(stored))
	for _, r := range stored {
		l.startIDs[r.ID] = true
	}
}
