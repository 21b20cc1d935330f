package fault

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// queryPrefix marks the mock's own query parameters, which no vendor
// route takes.
const queryPrefix = "__"

// ParseQuery reads the __code, __delay, __fault and __hold query
// parameters, the browser's way to say what Prefer says. It reports
// whether any was given. A bad value, or an unknown parameter starting
// with "__" (most likely a typo), is an error naming it, as in
// "__code=abc: not an HTTP status (100-599)". When a parameter is
// repeated, the first value counts.
func ParseQuery(q url.Values) (Preference, bool, error) {
	var p Preference
	keys := make([]string, 0, 4)
	for k := range q {
		if strings.HasPrefix(k, queryPrefix) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return p, false, nil
	}
	sort.Strings(keys) // map order must not decide which error is reported
	for _, k := range keys {
		bit := prefBit(strings.ToLower(k[len(queryPrefix):]))
		if bit == 0 {
			return Preference{}, false, fmt.Errorf("%s: unknown parameter (want __code, __delay, __fault or __hold)", k)
		}
		if p.given&bit != 0 {
			return Preference{}, false, fmt.Errorf("%s: given twice in different cases", k)
		}
		vs := q[k]
		v := ""
		if len(vs) > 0 {
			v = vs[0]
		}
		if msg := p.set(bit, v); msg != "" {
			return Preference{}, false, fmt.Errorf("%s=%s: %s", k, v, msg)
		}
		p.Applied = append(p.Applied, p.shown(bit, v))
	}
	if p.given&prefAnswer == prefAnswer {
		return Preference{}, false, fmt.Errorf("__code and __fault: give one or the other, not both")
	}
	return p, true, nil
}

// StripQuery returns a copy of q without the parameters that start with
// "__", so that the rest can be checked against the vendor's API.
func StripQuery(q url.Values) url.Values {
	out := make(url.Values, len(q))
	for k, v := range q {
		if !strings.HasPrefix(k, queryPrefix) {
			out[k] = append([]string(nil), v...)
		}
	}
	return out
}
