package server

import (
	"cmp"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// listAnswer is the list's envelope as a client reads it.
type listAnswer struct {
	Name            *string          `json:"name"`
	CreationDate    *string          `json:"creationDate"`
	RefreshInterval *float64         `json:"refreshInterval"`
	Range           string           `json:"range"`
	OrderBy         string           `json:"orderBy"`
	Descending      bool             `json:"descending"`
	Queries         []string         `json:"queries"`
	TotalCount      int              `json:"totalCount"`
	FilterBy        []listFilterEcho `json:"filterBy"`
	Data            []map[string]any `json:"data"`
}

// list asks the mock for the list with query q as admin, at version
// (23 when 0), and checks the answer against the spec.
func (m *mock) list(t testing.TB, token string, version int, q string) (int, listAnswer, []byte) {
	t.Helper()
	if version == 0 {
		version = 23
	}
	path := "/admin/stats/active-sessions/dn"
	if q != "" {
		path += "?" + q
	}
	resp, body := m.call(t, m.request(t, "GET", path, nil,
		"Accept", appgate.PeerMediaType(version), "Authorization", "Bearer "+token))
	var a listAnswer
	if resp.StatusCode == 200 {
		mustUnmarshal(t, body, &a)
	}
	return resp.StatusCode, a, body
}

func dns(a listAnswer) []string {
	out := make([]string, len(a.Data))
	for i, e := range a.Data {
		out[i], _ = e["distinguishedName"].(string)
	}
	return out
}

func TestActiveSessionsListDefaults(t *testing.T) {
	m := start(t, nil)
	token := m.appgateToken(t, "admin", "admin")
	status, a, body := m.list(t, token, 0, "")
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	if a.Range != "0-19/20" || a.TotalCount != 20 || a.OrderBy != "distinguishedName" || a.Descending ||
		a.Queries == nil || len(a.Queries) != 0 || a.FilterBy == nil || len(a.Data) != 20 {
		t.Fatalf("envelope: %s", body)
	}
	if a.Name == nil || a.CreationDate == nil || *a.CreationDate != m.clock.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00") || a.RefreshInterval == nil {
		t.Errorf("version 23 lacks the deprecated block: %s", body)
	}
	got := dns(a)
	if !slices.IsSorted(got) {
		t.Errorf("the default order is not by distinguished name: %q", got)
	}
	set := m.world.Appgate()
	var want []string
	for i := 0; i < set.Len(); i++ {
		want = append(want, set.At(i).DN.String())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("listed %q\nwant %q", got, want)
	}
	golden(t, "appgate_active_sessions_seed1.json", body)
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./server -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s differs; if the change is intended, run go test ./server -update", path)
	}
}

// Every listed entry names a client whose session-info agrees with it.
func TestActiveSessionsListAgreesWithSessionInfo(t *testing.T) {
	m := start(t, nil)
	token := m.appgateToken(t, "admin", "admin")
	_, a, _ := m.list(t, token, 0, "")
	for _, e := range a.Data {
		dn := e["distinguishedName"].(string)
		resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/"+url.PathEscape(dn), nil,
			"Accept", accept23, "Authorization", "Bearer "+token))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", dn, resp.StatusCode, body)
		}
		var info fixtures.SessionInfo
		mustUnmarshal(t, body, &info)
		if info.Username != e["username"] || info.ProviderName != e["providerName"] || info.DeviceID != e["deviceId"] {
			t.Fatalf("%s: list says %v / %v / %v, session-info %s / %s / %s", dn,
				e["username"], e["providerName"], e["deviceId"], info.Username, info.ProviderName, info.DeviceID)
		}
		for _, gw := range e["gateways"].([]any) {
			if _, ok := info.Data[gw.(string)]; !ok {
				t.Errorf("%s: listed Gateway %v is not in session-info", dn, gw)
			}
		}
		if len(e["gateways"].([]any)) != len(info.Data) {
			t.Errorf("%s: %d Gateways listed, %d in session-info", dn, len(e["gateways"].([]any)), len(info.Data))
		}
		claims := info.Data[e["gateways"].([]any)[0].(string)].DeviceClaims
		if claims["hostname"] != e["hostname"] || claims["appVersion"] != e["clientVersion"] ||
			claims["os"].(map[string]any)["name"] != e["osName"] {
			t.Errorf("%s: listed device %v / %v / %v, claims %v", dn, e["hostname"], e["clientVersion"], e["osName"], claims)
		}
	}
}

