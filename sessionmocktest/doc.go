// Package sessionmocktest starts a sessionmock server inside a Go test, in
// the style of net/http/httptest: the mock listens on a random loopback
// port, over plain HTTP or TLS, and stops when the test ends.
//
//	m := sessionmocktest.New(t, sessionmocktest.WithSeed(7))
//	req, _ := http.NewRequest("GET", m.URL+"/api/session/remotesessions", nil)
//	req.Header.Set("Authorization", "Bearer "+m.SeguraToken())
//	resp, err := m.Client().Do(req)
//
// URL is the Segura base URL and AppgateURL the Appgate one (URL +
// "/admin"), the way each vendor's clients expect their base. SeguraToken
// and AppgateToken log in over HTTP through the mock's own token
// endpoints, so their tokens are the ones any client would get; AddFault,
// RemoveFault and Reset drive the fault rules, and Requests reads the
// request journal, with credentials redacted.
//
// Methods report failures with t.Fatal on the testing.TB given to New,
// which, like any t.Fatal, belongs on the test's own goroutine. Other
// goroutines can use FetchSeguraToken, FetchAppgateToken and
// Server.Faults, which return errors. A Mock from Start, for programs and
// examples without a testing.TB, panics instead, as httptest.NewServer
// does.
//
// HTTP/2 stays off: the reset and empty faults take over the TCP
// connection, which HTTP/2 shares between requests.
package sessionmocktest
