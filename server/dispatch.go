package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
)

// dispatch answers the requests that name a vendor route of the table
// exactly, ahead of chi, and hands every other request to next (chi, with
// the same routes, the admin API and the fallbacks). It routes as chi
// does: on the escaped path when the URL keeps one (URL.RawPath), on
// URL.Path otherwise; a static route before a parameter; a parameter
// matches one non-empty segment; the method as sent. What it matches, chi
// would match the same way (FuzzDispatchAgreesWithChi proves it), and
// whatever it does not match goes to chi unchanged, so nothing is answered
// differently, only without chi's routing context: two request copies, a
// context value and a map of path values per request.
//
// Like chi, it sets Request.Pattern to the route's pattern, which
// validateRequest takes to pick the compiled checks; a route's parameter,
// always its last segment, is routeParam.
type dispatch struct {
	// static are the routes without parameters by path, then method.
	static map[string][]dispatchRoute
	// params are the routes whose last segment is a parameter, by the
	// path before it ("/admin/session-info/").
	params map[string]*paramRoutes
	next   http.Handler
}

// paramRoutes are the routes under one prefix, and whether a static route
// could also match a path there, which then goes first.
type paramRoutes struct {
	routes []dispatchRoute
	shadow bool
}

type dispatchRoute struct {
	method, pattern string
	h               http.Handler
}

func newDispatch(next http.Handler) *dispatch {
	return &dispatch{static: map[string][]dispatchRoute{}, params: map[string]*paramRoutes{}, next: next}
}

// add routes rt to h. A pattern has at most one parameter, as its last
// segment; New fails on any other, so a new route in the table cannot
// route differently here and in chi.
func (d *dispatch) add(rt wire.Route, h http.Handler) error {
	p := rt.Pattern
	open := strings.IndexByte(p, '{')
	e := dispatchRoute{method: rt.Method, pattern: p, h: h}
	switch {
	case open < 0 && !strings.ContainsAny(p, "*}"):
		d.static[p] = append(d.static[p], e)
		if pr := d.params[p[:strings.LastIndexByte(p, '/')+1]]; pr != nil {
			pr.shadow = true
		}
	case open > 0 && p[open-1] == '/' && strings.IndexByte(p, '}') == len(p)-1 &&
		!strings.ContainsAny(p[open+1:len(p)-1], "{}/:*"):
		prefix := p[:open]
		pr := d.params[prefix]
		if pr == nil {
			pr = &paramRoutes{}
			for sp := range d.static {
				pr.shadow = pr.shadow || sp[:strings.LastIndexByte(sp, '/')+1] == prefix
			}
			d.params[prefix] = pr
		}
		pr.routes = append(pr.routes, e)
	default:
		return fmt.Errorf("route %s: only a last segment can be a parameter here", rt)
	}
	return nil
}

func (d *dispatch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if e := d.match(r.Method, routePath(r)); e != nil {
		r.Pattern = e.pattern
		e.h.ServeHTTP(w, r)
		return
	}
	d.next.ServeHTTP(w, r)
}

// match finds the route of method at path, or nil. A static route goes
// first, as in chi, which tries the parameter routes when the method is
// not the static route's; a path under a parameter prefix that no static
// route shares skips the static lookup, the longer one.
func (d *dispatch) match(method, path string) *dispatchRoute {
	slash := strings.LastIndexByte(path, '/')
	if slash < 0 {
		return nil
	}
	pr := d.params[path[:slash+1]]
	if pr == nil || pr.shadow {
		if e := byMethod(d.static[path], method); e != nil {
			return e
		}
	}
	if pr == nil || slash == len(path)-1 {
		return nil
	}
	return byMethod(pr.routes, method)
}

func byMethod(es []dispatchRoute, method string) *dispatchRoute {
	for i := range es {
		if es[i].method == method {
			return &es[i]
		}
	}
	return nil
}

// routePath is the path a request is routed on, as chi picks it.
func routePath(r *http.Request) string {
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	if r.URL.Path == "" {
		return "/"
	}
	return r.URL.Path
}

// routeParam is the parameter of a route whose pattern ends in one
// ("/api/session/remotesessions/{id}"): the last segment of the routed
// path, escaped as the client sent it, as chi.URLParam gives it.
func routeParam(r *http.Request) string {
	p := routePath(r)
	return p[strings.LastIndexByte(p, '/')+1:]
}