// Paging with range visits every client exactly once, in every order.
func TestActiveSessionsListPaging(t *testing.T) {
	m := start(t, func(c *Config) { c.World = mustWorld(t, 5, 0, 1000) })
	token := m.appgateToken(t, "admin", "admin")
	for f := listField(0); f < numListFields; f++ {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s desc=%v", f, desc), func(t *testing.T) {
				var all []map[string]any
				for first := 0; first < 1000; first += 137 {
					q := fmt.Sprintf("range=%d-%d&orderBy=%s&descending=%v", first, first+136, f, desc)
					status, a, body := m.list(t, token, 22, q)
					last := min(first+136, 999)
					if status != 200 || a.Range != fmt.Sprintf("%d-%d/1000", first, last) || a.TotalCount != 1000 ||
						len(a.Data) != last-first+1 || a.OrderBy != f.String() || a.Descending != desc {
						t.Fatalf("%s: %d %.300s", q, status, body)
					}
					all = append(all, a.Data...)
				}
				seen := map[string]bool{}
				for _, e := range all {
					dn := e["distinguishedName"].(string)
					if seen[dn] {
						t.Fatalf("%s listed twice", dn)
					}
					seen[dn] = true
				}
				if len(seen) != 1000 {
					t.Fatalf("%d clients listed, want 1000", len(seen))
				}
				ordered := slices.IsSortedFunc(all, func(a, b map[string]any) int {
					c := compareField(a, b, f)
					if desc {
						return -c
					}
					return c
				})
				if !ordered {
					t.Fatalf("not ordered by %s", f)
				}
			})
		}
	}
}

// compareField orders two entries by f the way the list does: text by its
// bytes, numbers as numbers, missing numbers last.
func compareField(a, b map[string]any, f listField) int {
	if f.numeric() {
		x, okx := a[f.String()].(float64)
		y, oky := b[f.String()].(float64)
		if okx != oky {
			if okx {
				return -1
			}
			return 1
		}
		return cmp.Compare(x, y)
	}
	x, _ := a[f.String()].(string)
	y, _ := b[f.String()].(string)
	return strings.Compare(x, y)
}

func TestActiveSessionsListSearchAndFilters(t *testing.T) {
	m := start(t, func(c *Config) { c.World = mustWorld(t, 5, 0, 300) })
	token := m.appgateToken(t, "admin", "admin")
	set := m.world.Appgate()
	// count is what the fixtures say should match.
	count := func(match func(c fixtures.ActiveClient) bool) int {
		n := 0
		for i := 0; i < set.Len(); i++ {
			if match(set.Active(i, fixtures.ActiveAll)) {
				n++
			}
		}
		return n
	}
	has := func(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }
	tests := []struct {
		query string
		match func(c fixtures.ActiveClient) bool
		echo  []listFilterEcho
	}{
		{"providerName=ldap", func(c fixtures.ActiveClient) bool { return c.DN.Provider == "ldap" },
			[]listFilterEcho{{"providerName", "ldap"}}},
		{"filterBy%5BosFamily%5D=WINDOWS&clientVersion=6.4", func(c fixtures.ActiveClient) bool {
			return c.OSFamily == "Windows" && strings.HasPrefix(c.ClientVersion, "6.4")
		}, []listFilterEcho{{"osFamily", "WINDOWS"}, {"clientVersion", "6.4"}}},
		{"query=LAPTOP", func(c fixtures.ActiveClient) bool { return has(c.Hostname, "laptop") }, []listFilterEcho{}},
		{"query=mbp&query=ldap", func(c fixtures.ActiveClient) bool {
			return has(c.Hostname, "mbp") && (c.DN.Provider == "ldap" || has(c.DN.String(), "ldap"))
		}, []listFilterEcho{}},
		{"query=no-such-text", func(fixtures.ActiveClient) bool { return false }, []listFilterEcho{}},
		// What the official v22 Go client sends for a filter and a geolocation: ignored.
		{"filterBy=map%5BproviderName%3Aldap%5D&geolocationQuery=%7B0xc00001a0b8+0xc00001a0c0+%3Cnil%3E%7D",
			func(fixtures.ActiveClient) bool { return true }, []listFilterEcho{}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			want := count(tt.match)
			status, a, body := m.list(t, token, 0, tt.query)
			if status != 200 || len(a.Data) != want || a.TotalCount != 300 ||
				a.Range != formatListRange(0, want-1, want) || !slices.Equal(a.FilterBy, tt.echo) {
				t.Fatalf("%d entries (want %d), range %s, total %d, filters %v: %.200s", len(a.Data), want, a.Range, a.TotalCount, a.FilterBy, body)
			}
			if want < 2 {
				return
			}
			// The page of a search pages through the matches only.
			_, page, _ := m.list(t, token, 0, tt.query+"&range=1-2")
			if page.Range != formatListRange(1, min(2, want-1), want) || !slices.Equal(dns(page), dns(a)[1:min(3, want)]) {
				t.Errorf("range 1-2 of the search: %s %q", page.Range, dns(page))
			}
		})
	}
}

