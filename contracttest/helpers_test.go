package contracttest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/server"
)

// Credentials of a fresh mock.
const (
	mockClientID     = "sessionmock"
	mockClientSecret = "sessionmock-secret"
	mockUsername     = "admin"
	mockPassword     = "admin"
)

// newMock builds a mock with seed 1 and a few records of each vendor.
func newMock(t testing.TB) http.Handler {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 12, AppgateClients: 6})
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(server.Config{World: world})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// serve runs h on a loopback listener for the rest of the test.
func serve(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func targetFor(vendor, url string) Target {
	if vendor == openapi.Appgate {
		return Target{Vendor: vendor, BaseURL: url + "/admin", Username: mockUsername, Password: mockPassword}
	}
	return Target{Vendor: vendor, BaseURL: url, ClientID: mockClientID, ClientSecret: mockClientSecret}
}

// failedChecks lists the checks of rep that failed, leaving out those the
// compliant server fails for the lag of the embedded document (specLag).
func failedChecks(rep Report) []string {
	var out []string
	for _, c := range rep.Checks {
		if c.Status == Failed && !slices.Contains(specLag[rep.Vendor], c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}

// answered is an exchange of a GET that got status and body, read the way
// the suite reads answers.
func answered(status int, body []byte) *exchange {
	sc := newJSONScanner()
	_, _ = sc.Write(body)
	ex := &exchange{call: call{method: "GET"}, status: status, scan: sc.finish(false)}
	ex.body, ex.scan.kept = ex.scan.kept, nil
	ex.head = body[:min(len(body), maxExcerpt+4)]
	return ex
}
