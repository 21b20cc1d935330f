package sessionmocktest

import (
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Clock is the mock's world clock, as a test moves it. The mock starts
// with a fixed clock at its start instant: nothing begins, ends or
// disconnects until the test moves it. Its methods fail the test (or
// panic, for a Mock from Start) when the clock refuses a move.
type Clock struct{ m *Mock }

// Clock returns the mock's world clock.
func (m *Mock) Clock() Clock { return Clock{m} }

// Now returns the clock's time.
func (c Clock) Now() time.Time { return c.m.Server.Clock().Now() }

// Start returns the start instant, where Reset returns the clock.
func (c Clock) Start() time.Time { return c.m.Server.Clock().Start() }

// Advance moves the clock forward by d, as POST /__mock/clock
// {"advance": ...} does, and returns the new time. Tokens age with it.
func (c Clock) Advance(d time.Duration) time.Time {
	c.m.tb.Helper()
	now, err := c.m.Server.Clock().Advance(d)
	if err != nil {
		c.m.fail("advance the clock by %v: %v", d, err)
	}
	return now
}

// Set moves the clock to t, which must not be before its time, as POST
// /__mock/clock {"set": ...} does, and returns the new time.
func (c Clock) Set(t time.Time) time.Time {
	c.m.tb.Helper()
	now, err := c.m.Server.Clock().Set(t)
	if err != nil {
		c.m.fail("set the clock to %s: %v", clock.FormatInstant(t), err)
	}
	return now
}

// View returns the world as the mock shows it now, with the changes made
// through its API: which sessions exist, which are in progress, which
// clients are connected and on which Gateways.
func (m *Mock) View() fixtures.View { return m.World.View(m.Clock().Now(), m.Server.Changes()) }

// DisconnectAppgate disconnects the client with this distinguished name
// now, as POST /__mock/appgate/disconnect does: it is reported as
// disconnected for the grace, and gone after it.
func (m *Mock) DisconnectAppgate(dn appgate.DN) fixtures.AppgateLifecycle {
	m.tb.Helper()
	lc, err := m.Server.View().Appgate().Disconnect(dn)
	if err != nil {
		m.fail("disconnect %s: %v", dn, err)
	}
	return lc
}

// FailoverAppgate moves the client with this distinguished name to the
// next Gateway now, as POST /__mock/appgate/failover does: it is on both
// Gateways for the grace.
func (m *Mock) FailoverAppgate(dn appgate.DN) fixtures.AppgateLifecycle {
	m.tb.Helper()
	lc, err := m.Server.View().Appgate().Failover(dn)
	if err != nil {
		m.fail("fail over %s: %v", dn, err)
	}
	return lc
}