func TestActiveSessionsListRanges(t *testing.T) {
	m := start(t, nil)
	token := m.appgateToken(t, "admin", "admin")
	_, full, _ := m.list(t, token, 0, "")
	for _, tt := range []struct {
		query, rng string
		first, n   int
	}{
		{"range=3-10", "3-10/20", 3, 8},
		{"range=15-99", "15-19/20", 15, 5},
		{"range=20-30", "0-0/20", 0, 0},
		{"range=0-0", "0-0/20", 0, 1},
		{"range=10-3", "0-19/20", 0, 20}, // unreadable: the whole list
		{"range=ten", "0-19/20", 0, 20},  // unreadable: the whole list
		{"range=5-99999999999999999999", "5-19/20", 5, 15},
	} {
		status, a, body := m.list(t, token, 0, tt.query)
		if status != 200 || a.Range != tt.rng || !slices.Equal(dns(a), dns(full)[tt.first:tt.first+tt.n]) {
			t.Errorf("%s: %d range %s, %d entries: %.200s", tt.query, status, a.Range, len(a.Data), body)
		}
	}
	// Too much asked is refused, in the controller's error form.
	status, _, body := m.list(t, token, 0, "query="+strings.Repeat("a", maxListValue+1))
	if status != 400 || !strings.Contains(string(body), `"id":"bad request"`) {
		t.Errorf("an oversized query: %d %s", status, body)
	}
}

// The answer follows the version asked for.
func TestActiveSessionsListVersions(t *testing.T) {
	m := start(t, func(c *Config) { c.PeerVersion, c.LowestPeerVersion = 25, 21 })
	token := m.appgateToken(t, "admin", "admin")
	for _, tt := range []struct {
		version              int
		deprecated, gateways bool
	}{{21, true, false}, {22, true, false}, {23, true, true}, {24, true, true}, {25, false, false}} {
		status, a, body := m.list(t, token, tt.version, "range=0-0")
		if status != 200 {
			t.Fatalf("v%d: %d %s", tt.version, status, body)
		}
		_, hasGateways := a.Data[0]["gateways"]
		if (a.Name != nil) != tt.deprecated || (a.CreationDate != nil) != tt.deprecated ||
			(a.RefreshInterval != nil) != tt.deprecated || hasGateways != tt.gateways {
			t.Errorf("v%d: %s", tt.version, body)
		}
	}
}

func TestActiveSessionsListErrors(t *testing.T) {
	m := start(t, nil)
	viewer := m.appgateToken(t, "viewer", "viewer")
	for _, tt := range []struct {
		name   string
		header []string
		status int
	}{
		{"no token", []string{"Accept", accept23}, 401},
		{"bad token", []string{"Accept", accept23, "Authorization", "Bearer bm9wZQ=="}, 401},
		{"no privilege", []string{"Accept", accept23, "Authorization", "Bearer " + viewer}, 403},
		{"old version", []string{"Accept", "application/vnd.appgate.peer-v5+json"}, 406},
	} {
		resp, body := m.call(t, m.request(t, "GET", "/admin/stats/active-sessions/dn", nil, tt.header...))
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d %s", tt.name, resp.StatusCode, body)
		}
		resp, body = m.call(t, m.request(t, "GET", "/admin/stats/active-sessions/dashboard", nil, tt.header...))
		if resp.StatusCode != tt.status {
			t.Errorf("dashboard, %s: %d %s", tt.name, resp.StatusCode, body)
		}
	}
}

