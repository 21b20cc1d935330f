package server

import "github.com/sessionmock/sessionmock/fault"

// Faults returns the server's fault engine, for Go callers that change
// rules in process; the admin API under /__mock/faults drives the same one.
func (s *Server) Faults() *fault.Engine { return s.faults }

// Requests returns the request journal, oldest first, and how many vendor
// requests were seen since it was last cleared.
func (s *Server) Requests() ([]JournalEntry, uint64) {
	if s.journal == nil {
		return []JournalEntry{}, 0
	}
	return s.journal.list()
}

// ClearRequests empties the request journal.
func (s *Server) ClearRequests() {
	if s.journal != nil {
		s.journal.clear()
	}
}

// Reset brings the server back to its state at start, as POST
// /__mock/reset does: the journal emptied, the start fault rules back with
// fresh counters, the clock at its start instant and the changes made
// through the API (drops, disconnects, failovers) forgotten.
func (s *Server) Reset() {
	s.ClearRequests()
	s.resetFaults()
	s.resetWorld()
}

// Config returns the configuration in effect, defaults filled in: the
// one the server started with, with the parts the last Reload changed.
func (s *Server) Config() Config { return *s.current() }
