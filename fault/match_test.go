package fault

import (
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGlob(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"/api/session/remotesessions", "/api/session/remotesessions", true},
		{"/api/session/remotesessions", "/api/session/remotesessions/3", false},
		{"/api/session/remotesessions/*", "/api/session/remotesessions/3", true},
		{"/api/*", "/api/session/remotesessions/3", true},
		{"*", "", true},
		{"*", "/anything/at/all", true},
		{"/admin/*/x", "/admin/a/b/x", true},
		{"/admin/*/x", "/admin/a/b/y", false},
		{"*sessions*", "/api/session/remotesessions/7", true},
		{"/a*b*c", "/aXbYbZc", true},
		{"/a*b*c", "/aXbYbZ", false},
		{"/a**", "/a", true},
		{"", "", true},
		{"", "/", false},
		{"/x", "/X", false},
		{"/admin/session-info/CN=*,OU=local", "/admin/session-info/CN=abc,CN=bob,OU=local", true},
		{"a*a", "a", false},
		{"*aab*", "aaab", true},
		{"*abab*", "abaabab", true},
		{"/x*y*z", "/xzyz", true},
		{"/x*y*z", "/xzzy", false},
		{"*", "*", true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" "+tt.s, func(t *testing.T) {
			if got := glob(tt.pattern, tt.s); got != tt.want {
				t.Errorf("glob(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
			}
		})
	}
}

func TestMatchFields(t *testing.T) {
	t.Parallel()
	base := Request{
		Vendor: VendorAppgate, Route: RouteSessionInfo, Method: "GET",
		Path:   "/admin/session-info/" + aliceDN,
		DN:     aliceDN,
		Client: "admin",
		Header: http.Header{"X-Test": {"a", "b"}, "Accept": {"application/vnd.appgate.peer-v23+json"}},
	}
	with := func(f func(*Request)) Request {
		r := base
		f(&r)
		return r
	}
	tests := []struct {
		name  string
		match Match
		req   Request
		want  bool
	}{
		{"empty matches all", Match{}, base, true},
		{"vendor", Match{Vendor: "appgate"}, base, true},
		{"vendor any case", Match{Vendor: "APPGATE"}, base, true},
		{"other vendor", Match{Vendor: "segura"}, base, false},
		{"route", Match{Route: "session-info"}, base, true},
		{"other route", Match{Route: "login"}, base, false},
		{"route on unknown path", Match{Route: "login"}, with(func(r *Request) { r.Route = "" }), false},
		{"method", Match{Method: "get"}, base, true},
		{"other method", Match{Method: "POST"}, base, false},
		{"path glob", Match{Path: "/admin/session-info/*"}, base, true},
		{"path glob miss", Match{Path: "/api/*"}, base, false},
		{"dn same", Match{DN: aliceDN}, base, true},
		{"dn dashed upper spaced", Match{DN: "cn = 4C07BC67-57EA-42DD-B702-C2D6C45419FC , cn=alice, ou=local"}, base, true},
		{"request dn other spelling", Match{DN: aliceDN}, with(func(r *Request) { r.DN = "CN=4c07bc67-57ea-42dd-b702-c2d6c45419fc, CN=alice, OU=local" }), true},
		{"dn other user", Match{DN: "CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=bob,OU=local"}, base, false},
		{"request dn invalid", Match{DN: aliceDN}, with(func(r *Request) { r.DN = "garbage" }), false},
		{"request without dn", Match{DN: aliceDN}, with(func(r *Request) { r.DN = "" }), false},
		{"client", Match{Client: "admin"}, base, true},
		{"other client", Match{Client: "viewer"}, base, false},
		{"unknown client", Match{Client: "admin"}, with(func(r *Request) { r.Client = "" }), false},
		{"header value", Match{Headers: map[string]string{"x-test": "b"}}, base, true},
		{"header other value", Match{Headers: map[string]string{"X-Test": "c"}}, base, false},
		{"header present", Match{Headers: map[string]string{"X-TEST": "*"}}, base, true},
		{"header absent", Match{Headers: map[string]string{"X-Other": "*"}}, base, false},
		{"header nil request", Match{Headers: map[string]string{"X-Test": "*"}}, with(func(r *Request) { r.Header = nil }), false},
		{"all fields", Match{Vendor: "appgate", Route: "session-info", Method: "GET", Path: "/admin/*", DN: aliceDN, Client: "admin",
			Headers: map[string]string{"X-Test": "a", "Accept": "*"}}, base, true},
		{"all but one", Match{Vendor: "appgate", Route: "session-info", Method: "GET", Path: "/admin/*", DN: aliceDN, Client: "viewer"}, base, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Rule{Match: tt.match, Action: Action{Status: 500}}
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			m := r.normalized().Match
			mt := newMatcher(&m)
			req := tt.req
			if got := mt.matches(&request{Request: &req}); got != tt.want {
				t.Errorf("matches = %v, want %v", got, tt.want)
			}
		})
	}
}

// globRegexp is the meaning of a glob, written as an RE2 expression.
func globRegexp(pattern string) *regexp.Regexp {
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`^(?s:` + strings.Join(parts, ".*") + `)$`)
}

// The compiled glob agrees with the regular expression on patterns and
// paths over a small alphabet, where stars and repeats interact most.
func TestGlobAgreesWithRegexp(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, max int) string {
		b := make([]byte, rng.IntN(max+1))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 20000 {
		pattern, s := word("ab*", 8), word("ab", 12)
		if got, want := glob(pattern, s), globRegexp(pattern).MatchString(s); got != want {
			t.Fatalf("glob(%q, %q) = %v, want %v", pattern, s, got, want)
		}
	}
}

// The pattern that made a backtracking matcher take seconds, at the
// largest size a rule may hold, against a path of 64 KiB.
func TestGlobHostile(t *testing.T) {
	t.Parallel()
	a := strings.Repeat("a", 64<<10)
	for _, tt := range []struct {
		pattern, s string
		want       bool
	}{
		{"*" + strings.Repeat("a", 1022) + "b", a, false},
		{"*" + strings.Repeat("a", 1021) + "b*", a, false},
		{"*" + strings.Repeat("a*", 511), a, true},
		{"*" + strings.Repeat("a*", 511) + "b", a, false},
		{"*" + strings.Repeat("a", 1021) + "b*", a + "b" + a, true},
	} {
		if got := glob(tt.pattern, tt.s); got != tt.want {
			t.Errorf("glob(%.20q..., %d bytes) = %v, want %v", tt.pattern, len(tt.s), got, tt.want)
		}
	}
}

func FuzzGlob(f *testing.F) {
	f.Add("/api/*", "/api/session/remotesessions")
	f.Add("*a*b*", "xxaxxbxx")
	f.Add("a*a", "a")
	f.Add("*aab*", "aaab")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 64 || len(s) > 256 || !utf8.ValidString(pattern) || !utf8.ValidString(s) {
			return // the reference is quick only on short inputs, and takes only UTF-8
		}
		if got, want := glob(pattern, s), globRegexp(pattern).MatchString(s); got != want {
			t.Fatalf("glob(%q, %q) = %v, want %v", pattern, s, got, want)
		}
	})
}
