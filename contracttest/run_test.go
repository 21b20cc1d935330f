package contracttest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/openapi"
)

// journal records the requests a server received.
type journal struct {
	mu       sync.Mutex
	requests []string // "METHOD /path"
	bodies   []string // response bodies, to find the tokens issued
}

func (j *journal) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		j.mu.Lock()
		j.requests = append(j.requests, r.Method+" "+r.URL.Path)
		j.bodies = append(j.bodies, rec.Body.String())
		j.mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

func (j *journal) list() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.requests)
}

// issuedTokens returns every token the server handed out.
func (j *journal) issuedTokens(t *testing.T) []string {
	t.Helper()
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []string
	for _, b := range j.bodies {
		var tok struct {
			AccessToken string `json:"access_token"`
			Token       string `json:"token"`
		}
		if json.Unmarshal([]byte(b), &tok) == nil && tok.AccessToken+tok.Token != "" {
			out = append(out, tok.AccessToken+tok.Token)
		}
	}
	return out
}

func TestOnlySafeRequestsWithinTheCap(t *testing.T) {
	for _, vendor := range openapi.Vendors() {
		t.Run(vendor, func(t *testing.T) {
			t.Parallel()
			j := &journal{}
			ts := serve(t, j.wrap(newCompliant(t)))
			rep, err := Run(context.Background(), targetFor(vendor, ts.URL), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := j.list()
			if len(got) != rep.Requests {
				t.Errorf("report counts %d requests, the server saw %d", rep.Requests, len(got))
			}
			if len(got) > DefaultMaxRequests {
				t.Errorf("%d requests, above the default cap", len(got))
			}
			for _, req := range got {
				method, p, _ := strings.Cut(req, " ")
				switch method {
				case http.MethodGet, http.MethodTrace:
				case http.MethodPost:
					if !slices.Contains([]string{"/iso/oauth2/token", "/admin/login", "/admin/authentication", "/admin/authentication/logout"}, p) {
						t.Errorf("POST to %s: only the token, sign-in and logout calls may be POSTs", p)
					}
				default:
					t.Errorf("unsafe request %s", req)
				}
			}
		})
	}
}

func TestReadyToken(t *testing.T) {
	for _, vendor := range openapi.Vendors() {
		t.Run(vendor, func(t *testing.T) {
			t.Parallel()
			mock := newCompliant(t)
			j := &journal{}
			ts := serve(t, j.wrap(mock))
			target := targetFor(vendor, ts.URL)
			target.ClientID, target.ClientSecret, target.Username, target.Password = "", "", "", ""
			target.Token = mockToken(t, mock, vendor)
			rep, err := Run(context.Background(), target, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range rep.Checks {
				want := Passed
				switch c.ID {
				case CheckTokenIssued, CheckTokenBasic, CheckLatencyBudget, CheckSeguraDrop, CheckPrivilegeHonoured, CheckSignIn, CheckLogout:
					want = Skipped
				}
				if slices.Contains(specLag[vendor], c.ID) {
					continue
				}
				if c.Status != want {
					t.Errorf("%s: %s (%s), want %s", c.ID, c.Status, c.Reason, want)
				}
			}
			// Only bad-credentials calls the token endpoint or the login.
			posts := 0
			for _, req := range j.list() {
				if strings.HasPrefix(req, "POST ") {
					posts++
				}
			}
			if want := map[string]int{openapi.Segura: 1, openapi.Appgate: 2}[vendor]; posts != want {
				t.Errorf("%d POSTs, want %d (bad-credentials, and the version discovery for appgate)", posts, want)
			}
		})
	}
}

func TestSelection(t *testing.T) {
	tests := []struct {
		vendor   string
		opts     Options
		want     []string
		requests int
	}{
		{openapi.Segura, Options{Checks: []string{CheckMissingCredentials}}, []string{CheckMissingCredentials}, 1},
		{openapi.Segura, Options{Checks: []string{CheckBadCredentials, CheckInvalidToken}}, []string{CheckBadCredentials, CheckInvalidToken}, 2},
		// The version is discovered whatever the checks.
		{openapi.Appgate, Options{Checks: []string{CheckMissingCredentials}}, []string{CheckMissingCredentials}, 2},
		// The token, the list, the token for HTTP Basic, bad credentials,
		// missing and invalid ones, one session and an unknown one.
		{openapi.Segura, Options{Skip: []string{CheckLatencyBudget, CheckMethodNotAllowed}}, nil, 8},
	}
	for _, tt := range tests {
		t.Run(tt.vendor+"/"+strings.Join(append(tt.opts.Checks, tt.opts.Skip...), ","), func(t *testing.T) {
			ts := serve(t, newCompliant(t))
			rep, err := Run(context.Background(), targetFor(tt.vendor, ts.URL), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range rep.Checks {
				got = append(got, c.ID)
				if slices.Contains(tt.opts.Skip, c.ID) {
					t.Errorf("%s ran although skipped", c.ID)
				}
			}
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("checks %v, want %v", got, tt.want)
			}
			if rep.Requests != tt.requests {
				t.Errorf("%d requests, want %d", rep.Requests, tt.requests)
			}
		})
	}
}

func TestRequestCap(t *testing.T) {
	j := &journal{}
	ts := serve(t, j.wrap(newCompliant(t)))
	rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{MaxRequests: 6})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(j.list()); n != 6 || rep.Requests != 6 {
		t.Errorf("server saw %d requests, report says %d; want the cap of 6", n, rep.Requests)
	}
	capped := 0
	for _, c := range rep.Checks {
		if c.Status == Failed {
			t.Errorf("%s failed: %s", c.ID, c.Reason)
		}
		if c.Status == Skipped && strings.Contains(c.Reason, "--max-requests") {
			capped++
		}
	}
	if capped == 0 {
		t.Error("no check was skipped for the cap")
	}
}

// fakeClock is a clock that moves only when the run sleeps.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func TestRateIsHonoured(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	ts := serve(t, newCompliant(t))
	rep, err := Run(context.Background(), targetFor(openapi.Segura, ts.URL),
		Options{Rate: 4, Now: clock.Now, Sleep: clock.Sleep})
	if err != nil {
		t.Fatal(err)
	}
	// The clock moves only in Sleep, so every request after the first waits
	// a whole interval.
	if len(clock.sleeps) != rep.Requests-1 {
		t.Fatalf("%d sleeps for %d requests", len(clock.sleeps), rep.Requests)
	}
	for _, d := range clock.sleeps {
		if d != 250*time.Millisecond {
			t.Errorf("slept %v between requests, want 250ms at 4 requests per second", d)
		}
	}
	if rep.Duration.Std() != time.Duration(rep.Requests-1)*250*time.Millisecond {
		t.Errorf("run took %v on the fake clock", rep.Duration.Std())
	}
}

func TestProgressFollowsTheReport(t *testing.T) {
	ts := serve(t, newCompliant(t))
	var seen []string
	rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{
		Progress: func(r Result) { seen = append(seen, r.ID+" "+string(r.Status)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range rep.Checks {
		want = append(want, c.ID+" "+string(c.Status))
	}
	if !slices.Equal(seen, want) {
		t.Errorf("progress %v, want %v", seen, want)
	}
}

// Checks that need no session data do not look sessions up.
func TestNoLookupsWithoutRecordChecks(t *testing.T) {
	j := &journal{}
	ts := serve(t, j.wrap(newCompliant(t)))
	rep, err := Run(context.Background(), targetFor(openapi.Appgate, ts.URL), Options{Checks: []string{CheckUnknownDN, CheckAcceptVersion}})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range j.list() {
		if strings.HasPrefix(req, "GET /__mock/") {
			t.Errorf("asked the mock for DNs: %s", req)
		}
	}
	// Version discovery, login, the made-up DN, and accept-version's request.
	if rep.Requests != 4 || rep.Failed() {
		t.Errorf("%d requests, summary %+v", rep.Requests, rep.Summary)
	}
}
