package fault

import (
	"net/http"
	"strings"

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

// matcher is a normalized Match prepared for requests: its path glob
// compiled once, when the rule is stored.
type matcher struct {
	m    *Match
	path globPattern
}

func newMatcher(m *Match) matcher {
	return matcher{m: m, path: compileGlob(m.Path)}
}

// matches reports whether the rule selects q. It costs at most
// O(len(pattern) + len(path)) for the path and a comparison per header.
func (mt *matcher) matches(q *request) bool {
	m := mt.m
	switch {
	case m.Vendor != "" && m.Vendor != q.Vendor:
		return false
	case m.Route != "" && m.Route != q.Route:
		return false
	case m.Method != "" && m.Method != q.Method:
		return false
	case m.Path != "" && !mt.path.match(q.Path):
		return false
	case m.Client != "" && m.Client != q.Client:
		return false
	case m.DN != "" && m.DN != q.canonicalDN():
		return false
	}
	if len(m.Headers) == 0 {
		return true // without starting a map iteration, which costs more than the rest
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

// globPattern is a compiled glob, where '*' matches any run of bytes, '/'
// included, and every other byte matches itself. Matching runs in time
// linear in the pattern and the subject, whatever either holds: the
// literal parts between stars are searched for left to right, each at its
// earliest place (which is always a right choice when the only wildcard is
// '*'), with Knuth-Morris-Pratt, which never steps back in the subject.
type globPattern struct {
	star   bool // the pattern has a star; if not, it is prefix alone
	prefix string
	middle []kmp // the literal parts between the first and the last star
	suffix string
}

func compileGlob(pattern string) globPattern {
	first := strings.IndexByte(pattern, '*')
	if first < 0 {
		return globPattern{prefix: pattern}
	}
	last := strings.LastIndexByte(pattern, '*')
	g := globPattern{star: true, prefix: pattern[:first], suffix: pattern[last+1:]}
	for part := range strings.SplitSeq(pattern[first+1:max(last, first+1)], "*") {
		if part != "" {
			g.middle = append(g.middle, newKMP(part))
		}
	}
	return g
}

func (g *globPattern) match(s string) bool {
	if !g.star {
		return s == g.prefix
	}
	if len(s) < len(g.prefix)+len(g.suffix) || !strings.HasPrefix(s, g.prefix) || !strings.HasSuffix(s, g.suffix) {
		return false
	}
	s = s[len(g.prefix) : len(s)-len(g.suffix)]
	for i := range g.middle {
		end := g.middle[i].index(s)
		if end < 0 {
			return false
		}
		s = s[end:]
	}
	return true
}

// glob matches s against pattern (see globPattern).
func glob(pattern, s string) bool {
	g := compileGlob(pattern)
	return g.match(s)
}

// kmp is a literal with its Knuth-Morris-Pratt failure table.
type kmp struct {
	lit  string
	fail []int32 // fail[i]: the longest proper border of lit[:i+1]
}

func newKMP(lit string) kmp {
	fail := make([]int32, len(lit))
	for i, k := 1, int32(0); i < len(lit); i++ {
		for k > 0 && lit[i] != lit[k] {
			k = fail[k-1]
		}
		if lit[i] == lit[k] {
			k++
		}
		fail[i] = k
	}
	return kmp{lit: lit, fail: fail}
}

// index returns the end of the first occurrence of the literal in s, or
// -1, after reading each byte of s once.
func (p *kmp) index(s string) int {
	lit, fail := p.lit, p.fail
	k := 0
	for i := 0; i < len(s); i++ {
		if k == 0 {
			// Nothing matched yet: skip to the next possible start.
			j := strings.IndexByte(s[i:], lit[0])
			if j < 0 {
				return -1
			}
			i += j
		}
		c := s[i]
		for k > 0 && c != lit[k] {
			k = int(fail[k-1])
		}
		if c == lit[k] {
			k++
			if k == len(lit) {
				return i + 1
			}
		}
	}
	return -1
}
