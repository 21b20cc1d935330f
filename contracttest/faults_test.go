package contracttest

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/openapi"
)

// addFault installs a fault rule through the mock's admin API, the way a
// user would against a running mock.
func addFault(t *testing.T, base, rule string) {
	t.Helper()
	resp, err := http.Post(base+"/__mock/faults", "application/json", strings.NewReader(rule))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("POST /__mock/faults %s: %s", rule, resp.Status)
	}
}

// A mock with faults injected through its admin API fails the checks those
// faults break, and only those.
func TestInjectedFaults(t *testing.T) {
	tests := []struct {
		name   string
		vendor string
		rule   string
		opts   Options
		fail   []string
	}{
		{"session list answers 500", openapi.Segura,
			`{"match":{"route":"remotesessions","method":"GET","client":"sessionmock"},"action":{"status":500}}`,
			Options{}, []string{CheckNoServerError}},
		{"session list is slow", openapi.Segura,
			`{"match":{"route":"remotesessions","method":"GET","client":"sessionmock"},"action":{"latency":"1s"}}`,
			Options{LatencyBudget: 800 * time.Millisecond}, []string{CheckLatencyBudget}},
		{"session-info body cut short", openapi.Appgate,
			`{"match":{"route":"session-info","client":"admin"},"action":{"fault":"malformed"}}`,
			// The fault cuts every session-info body of admin's token short,
			// the 406 of accept-version included.
			Options{}, []string{CheckAcceptVersion, CheckSchemaValid}},
		{"first session-info connection reset", openapi.Appgate,
			`{"match":{"route":"session-info"},"when":{"first":1},"action":{"fault":"reset"}}`,
			Options{}, []string{CheckNoServerError}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := serve(t, newMock(t))
			addFault(t, ts.URL, tt.rule)
			rep, err := Run(context.Background(), targetFor(tt.vendor, ts.URL), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range rep.Checks {
				if c.Status == Failed {
					got = append(got, c.ID)
					t.Logf("%s: %s", c.ID, c.Reason)
				}
			}
			if !slices.Equal(got, tt.fail) {
				t.Errorf("failed checks %v, want %v", got, tt.fail)
			}
		})
	}
}
