package server

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// jsonContentType is shared by every answer; net/http only reads it.
var jsonContentType = []string{"application/json"}

// writeJSON sends body, already encoded, with a JSON content type. The
// header names are written in canonical form directly: this runs for every
// answer.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// cachedAnswer is a 200 answer kept for sending again: its body and its
// Content-Length header value, so that sending it allocates nothing.
type cachedAnswer struct {
	body   []byte
	length []string
}

func newCachedAnswer(body []byte) cachedAnswer {
	return cachedAnswer{body: body, length: []string{strconv.Itoa(len(body))}}
}

// write sends the answer as writeJSON would; net/http only reads the
// shared header values.
func (a cachedAnswer) write(w http.ResponseWriter) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = a.length
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.body)
}

// writeValue encodes v and sends it. The values passed here are the
// server's own types, so a marshalling error is a programming error; it is
// still answered with a JSON 500 rather than a panic.
func writeValue(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, []byte(`{"message":"encoding error"}`))
		return
	}
	writeJSON(w, status, b)
}
