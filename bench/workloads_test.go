package main

import (
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

func TestFetchWorkloads(t *testing.T) {
	srv := fakeMock(t, fake{})
	defer srv.Close()
	dir := t.TempDir()
	ws, err := fetchWorkloads(t.Context(), mockAPI{base: srv.URL, hc: probeClient()}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0].Name != workloadSessionInfo || ws[1].Name != workloadActiveSessions {
		t.Fatalf("workloads %+v, want session-info then active-sessions", ws)
	}
	info, pages := ws[0], ws[1]
	if want := []string{appgate.SessionInfoPath("CN=a,CN=u@x.example,OU=local"), appgate.SessionInfoPath("CN=b,CN=v,OU=ldap")}; !slices.Equal(info.URIs, want) {
		t.Errorf("session-info URIs %q, want %q", info.URIs, want)
	}
	wantPages := []string{
		"/admin/stats/active-sessions/dn?range=0-9",
		"/admin/stats/active-sessions/dn?range=10-19",
		"/admin/stats/active-sessions/dn?orderBy=username&range=0-19",
	}
	if !slices.Equal(pages.URIs, wantPages) {
		t.Errorf("active-sessions URIs %q, want %q", pages.URIs, wantPages)
	}
	for _, w := range ws {
		data, err := os.ReadFile(w.AnswersFile)
		if err != nil {
			t.Fatal(err)
		}
		f, err := answers.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", w.Name, err)
		}
		if f.ContentType != "application/json" || w.ContentType != f.ContentType || len(f.Answers) != len(w.URIs) {
			t.Fatalf("%s: file %+v for %d URIs", w.Name, f, len(w.URIs))
		}
		total := 0
		for _, uri := range w.URIs {
			a, ok := f.Answers[uri]
			if !ok || string(a.Body) != string(w.Answers[uri].Body) {
				t.Fatalf("%s: the file's answer to %s is %q, in memory %q", w.Name, uri, a.Body, w.Answers[uri].Body)
			}
			// The fake streams the pages and sends session-info whole.
			if a.Chunked != (w.Name == workloadActiveSessions) {
				t.Errorf("%s %s: chunked %v", w.Name, uri, a.Chunked)
			}
			total += len(a.Body)
		}
		if w.MeanBytes != total/len(w.URIs) || w.MeanBytes == 0 {
			t.Errorf("%s: mean %d bytes, want %d", w.Name, w.MeanBytes, total/len(w.URIs))
		}
	}
	if !strings.Contains(string(pages.Answers[wantPages[1]].Body), `{"username":"u19"}`) {
		t.Errorf("the second page lacks the last client: %s", pages.Answers[wantPages[1]].Body)
	}
	if a, b := info.AnswersFile, pages.AnswersFile; a == b || !strings.HasPrefix(a, dir) || !strings.HasPrefix(b, dir) {
		t.Errorf("answers files %q and %q, want two in %s", a, b, dir)
	}
}

// The baseline must send exactly the mock's bytes, so an answer that
// changes from one request to the next is refused, whichever workload it
// belongs to.
func TestFetchWorkloadsRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    fake
		err  []string
	}{
		{"moving session-info", fake{moving: "/admin/session-info/"},
			[]string{"fetching the session-info answers: the mock's answer changed from one request to the next: GET /admin/session-info/CN=a%2CCN=u@x.example%2COU=local", "first different at byte"}},
		{"moving pages", fake{moving: "/admin/stats/"},
			[]string{"fetching the active-sessions answers: the mock's answer changed from one request to the next: GET /admin/stats/active-sessions/dn?range=0-9", "first different at byte"}},
		{"too few clients", fake{clients: 15},
			[]string{"GET /admin/stats/active-sessions/dn?range=10-19: 5 entries, want 10: the mock has fewer Appgate clients"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := fakeMock(t, tt.f)
			defer srv.Close()
			_, err := fetchWorkloads(t.Context(), mockAPI{base: srv.URL, hc: probeClient()}, t.TempDir())
			for _, want := range tt.err {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("err = %v, want %q", err, want)
				}
			}
		})
	}
}

func TestSameAnswer(t *testing.T) {
	t.Parallel()
	a := answers.Answer{Body: []byte(`{"creationDate":"2024-01-22T08:15:39.000Z"}`)}
	if err := sameAnswer("/x", a, answers.Answer{Body: []byte(string(a.Body))}); err != nil {
		t.Errorf("equal answers: %v", err)
	}
	later := answers.Answer{Body: []byte(`{"creationDate":"2024-01-22T08:15:40.000Z"}`)}
	if err := sameAnswer("/x", a, later); err == nil || !strings.Contains(err.Error(), `GET /x: 43 bytes and 43 bytes, first different at byte 34: "39.000Z\"}" and "40.000Z\"}"`) {
		t.Errorf("err = %v", err)
	}
	if err := sameAnswer("/x", a, answers.Answer{Body: a.Body[:10]}); err == nil || !strings.Contains(err.Error(), `43 bytes and 10 bytes, first different at byte 10: "Date\":`) {
		t.Errorf("err = %v", err)
	}
	if err := sameAnswer("/x", a, answers.Answer{Body: a.Body, Chunked: true}); err == nil || !strings.Contains(err.Error(), "chunked false, then true") {
		t.Errorf("err = %v", err)
	}
}

// checkServes passes a baseline built from the answers files, request URI
// by request URI, and refuses one whose bytes are not the mock's.
func TestCheckServes(t *testing.T) {
	srv := fakeMock(t, fake{})
	defer srv.Close()
	ws, err := fetchWorkloads(t.Context(), mockAPI{base: srv.URL, hc: probeClient()}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if err := checkServes(t.Context(), &server{base: srv.URL}, "ag-token", w); err != nil {
			t.Errorf("%s on the mock itself: %v", w.Name, err)
		}
		data, err := os.ReadFile(w.AnswersFile)
		if err != nil {
			t.Fatal(err)
		}
		f, err := answers.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.Handler()
		if err != nil {
			t.Fatal(err)
		}
		base := httptest.NewServer(h)
		if err := checkServes(t.Context(), &server{base: base.URL}, "unused", w); err != nil {
			t.Errorf("%s on the baseline: %v", w.Name, err)
		}
		base.Close()

		last := w.URIs[len(w.URIs)-1]
		f.Answers[last] = answers.Answer{Body: append([]byte(`{"x":1}`), f.Answers[last].Body...), Chunked: f.Answers[last].Chunked}
		if h, err = f.Handler(); err != nil {
			t.Fatal(err)
		}
		base = httptest.NewServer(h)
		err = checkServes(t.Context(), &server{base: base.URL}, "unused", w)
		base.Close()
		if want := "not the answer the mock gave before: GET " + last; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s with a changed answer: err = %v, want %q", w.Name, err, want)
		}
	}
}

func TestCycleNote(t *testing.T) {
	t.Parallel()
	ws := sampleWorkloads()
	if got := ws[0].cycleNote(); got != "20 DNs" {
		t.Errorf("session-info: %q", got)
	}
	if got := ws[1].cycleNote(); got != "3 pages (`range=0-9`, `range=10-19`, `orderBy=username&range=0-19`)" {
		t.Errorf("active-sessions: %q", got)
	}
	if workloadLabel(workloadSessionInfo) != "session-info" || workloadLabel(workloadActiveSessions) != "active-sessions pages" {
		t.Error("workload labels")
	}
}
