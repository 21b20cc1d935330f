// Package answers is the file format between the benchmark harness and
// the baseline server: the mock's real answers, byte for byte, by path,
// and the handler that serves them.
package answers

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Answers is the file the harness writes for the baseline: the content
// type of the mock's answers and, by decoded URL path, their exact bytes
// (base64 in the JSON, so nothing re-encodes them).
type Answers struct {
	ContentType string            `json:"contentType"`
	Bodies      map[string][]byte `json:"bodies"`
}

// Parse reads and checks an answers file.
func Parse(data []byte) (*Answers, error) {
	var a Answers
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	if a.ContentType == "" {
		return nil, errors.New("answers: contentType is empty")
	}
	if len(a.Bodies) == 0 {
		return nil, errors.New("answers: no bodies")
	}
	for path := range a.Bodies {
		if !strings.HasPrefix(path, "/") {
			return nil, fmt.Errorf("answers: path %q does not start with /", path)
		}
	}
	return &a, nil
}

// Handler answers a known path with its bytes and anything else with a
// 404, which the load generator counts as an error: a path mismatch shows
// up instead of silently measuring something else. The headers are those
// the mock sends with the same body.
func (a *Answers) Handler() http.Handler {
	// Header values are built once; net/http only reads them.
	lengths := make(map[string][]string, len(a.Bodies))
	for path, b := range a.Bodies {
		lengths[path] = []string{strconv.Itoa(len(b))}
	}
	contentType := []string{a.ContentType}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.Bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h["Content-Type"] = contentType
		h["Content-Length"] = lengths[r.URL.Path]
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
}
