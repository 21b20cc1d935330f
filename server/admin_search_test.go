package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
)

// searchPage is a search answer with the records left as sent.
type searchPage struct {
	Query   string `json:"query"`
	Segura  *page  `json:"segura"`
	Appgate *page  `json:"appgate"`
}

type page struct {
	Total    int               `json:"total"`
	Offset   int               `json:"offset"`
	Next     *int              `json:"next"`
	Sessions []json.RawMessage `json:"sessions"`
	Clients  []json.RawMessage `json:"clients"`
}

func (m *mock) search(t *testing.T, params string) searchPage {
	t.Helper()
	resp, body := m.call(t, m.request(t, "GET", "/__mock/sessions?"+params, nil))
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", params, resp.StatusCode, body)
	}
	var p searchPage
	mustUnmarshal(t, body, &p)
	return p
}

func TestSearchSeguraSessions(t *testing.T) {
	m := start(t, nil)
	set := m.world.Segura()
	// What the vendor's own list sends, record by record.
	resp, body := m.call(t, m.request(t, "GET", "/api/session/remotesessions", nil,
		"Authorization", "Bearer "+m.seguraToken(t, "sessionmock", "sessionmock-secret")))
	if resp.StatusCode != 200 {
		t.Fatalf("list: %d", resp.StatusCode)
	}
	var list struct {
		Sessions []json.RawMessage `json:"remote_sessions"`
	}
	mustUnmarshal(t, body, &list)

	term := set.At(7).Protocol
	var want []json.RawMessage
	for i := range set.Len() {
		r := set.At(i)
		for _, f := range []string{r.ID, r.User, r.OriginIP, r.Credential, r.Device, r.Protocol, r.Proxy, r.SessionID, r.Start, r.End, deref(r.Request), deref(r.ITSM)} {
			if strings.Contains(strings.ToLower(f), term) {
				want = append(want, list.Sessions[i])
				break
			}
		}
	}
	if len(want) < 3 || len(want) == set.Len() {
		t.Fatalf("test needs a term some sessions match; %q matches %d", term, len(want))
	}
	// Any case, and paged two at a time by following next.
	var got []json.RawMessage
	params := url.Values{"vendor": {"segura"}, "query": {strings.ToUpper(term)}, "limit": {"2"}}
	for pages := 0; ; pages++ {
		p := m.search(t, params.Encode())
		if p.Appgate != nil || p.Segura.Total != set.Len() || len(p.Segura.Sessions) > 2 {
			t.Fatalf("page %d: %+v", pages, p)
		}
		got = append(got, p.Segura.Sessions...)
		if p.Segura.Next == nil {
			break
		}
		if pages > set.Len() {
			t.Fatal("next never ends")
		}
		params.Set("offset", strconv.Itoa(*p.Segura.Next))
	}
	if len(got) != len(want) {
		t.Fatalf("%d matches, want %d", len(got), len(want))
	}
	// Each match is the vendor's bytes, then its lifecycle.
	for i := range want {
		vendor, lc, ok := bytes.Cut(got[i], []byte(`,"lifecycle":{"start":`))
		if !ok || !bytes.Equal(append(vendor, '}'), want[i]) || !bytes.Contains(lc, []byte(`"state":"`)) {
			t.Errorf("match %d\n got %s\nwant %s (the vendor's bytes) and its lifecycle", i, got[i], want[i])
		}
	}

	// Every term must match, each in any field.
	r := set.At(7)
	p := m.search(t, url.Values{"vendor": {"segura"}, "query": {r.User + " " + r.SessionID[:10]}}.Encode())
	if len(p.Segura.Sessions) != 1 || !strings.Contains(string(p.Segura.Sessions[0]), r.SessionID) || p.Segura.Next != nil {
		t.Errorf("user and session id: %+v", p.Segura)
	}
	p = m.search(t, url.Values{"vendor": {"segura"}, "query": {r.User + " nosuchthing"}}.Encode())
	if len(p.Segura.Sessions) != 0 {
		t.Errorf("a term no record has matched %d", len(p.Segura.Sessions))
	}
}

