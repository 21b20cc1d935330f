package server

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/rank"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// activeSession is one entry of the active-session list, in the vendor's
// field order.
type activeSession struct {
	DistinguishedName string   `json:"distinguishedName"`
	DeviceID          string   `json:"deviceId"`
	Username          string   `json:"username"`
	ProviderName      string   `json:"providerName"`
	GeoIPLatitude     *float64 `json:"geoIpLatitude,omitempty"`
	GeoIPLongitude    *float64 `json:"geoIpLongitude,omitempty"`
	Hostname          string   `json:"hostname,omitempty"`
	OSFamily          string   `json:"osFamily,omitempty"`
	OSName            string   `json:"osName,omitempty"`
	OSParent          string   `json:"osParent,omitempty"`
	ClientVersion     string   `json:"clientVersion,omitempty"`
	ClientType        string   `json:"clientType,omitempty"`
	ClientSupport     string   `json:"clientSupport,omitempty"`
	Gateways          []string `json:"gateways,omitempty"`
}

// listFilterEcho is one filter as the answer echoes it.
type listFilterEcho struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Versions of the list's shape: the per-session Gateways from v23, and from
// v25 neither they nor the block deprecated since 6.4.
const (
	listGatewaysFrom   = 23
	listDeprecatedTill = 24
)

// appgateActiveSessions answers GET /admin/stats/active-sessions/dn: the
// present clients, searched, filtered, sorted and paged as asked, encoded
// onto the wire entry by entry. Sorting uses package rank, so a page of a
// million clients costs a few passes and bounded memory.
func (s *Server) appgateActiveSessions(w http.ResponseWriter, r *http.Request) {
	const route = appgate.RouteActiveSessions
	version, ok := s.negotiate(w, r, route)
	if !ok {
		return
	}
	if !s.appgateAuth(w, r, route) {
		return
	}
	// The query is parsed once, when the validation or the parameters
	// need it: a kept page needs neither without validation.
	var query url.Values
	if s.validators != nil {
		query = r.URL.Query()
	}
	if err := s.validateRequestQuery(r, wire.Appgate, query); err != nil {
		s.writeError(w, r, wire.Appgate, route, http.StatusBadRequest, err.Error())
		return
	}
	// Under a fixed clock a page is kept once answered, under what it
	// depends on (listPageKey), and sent again as it was; a query kept is
	// one that parsed, with what it ignored.
	live := s.live.Load()
	now := live.cfg.Clock.Now()
	key := listPageKey{query: r.URL.RawQuery, version: version, at: now.UnixNano(), changes: live.world.changes.Version()}
	keep := live.cfg.Clock.Mode() == clock.Fixed && len(r.URL.RawQuery) <= maxKeptListQuery
	if keep {
		if kept, ok := live.world.listPages.get(key); ok {
			s.logIgnored(kept.ignored)
			kept.answer.write(w)
			return
		}
	}
	if query == nil {
		query = r.URL.Query()
	}
	p, err := parseListParams(query)
	if err != nil {
		s.writeError(w, r, wire.Appgate, route, http.StatusBadRequest, err.Error())
		return
	}
	s.logIgnored(p.ignored)
	clients := live.appgateClientsAt(now)
	first, last := 0, maxRank
	if p.hasRange {
		first, last = p.first, p.last
	}
	support := s.clientSupport
	page, err := rank.Plan(r.Context(), s.listSource(clients, &p, support), first, last, rank.Options{})
	if err != nil {
		panic(http.ErrAbortHandler) // the client is gone
	}
	list := listPage{clients: clients, page: page, params: &p, version: version, now: now, support: support}
	if keep && page.Last-page.First < maxKeptListEntries {
		var buf bytes.Buffer
		if !list.encode(r.Context(), &buf) {
			panic(http.ErrAbortHandler)
		}
		kept := keptPage{answer: newCachedAnswer(buf.Bytes()), ignored: p.ignored}
		live.world.listPages.put(key, kept)
		kept.answer.write(w)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, streamChunk)
	if !list.encode(r.Context(), bw) || bw.Flush() != nil {
		// A short list ended cleanly would look complete: drop it instead.
		panic(http.ErrAbortHandler)
	}
}

// listPageKey is what a page of the list depends on besides the world:
// the query as sent, the peer version, the clock's instant and the
// version of the changes (read before the view, see Changes.Version).
type listPageKey struct {
	query   string
	version int
	at      int64
	changes uint64
}

// keptPage is a page as answered, and the parameters its query ignored.
type keptPage struct {
	answer  cachedAnswer
	ignored []string
}

