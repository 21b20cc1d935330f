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
			Options{}, plus(seguraRecordChecks, CheckNoServerError)},
		{"session list is slow", openapi.Segura,
			`{"match":{"route":"remotesessions","method":"GET","client":"sessionmock"},"action":{"latency":"1s"}}`,
			Options{LatencyBudget: 800 * time.Millisecond}, []string{CheckLatencyBudget}},
		{"session-info body cut short", openapi.Appgate,
			`{"match":{"route":"session-info","client":"admin"},"action":{"fault":"malformed"}}`,
			// The fault cuts every session-info body of admin's token short,
			// the 406 of accept-version included: no session is left to judge.
			Options{}, []string{CheckAcceptVersion, CheckDNSpellings, CheckAppgateIdentity, CheckAppgateAccess,
				CheckActiveSessionsIdent, CheckSchemaValid}},
		{"first session-info connection reset", openapi.Appgate,
			`{"match":{"route":"session-info"},"when":{"first":1},"action":{"fault":"reset"}}`,
			// The compliant server asks session-info to judge the token of
			// its active-sessions list, so the reset falls on the list.
			Options{Skip: []string{CheckActiveSessionsPaging, CheckActiveSessionsIdent}}, []string{CheckNoServerError}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := serve(t, newCompliant(t))
			addFault(t, ts.URL, tt.rule)
			rep, err := Run(context.Background(), targetFor(tt.vendor, ts.URL), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := failedChecks(rep)
			want := slices.Clone(tt.fail)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("failed checks %v, want %v", got, want)
			}
		})
	}
}
