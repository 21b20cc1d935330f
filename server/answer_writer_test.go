package server

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

// The writer records what the client gets: the first final status, 200
// when the body or a flush comes first, and every body byte; it passes
// informational statuses on without taking them for the answer.
func TestAnswerWriterRecordsTheAnswer(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		do     func(w *answerWriter)
		status int
		bytes  int
		sent   []int // the statuses passed on
	}{
		{"nothing", func(*answerWriter) {}, 0, 0, nil},
		{"status only", func(w *answerWriter) { w.WriteHeader(404) }, 404, 0, []int{404}},
		{"body first", func(w *answerWriter) { _, _ = w.Write([]byte("hello")) }, 200, 5, []int{200}},
		{"second status dropped", func(w *answerWriter) {
			w.WriteHeader(503)
			w.WriteHeader(200)
			_, _ = w.Write([]byte("x"))
		}, 503, 1, []int{503}},
		{"informational first", func(w *answerWriter) {
			w.WriteHeader(http.StatusEarlyHints)
			w.WriteHeader(201)
		}, 201, 0, []int{103, 201}},
		{"flush first", func(w *answerWriter) {
			if err := http.NewResponseController(w).Flush(); err != nil {
				t.Errorf("flush: %v", err)
			}
			_, _ = w.Write([]byte("ab"))
		}, 200, 2, []int{200}},
	} {
		under := &statusSpy{ResponseRecorder: httptest.NewRecorder()}
		w := &answerWriter{ResponseWriter: under}
		c.do(w)
		if w.Status() != c.status || w.BytesWritten() != c.bytes {
			t.Errorf("%s: recorded status %d, %d bytes; want %d, %d", c.name, w.Status(), w.BytesWritten(), c.status, c.bytes)
		}
		if !slices.Equal(under.sent, c.sent) || under.Body.Len() != c.bytes {
			t.Errorf("%s: passed on statuses %v and %d bytes; want %v and %d", c.name, under.sent, under.Body.Len(), c.sent, c.bytes)
		}
	}
}

// statusSpy keeps every status written to it.
type statusSpy struct {
	*httptest.ResponseRecorder
	sent []int
}

func (s *statusSpy) WriteHeader(code int) {
	s.sent = append(s.sent, code)
	s.ResponseRecorder.WriteHeader(code)
}

// A ResponseController reaches the writer underneath, as hijacking needs.
func TestAnswerWriterUnwraps(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	w := &answerWriter{ResponseWriter: rec}
	if w.Unwrap() != rec {
		t.Fatal("Unwrap does not return the writer underneath")
	}
}
