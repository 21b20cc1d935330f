package fault

import (
	"net/http"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// request is a Request with the parsed DN cached, so that a DN is parsed
// at most once per decision however many rules look at it.
type request struct {
	*Request
	dnDone bool
	dn     string // canonical; "" when the request has none or it does not parse
}

func (q *request) canonicalDN() string {
	if !q.dnDone {
		q.dnDone = true
		if q.DN != "" {
			if dn, err := appgate.ParseDN(q.DN); err == nil {
				q.dn = dn.String()
			}
		}
	}
	return q.dn
}

// matches reports whether the normalized match m selects q.
func (m *Match) matches(q *request) bool {
	switch {
	case m.Vendor != "" && m.Vendor != q.Vendor:
		return false
	case m.Route != "" && m.Route != q.Route:
		return false
	case m.Method != "" && m.Method != q.Method:
		return false
	case m.Path != "" && !glob(m.Path, q.Path):
		return false
	case m.Client != "" && m.Client != q.Client:
		return false
	case m.DN != "" && m.DN != q.canonicalDN():
		return false
	}
	for name, want := range m.Headers {
		if !headerHas(q.Header, name, want) {
			return false
		}
	}
	return true
}

// headerHas reports whether h has the header name (canonical, as rules
// store it and net/http delivers it) with the value want, or at all when
// want is "*".
func headerHas(h http.Header, name, want string) bool {
	values := h[name]
	if want == "*" {
		return len(values) > 0
	}
	for _, v := range values {
		if v == want {
			return true
		}
	}
	return false
}

// glob matches s against pattern, where '*' matches any run of bytes,
// '/' included. It backtracks only to the last star, so it runs in
// O(len(pattern)·len(s)) at worst.
func glob(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
