package sessionmocktest_test

import (
	"io"
	"net/http"
	"net/http/httptrace"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// healthy reports whether a fresh client, sharing no connection with the
// mock's own, gets the health answer.
func healthy(url string) error {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
	resp, err := c.Get(url + "/__mock/health")
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

func TestCloseStopsServing(t *testing.T) {
	m := sessionmocktest.New(t)
	if err := healthy(m.URL); err != nil {
		t.Fatalf("before Close: %v", err)
	}
	m.Close()
	if err := healthy(m.URL); err == nil {
		t.Error("a new connection was answered after Close")
	}
	if _, err := m.Client().Get(m.URL + "/__mock/health"); err == nil {
		t.Error("the mock's client was answered after Close")
	}
	m.Close() // again, and once more from t.Cleanup
}

func TestCleanupStopsMock(t *testing.T) {
	var url string
	t.Run("sub", func(t *testing.T) {
		m := sessionmocktest.New(t)
		url = m.URL
		if err := healthy(url); err != nil {
			t.Fatalf("inside the subtest: %v", err)
		}
	})
	if err := healthy(url); err == nil {
		t.Error("the mock still answers after its subtest ended")
	}
}

// TestCloseReleasesHeldRequests checks that Close does not wait out a
// fault that holds a request for half an hour.
func TestCloseReleasesHeldRequests(t *testing.T) {
	cases := []struct {
		name   string
		action fault.Action
		// headers tells whether the held request gets its answer's
		// header before it is held. Without, Close may meet the request
		// before the server has read it; it must fail all the same.
		headers bool
	}{
		{"slow body", fault.Action{Fault: fault.Slow, Hold: fault.Duration(30 * time.Minute)}, true},
		{"timeout", fault.Action{Fault: fault.Timeout, Hold: fault.Duration(30 * time.Minute)}, false},
		{"latency", fault.Action{Latency: fault.Fixed(30 * time.Minute)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := sessionmocktest.New(t)
			m.SeguraToken()
			m.AddFault(fault.Rule{Match: fault.Match{Route: fault.RouteRemoteSessions}, Action: tc.action})
			req, err := http.NewRequest("GET", m.URL+"/api/session/remotesessions", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+m.SeguraToken())

			sent := make(chan struct{})
			if !tc.headers {
				req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
					WroteRequest: func(httptrace.WroteRequestInfo) { close(sent) },
				}))
			}
			result := make(chan error, 1)
			go func() {
				resp, err := m.Client().Do(req)
				if tc.headers {
					close(sent)
				}
				if err == nil {
					_, err = io.ReadAll(resp.Body)
					resp.Body.Close()
					if err == nil {
						err = errStatus(resp.StatusCode)
					}
				}
				result <- err
			}()
			<-sent

			closed := make(chan struct{})
			go func() { m.Close(); close(closed) }()
			select {
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Fatal("Close waited for a held request")
			}
			if err := <-result; err == nil {
				t.Error("the held request got a whole answer")
			} else if s, ok := err.(errStatus); ok {
				t.Errorf("the held request got an answer with status %d", int(s))
			}
		})
	}
}

// errStatus is a complete answer, which a request cut short by Close must
// not get.
type errStatus int

func (e errStatus) Error() string { return http.StatusText(int(e)) }
