package server

import (
	"net/http"

	"github.com/sessionmock/sessionmock/fixtures"
)

// appgateClients is the set of Appgate client sessions one request sees: the
// indices 0..Len()-1 of the world's set for which Has is true. Every route
// that lists or counts clients goes through appgateClientsNow, so what is
// present at a given moment is decided in one place.
type appgateClients struct {
	set *fixtures.AppgateSet
}

// appgateClientsNow returns the clients present for r. Today that is every
// client of the world, generated and pinned.
func (s *Server) appgateClientsNow(r *http.Request) appgateClients {
	return appgateClients{set: s.cfg.World.Appgate()}
}

// Len is the number of indices to look at.
func (c appgateClients) Len() int { return c.set.Len() }

// Has reports whether client i is present.
func (c appgateClients) Has(i int) bool { return i >= 0 && i < c.set.Len() }

// Count is the number of clients present.
func (c appgateClients) Count() int { return c.set.Len() }

// Active returns what the list says of client i; see fixtures.ActiveDetail.
func (c appgateClients) Active(i int, detail fixtures.ActiveDetail) fixtures.ActiveClient {
	return c.set.Active(i, detail)
}
