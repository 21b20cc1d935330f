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
	writeJSONLength(w, status, body, []string{strconv.Itoa(len(body))})
}

// writeJSONLength is writeJSON with the Content-Length value given;
// net/http only reads it, so one value can serve many answers.
func writeJSONLength(w http.ResponseWriter, status int, body []byte, length []string) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = length
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

// write sends the answer as writeJSON would.
func (a cachedAnswer) write(w http.ResponseWriter) {
	writeJSONLength(w, http.StatusOK, a.body, a.length)
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