// Pinned clients are listed like generated ones, and two names on one
// device are ordered by the whole name.
func TestActiveSessionsListPinned(t *testing.T) {
	pins, err := fixtures.ParsePinned("pins.yaml", []byte(`
appgate:
  clients:
    - dn: "CN=00000000000040008000000000000001,CN=zoe,OU=local"
    - dn: "CN=00000000000040008000000000000001,CN=adam,OU=local"
    - dn: "CN=ffffffffffff4fff8fffffffffffffff,CN=last,OU=ldap"
`))
	if err != nil {
		t.Fatal(err)
	}
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, AppgateClients: 20, Pinned: pins})
	if err != nil {
		t.Fatal(err)
	}
	m := start(t, func(c *Config) { c.World = world })
	token := m.appgateToken(t, "admin", "admin")
	_, a, body := m.list(t, token, 0, "")
	got := dns(a)
	if a.TotalCount != 23 || len(got) != 23 || got[0] != "CN=00000000000040008000000000000001,CN=adam,OU=local" ||
		got[1] != "CN=00000000000040008000000000000001,CN=zoe,OU=local" || got[22] != "CN=ffffffffffff4fff8fffffffffffffff,CN=last,OU=ldap" {
		t.Fatalf("%q\n%.300s", got, body)
	}
	for _, dn := range got {
		resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/"+url.PathEscape(dn), nil,
			"Accept", accept23, "Authorization", "Bearer "+token))
		if resp.StatusCode != 200 {
			t.Fatalf("listed %s: session-info %d %s", dn, resp.StatusCode, body)
		}
	}
	_, d, _ := m.list(t, token, 0, "descending=true&range=0-1")
	if dns(d)[0] != got[22] || dns(d)[1] != got[21] {
		t.Errorf("descending: %q", dns(d))
	}
}

func TestDashboardAgreesWithList(t *testing.T) {
	m := start(t, func(c *Config) { c.World = mustWorld(t, 3, 0, 500) })
	token := m.appgateToken(t, "admin", "admin")
	resp, body := m.call(t, m.request(t, "GET", "/admin/stats/active-sessions/dashboard", nil,
		"Accept", accept23, "Authorization", "Bearer "+token))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var d dashboardAnswer
	mustUnmarshal(t, body, &d)
	_, list, _ := m.list(t, token, 0, "")
	if d.TotalCount != list.TotalCount || d.TotalCount != 500 {
		t.Fatalf("dashboard total %d, list total %d", d.TotalCount, list.TotalCount)
	}
	byVersion, byCountry := map[string]int{}, map[string]int{}
	for _, e := range list.Data {
		byVersion[e["clientVersion"].(string)]++
		lat := e["geoIpLatitude"].(float64)
		byCountry[strconv.FormatFloat(lat, 'f', -1, 64)]++
	}
	sum := 0
	for v, c := range d.Versions {
		if byVersion[v] != c.SessionCount {
			t.Errorf("version %s: dashboard %d, list %d", v, c.SessionCount, byVersion[v])
		}
		if want := (&Server{cfg: Config{PeerVersion: DefaultPeerVersion}}).clientSupport(v); c.SupportStatus != want {
			t.Errorf("version %s: support %s, want %s", v, c.SupportStatus, want)
		}
		sum += c.SessionCount
	}
	if sum != 500 {
		t.Errorf("version counts sum to %d", sum)
	}
	sum = 0
	for _, g := range d.GeoIPData {
		if byCountry[strconv.FormatFloat(g.Latitude, 'f', -1, 64)] != g.SessionCount || len(g.IPs) == 0 || len(g.IPs) > dashboardMaxIPs {
			t.Errorf("location %+v: list has %d there", g, byCountry[strconv.FormatFloat(g.Latitude, 'f', -1, 64)])
		}
		sum += g.SessionCount
	}
	if sum != 500 {
		t.Errorf("location counts sum to %d", sum)
	}
}

func TestClientSupport(t *testing.T) {
	t.Parallel()
	s := &Server{cfg: Config{PeerVersion: 24}} // 6.7
	for v, want := range map[string]string{
		"6.7.0": "full", "6.5.1": "full", "6.4.2": "partial", "6.3.4": "none", "6.8.0": "none", "5.5": "none", "": "none", "6.x": "none",
	} {
		if got := s.clientSupport(v); got != want {
			t.Errorf("clientSupport(%q) at 6.7 = %q, want %q", v, got, want)
		}
	}
}

func TestContainsFoldListTerms(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		s, sub string
		want   bool
	}{
		{"LAPTOP-X", "laptop", true}, {"abc", "", true}, {"ab", "abc", false}, {"ÄBC", "äb", true}, {"xyz", "y", true}, {"xyz", "Y", false},
	} {
		if got := containsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v", tt.s, tt.sub, got)
		}
	}
}
