package contracttest

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/openapi"
)

// hang never answers requests that match, until the client gives up.
func hang(match func(*http.Request) bool) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if match(r) {
				<-r.Context().Done()
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func TestTimeouts(t *testing.T) {
	t.Run("per request", func(t *testing.T) {
		ts := serve(t, hang(and(seguraList, withAuth))(t, newCompliant(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Segura, ts.URL), Options{Timeout: 400 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		nse := resultOf(t, rep, CheckNoServerError)
		if nse.Status != Failed || !strings.Contains(failing(nse)[0].Error, "time-out") {
			t.Errorf("no-server-error: %s %q, want failed for the time-out", nse.Status, nse.Reason)
		}
		if st := resultOf(t, rep, CheckSeguraTime); st.Status != Failed || !strings.Contains(st.Reason, "no answer") {
			t.Errorf("segura-time: %s (%s), want failed: the list never came", st.Status, st.Reason)
		}
	})
	t.Run("whole run", func(t *testing.T) {
		ts := serve(t, hang(and(seguraList, withAuth))(t, newCompliant(t)))
		rep, err := Run(context.Background(), targetFor(openapi.Segura, ts.URL), Options{Deadline: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep.Checks {
			if c.Status == Failed {
				t.Errorf("%s failed: %s", c.ID, c.Reason)
			}
		}
		if mc := resultOf(t, rep, CheckMissingCredentials); mc.Status != Skipped || !strings.Contains(mc.Reason, "deadline") {
			t.Errorf("missing-credentials: %s %q, want skipped past the deadline", mc.Status, mc.Reason)
		}
	})
}

func TestRedirects(t *testing.T) {
	t.Run("off the host: not followed", func(t *testing.T) {
		other := &journal{}
		elsewhere := serve(t, other.wrap(newCompliant(t)))
		away := respond(and(seguraList, withAuth), http.StatusFound, "application/json", "")
		h := away(t, newCompliant(t))
		redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if seguraList(r) && withAuth(r) {
				w.Header().Set("Location", elsewhere.URL+r.URL.Path)
			}
			h.ServeHTTP(w, r)
		})
		ts := serve(t, redirect)
		rep, err := Run(context.Background(), targetFor(openapi.Segura, ts.URL), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := other.list(); len(got) > 0 {
			t.Fatalf("the other host got %v", got)
		}
		sd := resultOf(t, rep, CheckStatusDocumented)
		if sd.Status != Failed || !strings.Contains(failing(sd)[0].Note, "not followed") {
			t.Errorf("status-documented: %s %q, want failed on the 302 with a note", sd.Status, sd.Reason)
		}
	})
	t.Run("same host: followed", func(t *testing.T) {
		mock := newCompliant(t)
		moved := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case seguraList(r) && withAuth(r) && r.URL.RawQuery == "":
				http.Redirect(w, r, r.URL.Path+"?moved=1", http.StatusTemporaryRedirect)
			default:
				r.URL.RawQuery = ""
				mock.ServeHTTP(w, r)
			}
		})
		ts := serve(t, moved)
		rep, err := Run(context.Background(), targetFor(openapi.Segura, ts.URL), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f := failedChecks(rep); len(f) > 0 {
			t.Errorf("%v failed after a same-host redirect", f)
		}
	})
}