func TestSearchAppgateClients(t *testing.T) {
	m := start(t, nil)
	set := m.world.Appgate()
	c := set.At(11)
	// By a part of the username, and by the device id as the body writes it.
	for _, q := range []string{c.DN.Username[:len(c.DN.Username)-1], c.Info.DeviceID[:13]} {
		p := m.search(t, url.Values{"vendor": {"appgate"}, "query": {q}}.Encode())
		found := false
		for _, raw := range p.Appgate.Clients {
			var got fixtures.AppgateClient
			mustUnmarshal(t, raw, &got)
			found = found || got.DN == c.DN
		}
		if !found || p.Segura != nil || p.Appgate.Total != set.Len() {
			t.Errorf("query %q: %d clients, client 11 among them: %v", q, len(p.Appgate.Clients), found)
		}
	}
	// A whole DN, spelled as clients send it, finds its client at once;
	// its sessionInfo is the session-info body.
	spelled := "cn=" + strings.ToUpper(c.DN.DeviceUUID()) + ", cn=" + c.DN.Username + ", ou=" + c.DN.Provider
	p := m.search(t, url.Values{"query": {spelled}}.Encode())
	if len(p.Appgate.Clients) != 1 || p.Appgate.Next != nil {
		t.Fatalf("by DN: %+v", p.Appgate)
	}
	resp, info := m.call(t, m.request(t, "GET", "/admin/session-info/"+c.DN.String(), nil,
		"Accept", accept23, "Authorization", "Bearer "+m.appgateToken(t, "admin", "admin")))
	if resp.StatusCode != 200 {
		t.Fatalf("session-info: %d", resp.StatusCode)
	}
	var one struct {
		SessionInfo json.RawMessage `json:"sessionInfo"`
	}
	mustUnmarshal(t, p.Appgate.Clients[0], &one)
	if !bytes.Equal(one.SessionInfo, info) {
		t.Errorf("sessionInfo\n%s\nsession-info\n%s", one.SessionInfo, info)
	}
	unknown := strings.Replace(c.DN.String(), c.DN.Username, "nobody-at-all", 1)
	if p := m.search(t, url.Values{"vendor": {"appgate"}, "query": {unknown}}.Encode()); len(p.Appgate.Clients) != 0 {
		t.Errorf("an unknown DN found %d clients", len(p.Appgate.Clients))
	}
}

func TestSearchErrors(t *testing.T) {
	m := start(t, nil)
	for _, q := range []string{
		"query=" + strings.Repeat("a", maxQueryBytes+1),
		"query=" + strings.Repeat("a+", maxQueryTerms+1),
		"query=%20%20",
		"query=%ff",
		"query=a&limit=x",
	} {
		resp, body := m.call(t, m.request(t, "GET", "/__mock/sessions?"+q, nil))
		var e adminErrorBody
		mustUnmarshal(t, body, &e)
		if resp.StatusCode != 400 || !strings.HasPrefix(e.Error, "query: ") && !strings.HasPrefix(e.Error, "limit: ") {
			t.Errorf("%.40s: %d %s", q, resp.StatusCode, body)
		}
	}
}

func TestSearchStopsAtItsBudgetAndForAGoneCaller(t *testing.T) {
	t.Parallel()
	w := mustWorld(t, 1, 5000, 3000)
	terms := []string{"nosuchthing"}
	sp := searchSegura(context.Background(), w.View(w.Start(), nil).Segura(), terms, 100, 10, 1000)
	if sp == nil || len(sp.Sessions) != 0 || sp.Next == nil || *sp.Next != 1100 {
		t.Errorf("segura: %+v, want no match and next 1100", sp)
	}
	ap := searchAppgate(context.Background(), w.View(w.Start(), nil).Appgate(), "nosuchthing", terms, 2500, 10, 1000)
	if ap == nil || len(ap.Clients) != 0 || ap.Next != nil {
		t.Errorf("appgate: %+v, want no match and the end", ap)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if sp := searchSegura(ctx, w.View(w.Start(), nil).Segura(), terms, 0, 10, maxSearchScan); sp != nil {
		t.Errorf("segura searched on for a caller who left: %+v", sp)
	}
	if ap := searchAppgate(ctx, w.View(w.Start(), nil).Appgate(), "x", terms, 0, 10, maxSearchScan); ap != nil {
		t.Errorf("appgate searched on for a caller who left: %+v", ap)
	}
}

func TestContainsFold(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		s, term string
		want    bool
	}{
		{"Alice.Smith", "smith", true},
		{"alice", "", true},
		{"ali", "alice", false},
		{"RDP Proxy", "p pr", true},
		{"JOSÉ", "josé", true},
		{"abc", "é", false},
	} {
		if got := containsFold(tt.s, tt.term); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v", tt.s, tt.term, got)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"alice", "  ssh  10.0.0.1 ", "CN=x,CN=y,OU=z", "\xff", strings.Repeat("a ", 9)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms, err := parseQuery(q)
		if err != nil {
			if terms != nil {
				t.Fatalf("terms %q with error %v", terms, err)
			}
			return
		}
		if len(terms) == 0 || len(terms) > maxQueryTerms || len(q) > maxQueryBytes {
			t.Fatalf("%q gave %d terms", q, len(terms))
		}
		for _, term := range terms {
			if term == "" || term != strings.ToLower(term) || strings.ContainsAny(term, " \t\n") {
				t.Fatalf("term %q of %q", term, q)
			}
		}
	})
}
