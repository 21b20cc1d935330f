package sessionmocktest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// call sends a request with the mock's client and returns the status and
// the whole body; extra holds header name/value pairs.
func call(t testing.TB, m *sessionmocktest.Mock, method, url string, extra ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		req.Header.Set(extra[i], extra[i+1])
	}
	resp, err := m.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return resp.StatusCode, body
}

// listSessions calls the Segura list with the mock's ready token.
func listSessions(t testing.TB, m *sessionmocktest.Mock, extra ...string) (int, []byte) {
	t.Helper()
	return call(t, m, "GET", m.URL+"/api/session/remotesessions",
		append([]string{"Authorization", "Bearer " + m.SeguraToken()}, extra...)...)
}

// sessionInfo calls Appgate's session-info for the first client with the
// mock's ready token and Accept header.
func sessionInfo(t testing.TB, m *sessionmocktest.Mock, extra ...string) (int, []byte) {
	t.Helper()
	return call(t, m, "GET", m.SessionInfoURL(m.World.Appgate().At(0).DN),
		append([]string{"Authorization", "Bearer " + m.AppgateToken(), "Accept", m.AppgateAccept()}, extra...)...)
}

func decode(t testing.TB, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

// fatalTB stands in for a test whose Mock methods are expected to fail: it
// keeps the message of Fatal or Fatalf and ends the goroutine, as the
// real ones do. Everything else goes to the real test.
type fatalTB struct {
	testing.TB
	mu  sync.Mutex
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatal(args ...any) { f.stop(fmt.Sprint(args...)) }

func (f *fatalTB) Fatalf(format string, args ...any) { f.stop(fmt.Sprintf(format, args...)) }

func (f *fatalTB) stop(msg string) {
	f.mu.Lock()
	f.msg = msg
	f.mu.Unlock()
	runtime.Goexit()
}

// expectFatal runs fn on its own goroutine and returns the message it
// failed with; fn returning normally fails t.
func expectFatal(t *testing.T, tb *fatalTB, fn func()) string {
	t.Helper()
	tb.mu.Lock()
	tb.msg = ""
	tb.mu.Unlock()
	done := make(chan bool)
	go func() {
		returned := false
		defer func() { done <- returned }()
		fn()
		returned = true
	}()
	if <-done {
		t.Fatal("the call returned; want it to fail the test")
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.msg
}
