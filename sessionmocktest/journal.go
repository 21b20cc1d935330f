package sessionmocktest

import "github.com/sessionmock/sessionmock/server"

// Requests returns the vendor requests the mock has answered since the
// journal was last cleared, oldest first, with credentials redacted. The
// token requests of SeguraToken and AppgateToken are among them. A request
// is recorded once the mock has finished its answer, so read a body to its
// end before looking for its request here.
func (m *Mock) Requests() []server.JournalEntry {
	entries, _ := m.Server.Requests()
	return entries
}

// ClearRequests empties the journal.
func (m *Mock) ClearRequests() { m.Server.ClearRequests() }

// Reset brings the mock back to its start: the journal emptied and the
// fault rules those of WithFaults, with fresh counters. Tokens already
// handed out stay valid.
func (m *Mock) Reset() { m.Server.Reset() }
