package sessionmocktest_test

import (
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// TestConcurrentUse drives one mock from many goroutines: each adds a
// rule that matches only its own requests, sees it fire, removes it and
// sees the normal answer again, while all share the cached tokens. The
// methods would call t.Fatal off the test's goroutine only if they
// failed, which is what the test is there to catch.
func TestConcurrentUse(t *testing.T) {
	m := sessionmocktest.New(t, sessionmocktest.WithTLS())
	const workers = 16
	var wg sync.WaitGroup
	segura := make([]string, workers)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker := strconv.Itoa(i)
			segura[i] = m.SeguraToken()
			id := m.AddFault(fault.Rule{
				ID:     "worker-" + worker,
				Match:  fault.Match{Headers: map[string]string{"X-Worker": worker}},
				Action: fault.Action{Status: 500 + i%4},
			})
			want := []int{500 + i%4, 200}
			for round, w := range want {
				if round == 1 {
					m.RemoveFault(id)
				}
				var status int
				if i%2 == 0 {
					status = send(t, m, m.URL+"/api/session/remotesessions",
						"Authorization", "Bearer "+segura[i], "X-Worker", worker)
				} else {
					status = send(t, m, m.SessionInfoURL(m.World.Appgate().At(i).DN),
						"Authorization", "Bearer "+m.AppgateToken(), "Accept", m.AppgateAccept(), "X-Worker", worker)
				}
				if status != w {
					t.Errorf("worker %d round %d: status %d, want %d", i, round, status, w)
				}
				_ = m.Requests()
				_ = m.Faults()
			}
		}()
	}
	wg.Wait()

	for i, tok := range segura {
		if tok != segura[0] {
			t.Fatalf("worker %d got another Segura token", i)
		}
	}
	routes := map[string]int{}
	for _, e := range m.Requests() {
		routes[e.Route]++
	}
	want := map[string]int{"token": 1, "login": 1, "remotesessions": workers, "session-info": workers}
	for route, n := range want {
		if routes[route] != n {
			t.Errorf("journal: %d %s requests, want %d (all: %v)", routes[route], route, n, routes)
		}
	}
	if n := len(m.Faults()); n != 0 {
		t.Errorf("%d rules left", n)
	}
}

// send is call for goroutines: it reports failures with Errorf.
func send(t *testing.T, m *sessionmocktest.Mock, url string, header ...string) int {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Error(err)
		return 0
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := m.Client().Do(req)
	if err != nil {
		t.Errorf("GET %s: %v", url, err)
		return 0
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Errorf("GET %s: read body: %v", url, err)
	}
	return resp.StatusCode
}
