package server

import (
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
)

// appgateClients is the set of Appgate client sessions one request sees:
// the slots 0..Len()-1 of the world's view at the clock's time for which
// Has is true. Every route that lists or counts clients goes through
// appgateClientsAt, so what is present at a given moment is decided in
// one place: a client from its connect time until the grace after it
// disconnects, on the Gateways it is on then.
type appgateClients struct {
	view fixtures.AppgateView
}

// appgateClientsNow returns the clients present for r, at the clock's
// time, with the changes made through the admin API.
func (s *Server) appgateClientsNow(r *http.Request) appgateClients {
	l := s.live.Load()
	return l.appgateClientsAt(l.cfg.Clock.Now())
}

// appgateClientsAt returns the clients of the configuration in effect
// present at now, a time its clock showed, with the changes made through
// the admin API; a handler that keys its answer by now takes it here.
func (l *liveConfig) appgateClientsAt(now time.Time) appgateClients {
	return appgateClients{view: l.cfg.World.View(now, l.world.changes).Appgate()}
}

// Len is the number of slots to look at.
func (c appgateClients) Len() int { return c.view.Slots() }

// Has reports whether the client at slot i is present.
func (c appgateClients) Has(i int) bool { return c.view.Present(i) }

// Count is the number of clients present.
func (c appgateClients) Count() int { return c.view.Len() }

// Active returns what the list says of the client at slot i; see
// fixtures.ActiveDetail.
func (c appgateClients) Active(i int, detail fixtures.ActiveDetail) fixtures.ActiveClient {
	return c.view.Active(i, detail)
}
