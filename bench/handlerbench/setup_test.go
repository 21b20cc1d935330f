package handlerbench

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
)

// TestBenchmarksMeasureRealAnswers checks what the benchmarks rely on:
// their requests get 200 answers, the discard writer sees the same bytes
// a recorder does, and the bare handler serves the mock's exact bytes.
func TestBenchmarksMeasureRealAnswers(t *testing.T) {
	w := mustWorld(t, 200, 20)
	for _, validate := range []bool{true, false} {
		h := newMock(t, 200, 20, validate)
		reqs := sessionInfoRequests(t, w, appgateToken(t, h), 20)
		if len(reqs) != 20 {
			t.Fatalf("%d requests, want 20", len(reqs))
		}
		a := answers.File{ContentType: "application/json", Answers: map[string]answers.Answer{}}
		for _, r := range reqs {
			rec := serve(t, h, r)
			if rec.Code != http.StatusOK {
				t.Fatalf("validate=%v %s: %d %s", validate, r.URL.Path, rec.Code, rec.Body)
			}
			d := &discard{h: http.Header{}}
			h.ServeHTTP(d, r)
			if d.status != http.StatusOK || d.n != int64(rec.Body.Len()) {
				t.Fatalf("discard saw %d and %d bytes, the recorder %d and %d", d.status, d.n, rec.Code, rec.Body.Len())
			}
			a.Answers[r.URL.RequestURI()] = answers.Answer{Body: rec.Body.Bytes()}
		}
		bare, err := a.Handler()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range reqs {
			mock, base := serve(t, h, r), serve(t, bare, r)
			if !bytes.Equal(mock.Body.Bytes(), base.Body.Bytes()) {
				t.Fatalf("%s: the bare handler's bytes differ from the mock's", r.URL.Path)
			}
		}
	}

	h := newMock(t, 200, 20, true)
	r := httptest.NewRequest(http.MethodGet, "/api/session/remotesessions", nil)
	r.Header.Set("Authorization", "Bearer "+seguraToken(t, h))
	rec := serve(t, h, r)
	d := &discard{h: http.Header{}}
	h.ServeHTTP(d, r)
	if rec.Code != http.StatusOK || d.status != http.StatusOK || d.n != int64(rec.Body.Len()) {
		t.Fatalf("list: recorder %d/%d bytes, discard %d/%d bytes", rec.Code, rec.Body.Len(), d.status, d.n)
	}
	if got := bytes.Count(rec.Body.Bytes(), []byte(`{"id":`)); got != 200 {
		t.Fatalf("list holds %d records, want 200", got)
	}
}
