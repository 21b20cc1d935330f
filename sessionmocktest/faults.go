package sessionmocktest

import "github.com/sessionmock/sessionmock/fault"

// AddFault adds a fault rule after the ones in place and returns its id:
// the rule's own, or the "r<N>" the engine gives it. An invalid rule or a
// taken id fails the test.
func (m *Mock) AddFault(r fault.Rule) string {
	m.tb.Helper()
	stored, err := m.Server.Faults().Add(r)
	if err != nil {
		m.fail("AddFault: %v", err)
		return ""
	}
	return stored.ID
}

// RemoveFault removes the rule with the given id. An id with no rule
// fails the test: it is most often a typo, or a rule Reset took away.
func (m *Mock) RemoveFault(id string) {
	m.tb.Helper()
	if !m.Server.Faults().Remove(id) {
		m.fail("RemoveFault: no fault rule with id %q", id)
	}
}

// ClearFaults removes every fault rule, those from WithFaults included;
// Reset brings those back.
func (m *Mock) ClearFaults() { m.Server.Faults().Clear() }

// Faults returns the rules in place, in evaluation order.
func (m *Mock) Faults() []fault.Rule { return m.Server.Faults().Rules() }
