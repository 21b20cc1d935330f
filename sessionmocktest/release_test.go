package sessionmocktest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAbortOnRelease(t *testing.T) {
	cases := []struct {
		name    string
		release bool // end the base context while the handler runs
		write   bool // the handler answers before returning
		wantErr bool
	}{
		{"normal answer", false, true, false},
		{"nothing written, not closing", false, false, false},
		{"answered while closing", true, true, false},
		{"cut short by Close", true, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base, release := context.WithCancel(context.Background())
			defer release()
			entered, proceed := make(chan struct{}), make(chan struct{})
			h := abortOnRelease(base, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				close(entered)
				<-proceed
				if tc.write {
					w.WriteHeader(http.StatusTeapot)
					_, _ = io.WriteString(w, "answer")
				}
			}))
			ts := httptest.NewServer(h)
			defer ts.Close()

			type result struct {
				status int
				err    error
			}
			done := make(chan result, 1)
			go func() {
				resp, err := ts.Client().Get(ts.URL)
				if err != nil {
					done <- result{err: err}
					return
				}
				resp.Body.Close()
				done <- result{status: resp.StatusCode}
			}()
			<-entered
			if tc.release {
				release()
			}
			close(proceed)
			got := <-done
			switch {
			case tc.wantErr && got.err == nil:
				t.Errorf("got status %d, want the connection dropped", got.status)
			case !tc.wantErr && got.err != nil:
				t.Errorf("request failed: %v", got.err)
			case !tc.wantErr && tc.write && got.status != http.StatusTeapot:
				t.Errorf("status %d, want the handler's 418", got.status)
			}
		})
	}
}
