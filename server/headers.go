package server

import "net/http"

// headerValue is h.Get(key) for a key already in canonical form, as
// net/http stores a request's headers, without canonicalizing it again on
// every request.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// authorization is the request's Authorization header.
func authorization(r *http.Request) string { return headerValue(r.Header, "Authorization") }
