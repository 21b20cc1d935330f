package server

import (
	"net/http"
	"sync"
	"time"
)

// DefaultJournalSize is how many requests the journal keeps by default.
const DefaultJournalSize = 1000

// JournalEntry is one vendor request as the mock saw and answered it.
type JournalEntry struct {
	ID   uint64    `json:"id"`
	Time time.Time `json:"time"`
	// Clock is the world clock's time when the request came: what it saw.
	Clock  time.Time `json:"clock"`
	Vendor string    `json:"vendor"`
	Route  string    `json:"route,omitempty"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	// Query and Headers are as received, except that the values of the
	// parameters and headers whose names look secret (containing secret,
	// token, password, key, auth, cookie or session, in any case) read
	// "[redacted]"; an Authorization header keeps its scheme.
	Query   string              `json:"query,omitempty"`
	Headers map[string][]string `json:"headers"`
	// Client is the Segura client id or Appgate username making the
	// request, when the request names one: the subject of a valid token,
	// HTTP Basic credentials, or the client_id or username of a token or
	// login request.
	Client   string   `json:"client,omitempty"`
	Status   int      `json:"status"`
	Bytes    int64    `json:"bytes"`
	Fault    string   `json:"fault,omitempty"`
	Rules    []string `json:"rules,omitempty"`
	Duration float64  `json:"duration_ms"`
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

// journalWatcher is told of new entries (their credentials hidden, as
// everywhere the journal is read) and of clears.
type journalWatcher interface {
	watching() bool // whether anyone listens, so an entry need not be prepared for nobody
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
	if j.watch != nil && j.watch.watching() {
		e.Headers = redactHeaders(e.Headers)
		j.watch.added(e)
	}
}

// list returns copies of the kept entries, oldest first, and how many
// requests were seen since the last clear.
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
		out[i].Headers = http.Header(redactHeaders(out[i].Headers)).Clone()
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

// record adds one finished vendor request to the journal.
func (s *Server) record(r *http.Request, rec *exchange, ww *answerWriter, start time.Time, took time.Duration) {
	if s.journal == nil {
		return
	}
	status := ww.Status()
	if rec.hijacked {
		status = 0
	}
	s.journal.add(JournalEntry{
		Time:   start.UTC(),
		Clock:  rec.clock,
		Vendor: rec.vendor,
		Route:  rec.route,
		Method: r.Method,
		Path:   r.URL.Path,
		// No reader of the journal (the admin API, a stream, the Go
		// API) sees a credential: the query is kept with them hidden,
		// and the headers are hidden as they are read (list, added),
		// since most entries are never read and the request's own map
		// can be kept as it is: net/http makes a new one per request
		// and nothing writes to it after the handler returns. The path
		// is kept whole: its parts are the ids and DNs the vendors'
		// lists publish, not credentials.
		Query:    redactQuery(r.URL.RawQuery),
		Headers:  r.Header,
		Client:   rec.client,
		Status:   status,
		Bytes:    int64(ww.BytesWritten()),
		Fault:    rec.fault,
		Rules:    rec.rules,
		Duration: float64(took.Microseconds()) / 1000,
	})
}
