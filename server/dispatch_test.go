package server

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/sessionmock/sessionmock/wire"
)

// routed is where a router sent a request: the pattern and the parameter
// the handler read ("" and "" for none of the table's routes).
type routed struct{ pattern, param string }

// paramName is the name of a pattern's parameter, "" for none.
func paramName(pattern string) string {
	open := strings.IndexByte(pattern, '{')
	if open < 0 {
		return ""
	}
	return pattern[open+1 : len(pattern)-1]
}

// routers builds, from routes, chi as the server builds it and the
// dispatch in front of it; each route's handler reports where the request
// went and its parameter, through chi.URLParam under chi and routeParam
// under the dispatch.
func routers(t testing.TB, routes []wire.Route) (viaChi, viaDispatch http.Handler) {
	t.Helper()
	report := func(w http.ResponseWriter, rt routed) {
		w.Header().Set("X-Pattern", rt.pattern)
		w.Header().Set("X-Param", rt.param)
	}
	bare := chi.NewRouter()
	fronted := chi.NewRouter()
	d := newDispatch(fronted)
	for _, e := range routes {
		pattern, name := e.Pattern, paramName(e.Pattern)
		bare.Method(e.Method, pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			param := ""
			if name != "" {
				param = chi.URLParam(r, name)
			}
			if r.Pattern != pattern {
				t.Errorf("chi routed to %s but set Pattern %q", pattern, r.Pattern)
			}
			report(w, routed{pattern, param})
		}))
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			param := ""
			if name != "" {
				param = routeParam(r)
			}
			if r.Pattern != pattern {
				t.Errorf("routed to %s with Pattern %q", pattern, r.Pattern)
			}
			report(w, routed{pattern, param})
		})
		fronted.Method(e.Method, pattern, h)
		if err := d.add(e, h); err != nil {
			t.Fatal(err)
		}
	}
	return bare, d
}

// where sends the request line to h and reports where it went; ok is
// false when net/http would not read such a request.
func where(h http.Handler, method, target string) (rt routed, ok bool) {
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(method + " " + target + " HTTP/1.1\r\nHost: mock\r\n\r\n")))
	if err != nil {
		return routed{}, false
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return routed{w.Header().Get("X-Pattern"), w.Header().Get("X-Param")}, true
}

// dispatchSeeds are request lines at the edges of the routes: every
// pattern with plain, escaped and awkward parameters, trailing and doubled
// slashes, other cases and other methods.
func dispatchSeeds() [][2]string {
	var out [][2]string
	params := []string{"1", "abc", "CN=alice,CN=local,OU=dev", "CN%3Dalice%2CCN%3Dlocal", "a%2Fb", "%41", "a b", "%zz", ".", "..", "-"}
	for _, e := range routeTable {
		p := e.Pattern
		if name := paramName(p); name != "" {
			base := strings.TrimSuffix(p, "{"+name+"}")
			for _, v := range params {
				out = append(out, [2]string{e.Method, base + v}, [2]string{e.Method, base + v + "/"}, [2]string{e.Method, base + v + "/x"})
			}
			out = append(out, [2]string{e.Method, base}, [2]string{e.Method, strings.TrimSuffix(base, "/")}, [2]string{e.Method, base + "/x"})
		} else {
			out = append(out, [2]string{e.Method, p}, [2]string{e.Method, p + "/"}, [2]string{e.Method, p + "?a=1"},
				[2]string{e.Method, strings.ToUpper(p)}, [2]string{e.Method, "/" + p}, [2]string{e.Method, p + "%2F"})
		}
		for _, m := range []string{"GET", "POST", "DELETE", "HEAD", "PUT", "OPTIONS", "get", "BREW"} {
			out = append(out, [2]string{m, e.Path("1")})
		}
	}
	return append(out, [2]string{"GET", "/"}, [2]string{"GET", "*"}, [2]string{"GET", "http://mock/admin/version"},
		[2]string{"GET", "/__mock/config"}, [2]string{"GET", "/admin/session-info/%2F"}, [2]string{"GET", "/admin//version"})
}

