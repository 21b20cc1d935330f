// Package mockapi holds the paths and the JSON shapes of sessionmock's own
// admin API, under /__mock/, that programs other than the mock read: the
// contract suite and the benchmark harness discover sessions through it.
//
// It depends on the standard library only.
package mockapi

// Prefix is where the admin API lives, on the same listener as the vendor
// routes.
const Prefix = "/__mock"

// Paths of the admin API.
const (
	PathHealth   = Prefix + "/health"
	PathSessions = Prefix + "/sessions"
	PathFaults   = Prefix + "/faults"
	PathRequests = Prefix + "/requests"
	PathReset    = Prefix + "/reset"
	PathConfig   = Prefix + "/config"
	PathMetrics  = Prefix + "/metrics"
	// The console's page, its event stream and the names its forms offer.
	PathConsole = Prefix + "/ui"
	PathEvents  = Prefix + "/events"
	PathNames   = Prefix + "/names"
)

// Sessions is the body of GET /__mock/sessions: one page of each vendor's
// records, or of the one asked for with ?vendor=. S and C are the types a
// Segura session and an Appgate client decode into: the mock's own records
// when it encodes them, whatever a reader needs when it decodes (ClientRef
// for the distinguished names alone).
type Sessions[S, C any] struct {
	Seed    int64           `json:"seed"`
	Segura  *SeguraPage[S]  `json:"segura,omitempty"`
	Appgate *AppgatePage[C] `json:"appgate,omitempty"`
}

// SeguraPage is a page of the Segura remote sessions.
type SeguraPage[S any] struct {
	Total    int `json:"total"`
	Offset   int `json:"offset"`
	Sessions []S `json:"sessions"`
}

// AppgatePage is a page of the Appgate client sessions.
type AppgatePage[C any] struct {
	Total   int `json:"total"`
	Offset  int `json:"offset"`
	Clients []C `json:"clients"`
}

// ClientRef is the part of an Appgate client that names it: its
// distinguished name, as the mock prints it.
type ClientRef struct {
	DN string `json:"dn"`
}
