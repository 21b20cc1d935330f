package server

import (
	"net/http"
	"net/url"
	"strings"
)

// secretWords mark a header or query parameter as a credential when its
// name contains one of them, in any case: Authorization, Cookie,
// X-Api-Key, X-Client-Secret, client_secret, access_token, password...
// The journal keeps such a name with its values hidden.
var secretWords = []string{"secret", "token", "password", "key", "auth", "cookie", "session"}

// isSecretName reports whether name looks like it carries a credential.
// It runs for every header of every journaled request, so it does not
// allocate.
func isSecretName(name string) bool {
	for _, w := range secretWords {
		if containsFold(name, w) {
			return true
		}
	}
	return false
}

// Redacted values shared by every entry; nothing writes to an entry's
// headers once it is kept, and readers get copies.
var (
	redactedValue  = []string{redacted}
	redactedBearer = []string{"Bearer " + redacted}
	redactedBasic  = []string{"Basic " + redacted}
)

// redactHeaders returns h with the values of secret-looking headers
// replaced. The scheme of an Authorization header stays visible ("Bearer
// [redacted]"), since tests often assert on it. When nothing is secret, h
// itself is returned: the journal never writes to it.
func redactHeaders(h http.Header) http.Header {
	secret := 0
	for k := range h {
		if isSecretName(k) {
			secret++
		}
	}
	if secret == 0 {
		return h
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		if !isSecretName(k) {
			out[k] = vs
			continue
		}
		out[k] = redactValues(vs, containsFold(k, "authorization"))
	}
	return out
}

// redactValues hides the values of one header; keepScheme keeps the
// first word of each, an authentication scheme.
func redactValues(vs []string, keepScheme bool) []string {
	if len(vs) == 1 {
		scheme, _, found := strings.Cut(strings.TrimSpace(vs[0]), " ")
		switch {
		case !keepScheme || !found:
			return redactedValue
		case scheme == "Bearer":
			return redactedBearer
		case scheme == "Basic":
			return redactedBasic
		}
	}
	red := make([]string, len(vs))
	for i, v := range vs {
		scheme, _, found := strings.Cut(strings.TrimSpace(v), " ")
		if keepScheme && found {
			red[i] = scheme + " " + redacted
		} else {
			red[i] = redacted
		}
	}
	return red
}

// redactQuery returns the raw query with the values of secret-looking
// parameters replaced; the other parameters keep their exact spelling and
// order. A pair that does not decode is judged by its raw name.
func redactQuery(raw string) string {
	if raw == "" || !hasSecretParam(raw) {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i, pair := range strings.Split(raw, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		name, _, hasValue := strings.Cut(pair, "=")
		if !isSecretName(queryName(name)) {
			b.WriteString(pair)
			continue
		}
		b.WriteString(name)
		if hasValue {
			b.WriteString("=" + redacted)
		}
	}
	return b.String()
}

// hasSecretParam is redactQuery's quick test, so that the common query
// with no credential in it is kept as it is without being split.
func hasSecretParam(raw string) bool {
	for pair := range strings.SplitSeq(raw, "&") {
		name, _, _ := strings.Cut(pair, "=")
		if isSecretName(queryName(name)) {
			return true
		}
	}
	return false
}

func queryName(raw string) string {
	if n, err := url.QueryUnescape(raw); err == nil {
		return n
	}
	return raw
}
