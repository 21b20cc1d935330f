package contracttest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

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

// mockWorld is the world of newMock.
func mockWorld(t testing.TB) *fixtures.World {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 12, AppgateClients: 6})
	if err != nil {
		t.Fatal(err)
	}
	return world
}

// mockAge is how far newMock's clock is moved on from its start: far
// enough for the sessions begun by the start instant to have ended, so
// the defects that edit their end and time have one to edit.
const mockAge = 9 * time.Hour

// mockDNs returns the first n DNs present in newMock.
func mockDNs(t testing.TB, n int) []string {
	t.Helper()
	w := mockWorld(t)
	var dns []string
	w.View(w.Start().Add(mockAge), nil).Appgate().Each(func(r fixtures.AppgateRef) bool {
		dns = append(dns, r.DN.String())
		return len(dns) < n
	})
	if len(dns) < n {
		t.Fatalf("only %d clients present", len(dns))
	}
	return dns
}

// newMock builds a mock with seed 1 and a few records of each vendor.
func newMock(t testing.TB) http.Handler {
	t.Helper()
	world := mockWorld(t)
	s, err := server.New(server.Config{World: world})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Clock().Advance(mockAge); err != nil {
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
