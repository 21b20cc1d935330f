package contracttest_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/sessionmock/sessionmock/contracttest"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

// Run the Segura contract against a mock started inside the program, the way
// a test of a relay or a client library could.
func ExampleRun() {
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: 50})
	if err != nil {
		panic(err)
	}
	mock, err := server.New(server.Config{World: world})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(mock)
	defer ts.Close()

	report, err := contracttest.Run(context.Background(), contracttest.Target{
		Vendor:       "segura",
		BaseURL:      ts.URL,
		ClientID:     "sessionmock",
		ClientSecret: "sessionmock-secret",
	}, contracttest.Options{Checks: []string{contracttest.CheckTokenIssued, contracttest.CheckMissingCredentials,
		contracttest.CheckSeguraTime, contracttest.CheckSeguraSessionID, contracttest.CheckSchemaValid}})
	if err != nil {
		panic(err)
	}
	for _, c := range report.Checks {
		fmt.Printf("%-8s %s\n", c.Status, c.ID)
	}
	fmt.Printf("%d passed, %d failed, %d skipped\n", report.Summary.Passed, report.Summary.Failed, report.Summary.Skipped)
	// Output:
	// passed   token-issued
	// passed   missing-credentials
	// passed   segura-time
	// passed   segura-session-id
	// passed   schema-valid
	// 5 passed, 0 failed, 0 skipped
}
