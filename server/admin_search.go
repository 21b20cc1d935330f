package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Bounds of a search through the records (GET /__mock/sessions?query=).
const (
	maxQueryBytes = 256
	maxQueryTerms = 8
	// maxSearchScan bounds the records one request looks at; a search that
	// stops there says in "next" where to go on.
	maxSearchScan = 1_000_000
	// searchCheckEvery is how many records go by between looks at the
	// request's context, so that a search nobody waits for stops.
	searchCheckEvery = 1024
)

// parseQuery splits a search into its terms, lower-cased: a record
// matches when each term is part of one of its fields, in any case.
func parseQuery(q string) ([]string, error) {
	switch {
	case len(q) > maxQueryBytes:
		return nil, fmt.Errorf("is %d bytes long, more than %d", len(q), maxQueryBytes)
	case !utf8.ValidString(q):
		return nil, fmt.Errorf("%q is not UTF-8 text", q)
	}
	terms := strings.Fields(strings.ToLower(q))
	switch {
	case len(terms) == 0:
		return nil, fmt.Errorf("%q holds no term to search for", q)
	case len(terms) > maxQueryTerms:
		return nil, fmt.Errorf("has %d terms, more than %d", len(terms), maxQueryTerms)
	}
	return terms, nil
}

// matchesAll reports whether every term is part of one of the fields.
func matchesAll(terms []string, fields []string) bool {
	for _, t := range terms {
		found := false
		for _, f := range fields {
			if containsFold(f, t) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// containsFold reports whether s holds the lower-case term in any case.
// ASCII is folded in place; other text is lower-cased only when that
// fails, which is rare in the generated records.
func containsFold(s, term string) bool {
	n := len(term)
	if n == 0 {
		return true
	}
	first, upper := term[0], term[0]
	if 'a' <= first && first <= 'z' {
		upper -= 'a' - 'A'
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
		}
		if (c == first || c == upper) && i+n <= len(s) && hasPrefixFold(s[i+1:i+n], term[1:]) {
			return true
		}
	}
	return !ascii && strings.Contains(strings.ToLower(s), term)
}

// hasPrefixFold compares s with the lower-case t, folding ASCII letters.
func hasPrefixFold(s, t string) bool {
	for j := 0; j < len(t); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != t[j] {
			return false
		}
	}
	return true
}

// seguraMatches and appgateMatches are one page of a search. Next is
// where the following page begins, null once the search has looked at
// every record.
type seguraMatches struct {
	Total  int  `json:"total"`
	Offset int  `json:"offset"`
	Next   *int `json:"next"`
	// Sessions are encoded as the vendor's list encodes them, each with its
	// "lifecycle" after the vendor's fields, as in the unsearched list.
	Sessions []seguraEntry `json:"sessions"`
}

type appgateMatches struct {
	Total   int            `json:"total"`
	Offset  int            `json:"offset"`
	Next    *int           `json:"next"`
	Clients []appgateEntry `json:"clients"`
}

type searchBody struct {
	Seed    int64           `json:"seed"`
	Query   string          `json:"query"`
	Segura  *seguraMatches  `json:"segura,omitempty"`
	Appgate *appgateMatches `json:"appgate,omitempty"`
}

// searchSessions answers GET /__mock/sessions with a query: from offset
// on, the first limit records that match among those that exist at the
// clock's time, looking at one record at a time (constant memory whatever
// the count) and at most maxSearchScan of them.
func (s *Server) searchSessions(w http.ResponseWriter, r *http.Request, vendor, query string, offset, limit int) {
	terms, err := parseQuery(query)
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "query: "+err.Error())
		return
	}
	ctx := r.Context()
	view := s.view()
	body := searchBody{Seed: s.cfg.World.Seed(), Query: query}
	if vendor == "" || vendor == wire.Segura {
		if body.Segura = searchSegura(ctx, view.Segura(), terms, offset, limit, maxSearchScan); body.Segura == nil {
			return // the caller left
		}
	}
	if vendor == "" || vendor == wire.Appgate {
		if body.Appgate = searchAppgate(ctx, view.Appgate(), query, terms, offset, limit, maxSearchScan); body.Appgate == nil {
			return
		}
	}
	writeValue(w, http.StatusOK, body)
}

// scanEnd is where a scan of at most budget records from offset stops at
// the latest.
func scanEnd(offset, total, budget int) int {
	if offset >= total {
		return offset
	}
	return offset + min(total-offset, budget)
}

// nextOf is the Next of a scan that stopped before i.
func nextOf(i, total int) *int {
	if i >= total {
		return nil
	}
	return &i
}

// searchSegura looks at the sessions listed at the view's time from
// position offset on, at most budget of them; nil when ctx ended first.
func searchSegura(ctx context.Context, v fixtures.SeguraView, terms []string, offset, limit, budget int) *seguraMatches {
	total := v.Len()
	p := &seguraMatches{Total: total, Offset: offset, Sessions: []seguraEntry{}}
	var fields [12]string
	c := v.Cursor()
	i, end := offset, scanEnd(offset, total, budget)
	if !c.Skip(offset) {
		p.Next = nextOf(i, total)
		return p
	}
	for ; i < end && len(p.Sessions) < limit && c.Next(); i++ {
		if (i-offset)%searchCheckEvery == searchCheckEvery-1 && ctx.Err() != nil {
			return nil
		}
		r := c.Session()
		fields = [12]string{r.ID, r.User, r.OriginIP, r.Credential, r.Device, r.Protocol, r.Proxy,
			r.SessionID, r.Start, r.End, deref(r.Request), deref(r.ITSM)}
		if matchesAll(terms, fields[:]) {
			p.Sessions = append(p.Sessions, seguraEntry{r, c.Lifecycle()})
		}
	}
	p.Next = nextOf(i, total)
	return p
}

// searchAppgate looks at the clients present at the view's time from
// position offset on (positions count present clients), at most budget
// of them; nil when ctx ended first.
func searchAppgate(ctx context.Context, v fixtures.AppgateView, query string, terms []string, offset, limit, budget int) *appgateMatches {
	total := v.Len()
	p := &appgateMatches{Total: total, Offset: offset, Clients: []appgateEntry{}}
	// A whole distinguished name, as a client log shows it, names at most
	// one client: found at once, whatever the count.
	if dn, err := appgate.ParseDN(query); err == nil {
		if c, lc, ok := v.Lookup(dn); ok && offset == 0 && limit > 0 {
			p.Clients = append(p.Clients, appgateEntry{c, lc})
		}
		return p
	}
	var fields [3]string
	i, end := 0, scanEnd(offset, total, budget)
	for j, slots := 0, v.Slots(); j < slots && i < end && len(p.Clients) < limit; j++ {
		if j%searchCheckEvery == searchCheckEvery-1 && ctx.Err() != nil {
			return nil
		}
		if !v.Present(j) {
			continue
		}
		if i++; i <= offset {
			continue
		}
		ref := v.Ref(j)
		dn := ref.DN
		fields = [3]string{dn.String(), dn.DeviceUUID(), dn.Username}
		if matchesAll(terms, fields[:]) {
			p.Clients = append(p.Clients, appgateEntry{v.Client(ref), ref.Lifecycle})
		}
	}
	p.Next = nextOf(max(i, offset), total)
	return p
}
