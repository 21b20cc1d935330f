package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sessionmock/sessionmock/fixtures"
)

// AdminPrefix is where the mock's own control API lives, on the same
// listener as the vendor routes.
const AdminPrefix = "/__mock"

const (
	defaultPageSize = 100
	maxPageSize     = 10000
)

// adminRoutes is the control API: JSON in and out, never delayed, faulted
// or journaled.
func (s *Server) adminRoutes() http.Handler {
	r := chi.NewRouter()
	r.Get("/health", s.adminHealth)
	r.Get("/sessions", s.adminSessions)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, http.StatusNotFound, fmt.Sprintf("no admin route %s %s", r.Method, r.URL.Path))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s is not allowed on %s", r.Method, r.URL.Path))
	})
	return r
}

type adminErrorBody struct {
	Error string `json:"error"`
}

func writeAdminError(w http.ResponseWriter, status int, msg string) {
	writeValue(w, status, adminErrorBody{Error: msg})
}

func (s *Server) adminHealth(w http.ResponseWriter, r *http.Request) {
	writeValue(w, http.StatusOK, struct {
		Status string `json:"status"`
		Seed   int64  `json:"seed"`
	}{"ok", s.cfg.World.Seed()})
}

type seguraPage struct {
	Total    int                      `json:"total"`
	Offset   int                      `json:"offset"`
	Sessions []fixtures.SeguraSession `json:"sessions"`
}

type appgatePage struct {
	Total   int                      `json:"total"`
	Offset  int                      `json:"offset"`
	Clients []fixtures.AppgateClient `json:"clients"`
}

type sessionsBody struct {
	Seed    int64        `json:"seed"`
	Segura  *seguraPage  `json:"segura,omitempty"`
	Appgate *appgatePage `json:"appgate,omitempty"`
}

// adminSessions lists the records the mock serves, a page at a time, so
// that clients and the contract suite can discover ids and DNs.
// Query: vendor=segura|appgate (both when absent), offset, limit.
func (s *Server) adminSessions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	vendor := q.Get("vendor")
	if vendor != "" && vendor != vendorSegura && vendor != vendorAppgate {
		writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("vendor: must be %q or %q, got %q", vendorSegura, vendorAppgate, vendor))
		return
	}
	offset, err := queryInt(q.Get("offset"), 0, 0, int(^uint(0)>>1))
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "offset: "+err.Error())
		return
	}
	limit, err := queryInt(q.Get("limit"), defaultPageSize, 0, maxPageSize)
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	body := sessionsBody{Seed: s.cfg.World.Seed()}
	if vendor == "" || vendor == vendorSegura {
		set := s.cfg.World.Segura()
		p := &seguraPage{Total: set.Len(), Offset: offset, Sessions: []fixtures.SeguraSession{}}
		for i := offset; i < set.Len() && i < offset+limit; i++ {
			p.Sessions = append(p.Sessions, set.At(i))
		}
		body.Segura = p
	}
	if vendor == "" || vendor == vendorAppgate {
		set := s.cfg.World.Appgate()
		p := &appgatePage{Total: set.Len(), Offset: offset, Clients: []fixtures.AppgateClient{}}
		for i := offset; i < set.Len() && i < offset+limit; i++ {
			p.Clients = append(p.Clients, set.At(i))
		}
		body.Appgate = p
	}
	writeValue(w, http.StatusOK, body)
}

// queryInt parses an optional non-negative integer query parameter.
func queryInt(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("must be an integer, got %q", s)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("must be between %d and %d, got %d", lo, hi, n)
	}
	return n, nil
}
