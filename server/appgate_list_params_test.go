package server

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestParseListRange(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in          string
		first, last int
		err         string
	}{
		{"3-10", 3, 10, ""},
		{"0-0", 0, 0, ""},
		{"007-8", 7, 8, ""},
		{"5-99999999999999999999", 5, maxRank, ""},
		{"10-3", 0, 0, `range "10-3": last 3 is before first 10`},
		{"3", 0, 0, `range "3": want FIRST-LAST, as in 0-9`},
		{"-5", 0, 0, `range "-5": first: missing`},
		{"5-", 0, 0, `range "5-": last: missing`},
		{"a-b", 0, 0, `range "a-b": first: "a" is not a non-negative integer`},
		{"1-2-3", 0, 0, `range "1-2-3": last: "2-3" is not a non-negative integer`},
		{" 1-2", 0, 0, `range " 1-2": first: " 1" is not a non-negative integer`},
		{"+1-2", 0, 0, `range "+1-2": first: "+1" is not a non-negative integer`},
	} {
		first, last, err := parseListRange(tt.in)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("parseListRange(%q) error %v, want %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || first != tt.first || last != tt.last):
			t.Errorf("parseListRange(%q) = %d, %d, %v; want %d, %d", tt.in, first, last, err, tt.first, tt.last)
		}
	}
}

func TestFormatListRange(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		first, last, n int
		want           string
	}{
		{0, 29, 54, "0-29/54"}, {3, 3, 4, "3-3/4"}, {0, -1, 0, "0-0/0"}, {0, -1, 7, "0-0/7"},
	} {
		if got := formatListRange(tt.first, tt.last, tt.n); got != tt.want {
			t.Errorf("formatListRange(%d, %d, %d) = %q, want %q", tt.first, tt.last, tt.n, got, tt.want)
		}
	}
}

func TestParseListParams(t *testing.T) {
	t.Parallel()
	f := func(field listField, v string) listFilter {
		return listFilter{field: field, value: v, lowered: strings.ToLower(v)}
	}
	for _, tt := range []struct {
		name, query string
		want        listParams
	}{
		{"defaults", "", listParams{orderBy: fieldDistinguishedName, queries: []string{}, lowered: []string{}}},
		{"everything", "range=3-10&orderBy=hostname&descending=true&query=Ann&query=ldap&providerName=ldap&filterBy[osFamily]=Windows",
			listParams{hasRange: true, first: 3, last: 10, orderBy: fieldHostname, desc: true,
				queries: []string{"Ann", "ldap"}, lowered: []string{"ann", "ldap"},
				filters: []listFilter{f(fieldProviderName, "ldap"), f(fieldOSFamily, "Windows")}}},
		{"field names in any case", "orderby=x&ORDERBY=y&orderBy=USERNAME&descending=TRUE&HOSTNAME=a",
			listParams{orderBy: fieldUsername, desc: true, queries: []string{}, lowered: []string{},
				filters: []listFilter{f(fieldHostname, "a")}}},
		{"what the v22 Go client sends for maps and structs",
			"filterBy=map%5BproviderName%3Aldap%5D&geolocationQuery=%7B0xc000012345+%3Cnil%3E+0xc000012350%7D",
			listParams{orderBy: fieldDistinguishedName, queries: []string{}, lowered: []string{}, ignored: []string{
				`filterBy "map[providerName:ldap]": not a form-exploded object`,
				`geolocationQuery "{0xc000012345 <nil> 0xc000012350}": not a form-exploded object`,
			}}},
		{"unreadable values are ignored", "range=ten&orderBy=colour&descending=maybe&query=&other=1",
			listParams{orderBy: fieldDistinguishedName, queries: []string{}, lowered: []string{}, ignored: []string{
				`descending "maybe": want true or false`,
				`orderBy "colour": no such field (fields: distinguishedName, deviceId, username, providerName, geoIpLatitude, geoIpLongitude, hostname, osFamily, osName, osParent, clientVersion, clientType, clientSupport)`,
				`range "ten": want FIRST-LAST, as in 0-9`,
			}}},
		{"a repeated filter keeps each value, sorted", "username=b&username=a",
			listParams{orderBy: fieldDistinguishedName, queries: []string{}, lowered: []string{},
				filters: []listFilter{f(fieldUsername, "a"), f(fieldUsername, "b")}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseListParams(q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("parseListParams(%q)\n got %+v\nwant %+v", tt.query, got, tt.want)
			}
		})
	}
}

func TestParseListParamsBounds(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxListValue+1)
	many := func(key string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString("&" + key + "=v")
		}
		return b.String()
	}
	for _, tt := range []struct{ query, want string }{
		{"query=" + long, "too much asked of the list: a query of 257 bytes (at most 256)"},
		{"username=" + long, "too much asked of the list: a filter value of 257 bytes (at most 256)"},
		{many("query", maxListQueries+1), "too much asked of the list: more than 32 query parameters"},
		{many("username", maxListFilters+1), "too much asked of the list: more than 32 filters"},
	} {
		q, _ := url.ParseQuery(tt.query)
		_, err := parseListParams(q)
		if !errors.Is(err, errListBounds) || err.Error() != tt.want {
			t.Errorf("%.40s...: error %v, want %q", tt.query, err, tt.want)
		}
	}
	q, _ := url.ParseQuery(many("query", maxListQueries) + many("username", maxListFilters))
	if _, err := parseListParams(q); err != nil {
		t.Errorf("exactly the bounds: %v", err)
	}
}

func FuzzParseListParams(f *testing.F) {
	for _, s := range []string{
		"range=3-10&orderBy=username&descending=true&query=a&providerName=ldap",
		"filterBy=map%5BproviderName%3Aldap%5D&geolocationQuery=%7B%3Cnil%3E%7D",
		"range=99999999999999999999999-1&query=%ZZ&filterBy[hostname]=x",
		"range=-&orderBy=&descending=&HostName=%00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw)
		p, err := parseListParams(q)
		if err != nil {
			if !errors.Is(err, errListBounds) {
				t.Fatalf("an error that is not about the bounds: %v", err)
			}
			return
		}
		if p.hasRange && (p.first < 0 || p.last < p.first || p.last > maxRank) {
			t.Fatalf("range %d-%d", p.first, p.last)
		}
		if len(p.queries) > maxListQueries || len(p.filters) > maxListFilters || len(p.queries) != len(p.lowered) {
			t.Fatalf("%d queries, %d filters", len(p.queries), len(p.filters))
		}
		if p.orderBy < 0 || p.orderBy >= numListFields {
			t.Fatalf("orderBy %d", p.orderBy)
		}
	})
}

func FuzzParseListRange(f *testing.F) {
	for _, s := range []string{"3-10", "0-0", "10-3", "-", "1-99999999999999999999", "٣-٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, last, err := parseListRange(s)
		if err == nil && (first < 0 || last < first || last > maxRank) {
			t.Fatalf("parseListRange(%q) = %d, %d", s, first, last)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "range ") {
			t.Fatalf("error %q does not name the range", err)
		}
	})
}
