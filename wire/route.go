package wire

import "strings"

// Route is one operation of a vendor API at one path. Several routes may
// share a Name: the same operation under another path spelling (Segura's
// token endpoint answers under /iso and /api). Fault rules and the journal
// name routes by Name.
type Route struct {
	Vendor string // Segura or Appgate
	Name   string // unique within the vendor, and across vendors
	Method string // "GET", "POST"...
	// Pattern is the absolute path with chi-style parameters
	// ("/admin/session-info/{distinguished-name}"); the parameters have the
	// names the vendor's OpenAPI document gives them.
	Pattern string
	Summary string // one line, as in the vendor's OpenAPI document
}

// String reads "GET /api/session/remotesessions".
func (r Route) String() string { return r.Method + " " + r.Pattern }

// Path returns Pattern with its parameters replaced, in order, by values,
// which the caller has escaped as it needs. Parameters without a value are
// left as they are.
func (r Route) Path(values ...string) string {
	p := r.Pattern
	var b strings.Builder
	for len(values) > 0 {
		open := strings.IndexByte(p, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(p[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(p[:open])
		b.WriteString(values[0])
		values = values[1:]
		p = p[open+end+1:]
	}
	b.WriteString(p)
	return b.String()
}

// Names returns the distinct route names of routes, in their order.
func Names(routes []Route) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range routes {
		if !seen[r.Name] {
			seen[r.Name] = true
			out = append(out, r.Name)
		}
	}
	return out
}
