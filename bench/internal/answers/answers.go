// Package answers is the file format between the benchmark harness and
// the baseline server: the mock's real answers, byte for byte, by request
// URI, and the handler that serves them.
package answers

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// File is what the harness writes for the baseline: the content type of
// the mock's answers and, by request URI, each answer.
//
// A request URI is the path and query as the client sends them, what
// (*url.URL).RequestURI gives: "/admin/session-info/CN=a%2CCN=b" or
// "/admin/stats/active-sessions/dn?range=0-9". A request matches it when
// its decoded path is the URI's decoded path and its query is the URI's
// query byte for byte, so the pages of one path are told apart, and a
// path escaped differently (a comma raw or as %2C) still matches.
type File struct {
	ContentType string            `json:"contentType"`
	Answers     map[string]Answer `json:"answers"`
}

// Answer is one of the mock's answers.
type Answer struct {
	// Body is the exact bytes (base64 in the JSON, so nothing re-encodes
	// them).
	Body []byte `json:"body"`
	// Chunked says the mock sent the body chunked, without a
	// Content-Length, as it does for an answer it streams; the baseline
	// then does the same.
	Chunked bool `json:"chunked,omitempty"`
}

// match is what a request is matched on: decoded path and raw query.
type match struct{ path, query string }

// Parse reads and checks an answers file.
func Parse(data []byte) (*File, error) {
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	if _, err := f.check(); err != nil {
		return nil, err
	}
	return &f, nil
}

// check refuses a file without content type or answers, with a request
// URI that is not a path with an optional query, or with two URIs that
// match the same requests. It maps each URI to what a request is matched
// on.
func (f *File) check() (map[string]match, error) {
	if f.ContentType == "" {
		return nil, errors.New("answers: contentType is empty")
	}
	if len(f.Answers) == 0 {
		return nil, errors.New("answers: no answers")
	}
	uris := make([]string, 0, len(f.Answers))
	for uri := range f.Answers {
		uris = append(uris, uri)
	}
	slices.Sort(uris) // the same error for the same file
	out := make(map[string]match, len(uris))
	seen := make(map[match]string, len(uris))
	for _, uri := range uris {
		if !strings.HasPrefix(uri, "/") {
			return nil, fmt.Errorf("answers: request URI %q does not start with /", uri)
		}
		u, err := url.ParseRequestURI(uri)
		if err != nil {
			return nil, fmt.Errorf("answers: request URI %q: %w", uri, err)
		}
		m := match{u.Path, u.RawQuery}
		if other, ok := seen[m]; ok {
			return nil, fmt.Errorf("answers: request URIs %q and %q match the same requests", other, uri)
		}
		seen[m] = uri
		out[uri] = m
	}
	return out, nil
}

// served is one answer as the handler writes it; header values are built
// once, net/http only reads them.
type served struct {
	body   []byte
	length []string // nil for a chunked answer
}

// Handler answers a known request URI with its bytes and anything else
// with a 404, which the load generator counts as an error: a mismatch
// shows up instead of silently measuring something else. The headers are
// those the mock sends with the same body. It refuses what Parse refuses.
func (f *File) Handler() (http.Handler, error) {
	matches, err := f.check()
	if err != nil {
		return nil, err
	}
	// By decoded path, then raw query: no string is built per request.
	byPath := map[string]map[string]served{}
	for uri, a := range f.Answers {
		m := matches[uri]
		if byPath[m.path] == nil {
			byPath[m.path] = map[string]served{}
		}
		s := served{body: a.Body}
		if !a.Chunked {
			s.length = []string{strconv.Itoa(len(a.Body))}
		}
		byPath[m.path][m.query] = s
	}
	contentType := []string{f.ContentType}
	chunked := []string{"chunked"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := byPath[r.URL.Path][r.URL.RawQuery]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h["Content-Type"] = contentType
		if s.length != nil {
			h["Content-Length"] = s.length
		} else {
			h["Transfer-Encoding"] = chunked
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(s.body)
	}), nil
}
