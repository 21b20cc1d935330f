package server

import (
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// The admin API changes what every client of the mock gets, so a web page
// on another origin must not be able to drive it from a visitor's
// browser. Two guards stand in the way of its writes (every method but
// GET, HEAD and OPTIONS):
//
//   - a body must be JSON or YAML and say so. Browsers send text/plain,
//     form and multipart bodies to any origin without asking first; a
//     JSON or YAML Content-Type makes them ask (a CORS preflight), which
//     the admin API grants only to the origins named in CORSOrigins.
//   - a browser request from another origin, as Sec-Fetch-Site or Origin
//     tell (net/http's CrossOriginProtection), is refused unless its
//     origin is named in CORSOrigins. This covers the writes without a
//     body, such as POST /__mock/reset.
//
// Requests from outside a browser (curl, Go tests, CI scripts) carry
// neither header and pass.

// adminWriteGuard applies both guards to the admin routes.
func (s *Server) adminWriteGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if err := s.adminOrigins.Check(r); err != nil {
			writeAdminError(w, http.StatusForbidden, fmt.Sprintf(
				"%s %s from origin %q: the admin API takes writes from a browser only on the origins of --cors-origins",
				r.Method, r.URL.Path, r.Header.Get("Origin")))
			return
		}
		if msg := adminMediaProblem(r); msg != "" {
			writeAdminError(w, http.StatusUnsupportedMediaType, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// adminMediaProblem says what is wrong with the media type of an admin
// write, or "" when nothing is. A write without a body needs none.
func adminMediaProblem(r *http.Request) string {
	const want = "; send the body as application/json or application/yaml (curl: -H 'Content-Type: application/json')"
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
			return ""
		}
		return "the body has no Content-Type" + want
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Sprintf("Content-Type %q: %v%s", ct, err, want)
	}
	if !isJSONOrYAML(mt) {
		return fmt.Sprintf("Content-Type %q is not accepted%s", mt, want)
	}
	return ""
}

// isJSONOrYAML reports whether mt (lower case, without parameters) is a
// JSON or YAML media type; none of them is one a browser may send to
// another origin without a preflight.
func isJSONOrYAML(mt string) bool {
	switch mt {
	case "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml":
		return true
	}
	return strings.HasPrefix(mt, "application/") && (strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+yaml"))
}

// newAdminOrigins is the cross-origin check of the admin writes: the
// origins named in origins are trusted, "*" is not (see cors).
func newAdminOrigins(origins []string) (*http.CrossOriginProtection, error) {
	c := http.NewCrossOriginProtection()
	for _, o := range origins {
		if o == "*" {
			continue
		}
		if err := c.AddTrustedOrigin(strings.TrimSuffix(o, "/")); err != nil {
			return nil, fmt.Errorf("CORS origin %q: %w", o, err)
		}
	}
	return c, nil
}
