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
// The mock's world runs on a fixed clock that moves only when the test
// moves it, so a test reaches the moments an integration must notice
// without sleeping: Clock().Advance(d) and Clock().Set(t) make sessions
// begin and end and clients connect, fail over and vanish, and age the
// tokens; DisconnectAppgate and FailoverAppgate change a client now; View
// shows the world as the mock serves it; Reset returns the clock to its
// start and forgets the changes.
//
//	m.Clock().Advance(10 * time.Minute) // new sessions have begun
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
