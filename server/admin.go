package server

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// AdminPrefix is where the mock's own control API lives, on the same
// listener as the vendor routes.
const AdminPrefix = mockapi.Prefix

const (
	defaultPageSize = 100
	maxPageSize     = 10000
)

// adminRoutes is the control API: JSON in and out, never delayed, faulted
// or journaled.
func (s *Server) adminRoutes() http.Handler {
	// The router is mounted at the prefix, so it sees the paths without it.
	rel := func(path string) string { return strings.TrimPrefix(path, mockapi.Prefix) }
	r := chi.NewRouter()
	r.Use(s.adminWriteGuard, s.adminInput)
	r.Get(rel(mockapi.PathHealth), s.adminHealth)
	r.HandleFunc(rel(mockapi.PathConsole), consoleRedirect)
	r.Handle(rel(mockapi.PathConsole)+"/*", consoleFiles())
	r.Group(func(r chi.Router) {
		r.Use(s.adminAuth)
		r.Get(rel(mockapi.PathConfig), s.adminConfig)
		r.Get(rel(mockapi.PathMetrics), s.adminMetrics)
		r.Get(rel(mockapi.PathSessions), s.adminSessions)
		r.Get(rel(mockapi.PathRequests), s.adminRequests)
		r.Delete(rel(mockapi.PathRequests), s.adminClearRequests)
		r.Get(rel(mockapi.PathEvents), s.adminEvents)
		r.Post(rel(mockapi.PathReset), s.adminReset)
		r.Get(rel(mockapi.PathClock), s.adminClock)
		r.Post(rel(mockapi.PathClock), s.adminMoveClock)
		r.Post(rel(mockapi.PathAppgateDisconnect), s.adminAppgateChange(false))
		r.Post(rel(mockapi.PathAppgateFailover), s.adminAppgateChange(true))
		r.Get(rel(mockapi.PathFaults), s.adminListFaults)
		r.Post(rel(mockapi.PathFaults), s.adminAddFaults)
		r.Delete(rel(mockapi.PathFaults), s.adminClearFaults)
		r.Delete(rel(mockapi.PathFaults)+"/{id}", s.adminRemoveFault)
		r.Patch(rel(mockapi.PathFaults)+"/{id}", s.adminPatchFault)
		r.Get(rel(mockapi.PathNames), s.adminNames)
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, http.StatusNotFound, fmt.Sprintf("no admin route %s %s", r.Method, r.URL.Path))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s is not allowed on %s", r.Method, r.URL.Path))
	})
	return r
}

// adminInput checks what every admin route reads: the query must decode
// (a bad escape is an error, not a parameter silently dropped), and the
// body is read within the body time-out (see readBody).
func (s *Server) adminInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("query: %v", err))
			return
		}
		body, err := s.readBody(w, r, maxAdminBody)
		if errors.Is(err, errBodyTimeout) {
			writeAdminError(w, http.StatusRequestTimeout, fmt.Sprintf("body: not received within %v of the headers (--body-timeout)", s.cfg.BodyTimeout))
			return
		}
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("body: %v", err))
			return
		}
		next.ServeHTTP(w, body)
	})
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

type sessionsBody = mockapi.Sessions[seguraEntry, appgateEntry]

// adminSessions lists the records the mock serves, a page at a time, so
// that clients and the contract suite can discover ids and DNs.
// Query: vendor=segura|appgate (both when absent), offset, limit, and
// query to search (see searchSessions).
func (s *Server) adminSessions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	vendor := q.Get("vendor")
	if vendor != "" && vendor != wire.Segura && vendor != wire.Appgate {
		writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("vendor: must be %q or %q, got %q", wire.Segura, wire.Appgate, vendor))
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
	if query := q.Get("query"); query != "" {
		s.searchSessions(w, r, vendor, query, offset, limit)
		return
	}
	body := sessionsBody{Seed: s.cfg.World.Seed()}
	s.sessionsPages(&body, [2]bool{vendor == "" || vendor == wire.Segura, vendor == "" || vendor == wire.Appgate}, offset, limit)
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

// adminAuth requires the admin token, when one is configured, as a bearer
// token. Health stays open so that container health checks need no secret.
func (s *Server) adminAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.AdminToken != "" {
			token, _ := bearer(r.Header.Get("Authorization"))
			if subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.AdminToken)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="sessionmock admin"`)
				writeAdminError(w, http.StatusUnauthorized, "the admin API needs the admin token: Authorization: Bearer <token>")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

type requestsBody struct {
	Seen     uint64         `json:"seen"`
	Kept     int            `json:"kept"`
	Capacity int            `json:"capacity"`
	Requests []JournalEntry `json:"requests"`
}

// adminRequests lists the journal, oldest first. Query: vendor, route,
// limit (the latest N kept entries).
func (s *Server) adminRequests(w http.ResponseWriter, r *http.Request) {
	if s.journal == nil {
		writeValue(w, http.StatusOK, requestsBody{Requests: []JournalEntry{}})
		return
	}
	q := r.URL.Query()
	vendor, route := q.Get("vendor"), q.Get("route")
	if vendor != "" && vendor != wire.Segura && vendor != wire.Appgate {
		writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("vendor: must be %q or %q, got %q", wire.Segura, wire.Appgate, vendor))
		return
	}
	limit, err := queryInt(q.Get("limit"), len(s.journal.entries), 0, len(s.journal.entries))
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	all, seen := s.journal.list()
	out := []JournalEntry{}
	for _, e := range all {
		if (vendor == "" || e.Vendor == vendor) && (route == "" || e.Route == route) {
			out = append(out, e)
		}
	}
	if len(out) > limit {
		out = out[len(out)-limit:]
	}
	writeValue(w, http.StatusOK, requestsBody{Seen: seen, Kept: len(all), Capacity: len(s.journal.entries), Requests: out})
}

func (s *Server) adminClearRequests(w http.ResponseWriter, r *http.Request) {
	if s.journal != nil {
		s.journal.clear()
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminReset brings the mock back to its state at start: the journal is
// emptied, the fault rules are those it started with, with fresh
// counters, the clock is back at its start instant and the changes made
// through the API are forgotten.
func (s *Server) adminReset(w http.ResponseWriter, r *http.Request) {
	s.Reset()
	writeValue(w, http.StatusOK, struct {
		Status string `json:"status"`
	}{"reset"})
}