// logIgnored notes at debug level the list parameters a query ignored.
func (s *Server) logIgnored(ignored []string) {
	for _, why := range ignored {
		s.log.Debug("active-session list: parameter ignored", "reason", why)
	}
}

// Bounds of the pages kept: pages of at most maxKeptListEntries clients
// (a few hundred bytes each) asked for with a query of at most
// maxKeptListQuery bytes, at most listPageCacheSize of them.
const (
	maxKeptListEntries = 100
	maxKeptListQuery   = 1 << 10
	listPageCacheSize  = 256
)

// listPage is one page of the list, ready to encode.
type listPage struct {
	clients appgateClients
	page    *rank.Page[listKey]
	params  *listParams
	version int
	now     time.Time
	support func(string) string
}

// listWriter is where a page is encoded: a buffer, or the wire.
type listWriter interface {
	io.Writer
	io.ByteWriter
}

// encode writes the page's answer to out, entry by entry. It reports
// false when it stopped early: the client went away or out failed.
func (l *listPage) encode(ctx context.Context, out listWriter) bool {
	p, page := l.params, l.page
	head := make([]byte, 0, 512)
	head = append(head, '{')
	if l.version <= listDeprecatedTill {
		head = append(head, `"name":"Active Sessions","creationDate":`...)
		head = strconv.AppendQuote(head, l.now.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
		head = append(head, `,"refreshInterval":5,`...)
	}
	head = append(head, `"range":`...)
	head = strconv.AppendQuote(head, formatListRange(page.First, page.Last, page.Total))
	head = append(head, `,"orderBy":`...)
	head = strconv.AppendQuote(head, p.orderBy.String())
	head = append(head, `,"descending":`...)
	head = strconv.AppendBool(head, p.desc)
	head = append(head, `,"queries":`...)
	head = appendJSON(head, p.queries)
	head = append(head, `,"totalCount":`...)
	head = strconv.AppendInt(head, int64(l.clients.Count()), 10)
	head = append(head, `,"filterBy":`...)
	echo := make([]listFilterEcho, len(p.filters))
	for k, f := range p.filters {
		echo[k] = listFilterEcho{Name: f.field.String(), Value: f.value}
	}
	head = appendJSON(head, echo)
	head = append(head, `,"data":[`...)
	if _, err := out.Write(head); err != nil {
		return false
	}
	n := 0
	var werr error
	err := page.Each(func(i int) bool {
		c := l.clients.Active(i, fixtures.ActiveAll)
		e := listEntry(&c, l.version, l.support)
		b, _ := json.Marshal(&e) // strings, numbers and string slices only
		if n > 0 {
			_ = out.WriteByte(',')
		}
		n++
		_, werr = out.Write(b)
		return werr == nil && ctx.Err() == nil
	})
	if err != nil || werr != nil || ctx.Err() != nil {
		return false
	}
	_, werr = out.Write([]byte("]}"))
	return werr == nil
}

// appendJSON appends the encoding of v, one of the list's own types.
func appendJSON(b []byte, v any) []byte {
	enc, _ := json.Marshal(v)
	return append(b, enc...)
}

// listEntry is the list's entry for c as version shows it.
func listEntry(c *fixtures.ActiveClient, version int, support func(string) string) activeSession {
	e := activeSession{
		DistinguishedName: c.DN.String(),
		DeviceID:          c.DN.DeviceUUID(),
		Username:          c.DN.Username,
		ProviderName:      c.DN.Provider,
		Hostname:          c.Hostname,
		OSFamily:          c.OSFamily,
		OSName:            c.OSName,
		OSParent:          c.OSParent,
		ClientVersion:     c.ClientVersion,
		ClientType:        c.DeviceType,
		ClientSupport:     support(c.ClientVersion),
	}
	if c.Geo.Known() {
		lat, long := c.Geo.Latitude, c.Geo.Longitude
		e.GeoIPLatitude, e.GeoIPLongitude = &lat, &long
	}
	if version >= listGatewaysFrom && version <= listDeprecatedTill {
		e.Gateways = c.Gateways
	}
	return e
}

// listText is field f of c as the list shows it, for searching, filtering
// and ordering. A coordinate that is not known is "".
func listText(c *fixtures.ActiveClient, f listField, support func(string) string) string {
	switch f {
	case fieldDistinguishedName:
		return c.DN.String()
	case fieldDeviceID:
		return c.DN.DeviceUUID()
	case fieldUsername:
		return c.DN.Username
	case fieldProviderName:
		return c.DN.Provider
	case fieldGeoIPLatitude, fieldGeoIPLongitude:
		if !c.Geo.Known() {
			return ""
		}
		v := c.Geo.Latitude
		if f == fieldGeoIPLongitude {
			v = c.Geo.Longitude
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case fieldHostname:
		return c.Hostname
	case fieldOSFamily:
		return c.OSFamily
	case fieldOSName:
		return c.OSName
	case fieldOSParent:
		return c.OSParent
	case fieldClientVersion:
		return c.ClientVersion
	case fieldClientType:
		return c.DeviceType
	case fieldClientSupport:
		return support(c.ClientVersion)
	}
	return ""
}

// listKey is an entry's sort key: its text, or its number for the
// coordinates (known false sorts after every number).
type listKey struct {
	text  string
	num   float64
	known bool
	i     int // for the distinguished names' tie-break
}

// listSource is the list as package rank pages through it: the present
// clients that match p, keyed by p.orderBy.
func (s *Server) listSource(clients appgateClients, p *listParams, support func(string) string) rank.Source[listKey] {
	detail := listDetail(p)
	src := rank.Source[listKey]{N: clients.Len(), Desc: p.desc}
	src.Key = func(i int) (listKey, bool) {
		if !clients.Has(i) {
			return listKey{}, false
		}
		c := clients.Active(i, detail)
		if !p.matches(&c, support) {
			return listKey{}, false
		}
		k := listKey{i: i}
		switch {
		case p.orderBy == fieldDistinguishedName:
			// Device ids all have 32 digits, so they order the names, and
			// they need no username.
			k.text = c.DN.DeviceID
		case p.orderBy.numeric():
			t := listText(&c, p.orderBy, support)
			if t != "" {
				k.num, _ = strconv.ParseFloat(t, 64)
				k.known = true
			}
		default:
			k.text = listText(&c, p.orderBy, support)
		}
		return k, true
	}
	src.Cmp = func(a, b listKey) int {
		if p.orderBy.numeric() {
			switch {
			case a.known != b.known:
				if a.known {
					return -1
				}
				return 1
			case a.num != b.num:
				return cmp.Compare(a.num, b.num)
			}
			return 0
		}
		if c := strings.Compare(a.text, b.text); c != 0 || p.orderBy != fieldDistinguishedName {
			return c
		}
		// Two names on one device (only pinned clients can share one).
		da := clients.Active(a.i, fixtures.ActiveAll).DN.String()
		db := clients.Active(b.i, fixtures.ActiveAll).DN.String()
		return strings.Compare(da, db)
	}
	return src
}

// listDetail is how much of each client the search, the filters and the
// order need: ordering by name needs only the device id, anything that
// reads the username needs it all.
func listDetail(p *listParams) fixtures.ActiveDetail {
	if len(p.queries) > 0 {
		return fixtures.ActiveAll
	}
	detail := fixtures.ActiveDevice
	need := func(f listField, ordering bool) {
		switch f {
		case fieldDeviceID, fieldProviderName:
		case fieldDistinguishedName:
			if !ordering {
				detail = fixtures.ActiveAll
			}
		case fieldUsername, fieldHostname:
			detail = fixtures.ActiveAll
		default:
			detail = max(detail, fixtures.ActiveNoNames)
		}
	}
	need(p.orderBy, true)
	for _, f := range p.filters {
		need(f.field, false)
	}
	return detail
}

// matches reports whether c passes every query and filter of p: a query
// must be found in one of c's text fields, a filter in its field, both in
// any case.
func (p *listParams) matches(c *fixtures.ActiveClient, support func(string) string) bool {
	// A text field is worked out once, when a query first needs it.
	var texts [numListFields]string
	var have [numListFields]bool
	for _, q := range p.lowered {
		found := false
		for f := listField(0); f < numListFields && !found; f++ {
			if f.numeric() {
				continue
			}
			if !have[f] {
				texts[f], have[f] = listText(c, f, support), true
			}
			found = containsFold(texts[f], q)
		}
		if !found {
			return false
		}
	}
	for _, f := range p.filters {
		if !containsFold(listText(c, f.field, support), f.lowered) {
			return false
		}
	}
	return true
}

// clientSupport is the support status of a client version on the
// controller's release: its release and the two before are supported
// fully, the one before them partly, any other not at all.
func (s *Server) clientSupport(clientVersion string) string {
	controller := s.cfg.PeerVersion - peerVersionOfMinor0
	major, rest, _ := strings.Cut(clientVersion, ".")
	minorText, _, _ := strings.Cut(rest, ".")
	minor, err := strconv.Atoi(minorText)
	if major != "6" || err != nil {
		return "none"
	}
	switch d := controller - minor; {
	case d >= 0 && d <= 2:
		return "full"
	case d == 3:
		return "partial"
	}
	return "none"
}

// peerVersionOfMinor0 turns peer API versions into 6.x releases: peer
// version 24 is 6.7.
const peerVersionOfMinor0 = 17
