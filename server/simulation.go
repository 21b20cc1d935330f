package server

import (
	"context"
	"time"
)

// Delays, holds, slow bodies and bandwidth caps are simulations: the mock
// makes an answer late on purpose. When the server stops they must not
// keep it waiting (a request held by fault=timeout would otherwise hold a
// graceful shutdown for its whole grace period), while the real answers
// in flight still finish. So every wait of a simulation watches, besides
// the request's own context, the server-wide one that StopSimulations
// ends.

// StopSimulations ends every simulated wait at once, for good: a delayed
// request or one held by a timeout or gateway-timeout fault is dropped
// without an answer, as when its client gives up; a slow or
// bandwidth-capped answer sends the rest of its body at once. Real answers
// are not touched. Call it when shutting down, before or as
// http.Server.Shutdown starts (http.Server.RegisterOnShutdown does both);
// calling it again does nothing.
func (s *Server) StopSimulations() { s.stopSims() }

// simulationsStopped reports whether StopSimulations was called.
func (s *Server) simulationsStopped() bool { return s.sims.Err() != nil }

// wait waits d for a simulation. It reports whether the whole time passed:
// false when ctx (the request's) ends first or the simulations stop.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if s.simulationsStopped() || ctx.Err() != nil {
		return false
	}
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.sims.Done():
		return false
	}
}