// TestDispatchAgreesWithChi checks the seeds: every request goes where chi
// sends it, with the parameter chi gives, and the seeds reach every route.
func TestDispatchAgreesWithChi(t *testing.T) {
	t.Parallel()
	viaChi, viaDispatch := routers(t, Routes())
	reached := map[string]bool{}
	for _, s := range dispatchSeeds() {
		want, ok := where(viaChi, s[0], s[1])
		if !ok {
			continue
		}
		got, _ := where(viaDispatch, s[0], s[1])
		if got != want {
			t.Errorf("%s %s: routed to %+v, chi routes it to %+v", s[0], s[1], got, want)
		}
		reached[got.pattern+" "+got.param] = true
	}
	for _, e := range routeTable {
		if !reached[e.Pattern+" "] && !reached[e.Pattern+" 1"] {
			t.Errorf("no seed reaches %s", e.Route)
		}
	}
}

// FuzzDispatchAgreesWithChi sends random request lines through chi and
// through the dispatch in front of it, and requires the same route and
// parameter, or none, for each.
func FuzzDispatchAgreesWithChi(f *testing.F) {
	for _, s := range dispatchSeeds() {
		f.Add(s[0], s[1])
	}
	viaChi, viaDispatch := routers(f, Routes())
	f.Fuzz(func(t *testing.T, method, target string) {
		want, ok := where(viaChi, method, target)
		if !ok {
			return
		}
		if got, _ := where(viaDispatch, method, target); got != want {
			t.Fatalf("%q %q: routed to %+v, chi routes it to %+v", method, target, got, want)
		}
	})
}

// TestDispatchRefusesOtherPatterns: a pattern the dispatch cannot route as
// chi does is refused when the table is built.
func TestDispatchRefusesOtherPatterns(t *testing.T) {
	t.Parallel()
	d := newDispatch(http.NotFoundHandler())
	for _, p := range []string{"/a/{x}/b", "/a/{x}{y}", "/a/x{y}", "/a/{x:[0-9]+}", "/a/*", "/{a}/{b}"} {
		if err := d.add(wire.Route{Method: "GET", Pattern: p}, http.NotFoundHandler()); err == nil {
			t.Errorf("pattern %s was taken", p)
		}
	}
	for _, p := range []string{"/a", "/a/{x}", "/"} {
		if err := d.add(wire.Route{Method: "GET", Pattern: p}, http.NotFoundHandler()); err != nil {
			t.Errorf("pattern %s: %v", p, err)
		}
	}
}

// TestDispatchStaticBeforeParameter routes a table where static and
// parameter routes share prefixes, added in either order: the static
// route wins for its method, the parameter route takes the others, as in
// chi.
func TestDispatchStaticBeforeParameter(t *testing.T) {
	t.Parallel()
	routes := []wire.Route{
		{Method: "GET", Pattern: "/a/b"}, {Method: "POST", Pattern: "/a/{x}"}, {Method: "GET", Pattern: "/a/{x}"},
		{Method: "GET", Pattern: "/c/{x}"}, {Method: "GET", Pattern: "/c/d"}, {Method: "DELETE", Pattern: "/e/{x}"},
	}
	viaChi, viaDispatch := routers(t, routes)
	for _, c := range []struct{ method, path, pattern string }{
		{"GET", "/a/b", "/a/b"}, {"POST", "/a/b", "/a/{x}"}, {"GET", "/a/z", "/a/{x}"},
		{"GET", "/c/d", "/c/d"}, {"GET", "/c/e", "/c/{x}"}, {"POST", "/c/d", ""}, {"DELETE", "/e/f", "/e/{x}"}, {"GET", "/e/f", ""},
	} {
		want, _ := where(viaChi, c.method, c.path)
		got, _ := where(viaDispatch, c.method, c.path)
		if want.pattern != c.pattern || got != want {
			t.Errorf("%s %s: dispatch %+v, chi %+v, want %s", c.method, c.path, got, want, c.pattern)
		}
	}
}
