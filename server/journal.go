package server

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// DefaultJournalSize is how many requests the journal keeps by default.
const DefaultJournalSize = 1000

// JournalEntry is one vendor request as the mock saw and answered it.
type JournalEntry struct {
	ID       uint64              `json:"id"`
	Time     time.Time           `json:"time"`
	Vendor   string              `json:"vendor"`
	Route    string              `json:"route,omitempty"`
	Method   string              `json:"method"`
	Path     string              `json:"path"`
	Query    string              `json:"query,omitempty"`
	Headers  map[string][]string `json:"headers"`
	Client   string              `json:"client,omitempty"`
	Status   int                 `json:"status"`
	Bytes    int64               `json:"bytes"`
	Fault    string              `json:"fault,omitempty"`
	Rules    []string            `json:"rules,omitempty"`
	Duration float64             `json:"duration_ms"`
}

// journal is a bounded ring of the latest requests; the oldest entry is
// dropped when it is full.
type journal struct {
	mu      sync.Mutex
	entries []JournalEntry
	next    int // index the next entry goes to
	full    bool
	seen    uint64
	watch   journalWatcher // told of each change, outside the lock; may be nil
}

// journalWatcher is told of new entries (credentials not yet redacted)
// and of clears.
type journalWatcher interface {
	added(JournalEntry)
	cleared()
}

func newJournal(size int) *journal {
	return &journal{entries: make([]JournalEntry, size)}
}

func (j *journal) add(e JournalEntry) {
	if len(j.entries) == 0 {
		return
	}
	j.mu.Lock()
	j.seen++
	e.ID = j.seen
	j.entries[j.next] = e
	j.next++
	if j.next == len(j.entries) {
		j.next, j.full = 0, true
	}
	j.mu.Unlock()
	if j.watch != nil {
		j.watch.added(e)
	}
}

// list returns the kept entries, oldest first, with their credentials
// redacted, and how many requests were seen since the last clear.
func (j *journal) list() ([]JournalEntry, uint64) {
	j.mu.Lock()
	var out []JournalEntry
	if j.full {
		out = append(out, j.entries[j.next:]...)
	}
	out = append(out, j.entries[:j.next]...)
	seen := j.seen
	j.mu.Unlock()
	if out == nil {
		out = []JournalEntry{}
	}
	for i := range out {
		out[i] = redactEntry(out[i])
	}
	return out, seen
}

func (j *journal) clear() {
	j.mu.Lock()
	clear(j.entries)
	j.next, j.full, j.seen = 0, false, 0
	j.mu.Unlock()
	if j.watch != nil {
		j.watch.cleared()
	}
}

// redactEntry is e as the journal shows it: with its credentials hidden.
func redactEntry(e JournalEntry) JournalEntry {
	e.Headers = redactHeaders(e.Headers)
	return e
}

// secretHeaders are kept in the journal with their values hidden.
var secretHeaders = map[string]bool{
	"Authorization": true, "Proxy-Authorization": true, "Cookie": true, "Set-Cookie": true,
	"X-Api-Key": true, "X-Auth-Token": true,
}

// redactHeaders copies h with credentials replaced; the scheme of an
// Authorization header stays visible, since tests often assert on it.
func redactHeaders(h http.Header) map[string][]string {
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		if !secretHeaders[k] {
			out[k] = append([]string(nil), vs...)
			continue
		}
		red := make([]string, len(vs))
		for i, v := range vs {
			scheme, _, found := strings.Cut(v, " ")
			if found && (k == "Authorization" || k == "Proxy-Authorization") {
				red[i] = scheme + " [redacted]"
			} else {
				red[i] = "[redacted]"
			}
		}
		out[k] = red
	}
	return out
}

// record adds one finished vendor request to the journal.
func (s *Server) record(r *http.Request, rec *exchange, ww middleware.WrapResponseWriter, start time.Time) {
	if s.journal == nil {
		return
	}
	status := ww.Status()
	if rec.hijacked {
		status = 0
	}
	s.journal.add(JournalEntry{
		Time:   start.UTC(),
		Vendor: rec.vendor,
		Route:  rec.route,
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.RawQuery,
		// The map is the request's own: net/http makes a new one per
		// request and nothing writes to it after the handler returns,
		// so it is redacted when the journal is read, not copied here.
		Headers:  r.Header,
		Client:   rec.client,
		Status:   status,
		Bytes:    int64(ww.BytesWritten()),
		Fault:    rec.fault,
		Rules:    rec.rules,
		Duration: float64(time.Since(start).Microseconds()) / 1000,
	})
}
