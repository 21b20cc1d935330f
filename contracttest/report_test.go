package contracttest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleReport is a report as Run makes one, with fixed times.
func sampleReport() Report {
	return Report{
		Format:           ReportFormat,
		Vendor:           "appgate",
		BaseURL:          "https://ctrl.example:8443/admin",
		APIVersion:       23,
		APIVersionSource: "406",
		StartedAt:        time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Duration:         Duration(1234567 * time.Microsecond),
		Requests:         2,
		Notes:            []string{"API version 23 discovered from the 406 answer to POST /login with peer-v5"},
		Summary:          Summary{Total: 2, Passed: 1, Failed: 1},
		Checks: []Result{
			{ID: CheckUnknownDN, Title: "Unknown distinguished name gets 404", Description: "...", Status: Passed,
				Reason: "answered 404 Not Found", Duration: Duration(12 * time.Millisecond),
				Evidence: []Evidence{{Purpose: "session-info of a device and user that do not exist",
					Request: Request{Method: "GET", URL: "https://ctrl.example:8443/admin/session-info/CN=x", Headers: map[string]string{
						"Accept": "application/vnd.appgate.peer-v23+json", "Authorization": "Bearer " + Redacted}},
					Status: 404, ContentType: "application/json", Duration: Duration(11500 * time.Microsecond), OK: true, BodyBytes: 52}}},
			{ID: CheckSchemaValid, Title: "Body valid against the schema", Description: "...", Status: Failed,
				Reason: "1 of 1 body: not valid against the schema", Duration: Duration(time.Millisecond),
				Evidence: []Evidence{{Purpose: "session-info of CN=x", Request: Request{Method: "GET", URL: "https://ctrl.example:8443/admin/session-info/CN=x"},
					Status: 200, ContentType: "application/json", OK: false, BodyBytes: 14, Body: `{"deviceId":1}`,
					Violations: []Violation{{In: "body", Pointer: "/deviceId", Expected: "type string", Got: "1"}}}}},
		},
	}
}

func TestReportJSON(t *testing.T) {
	got, err := json.MarshalIndent(sampleReport(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "report.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the JSON report changed; if on purpose, run go test -update and document it:\n%s", got)
	}
	var back Report
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.MarshalIndent(back, "", "  ")
	if !bytes.Equal(append(again, '\n'), got) {
		t.Error("the report does not survive a round trip through JSON")
	}
}

func TestDurationJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		json string
	}{
		{0, "0"},
		{1500 * time.Microsecond, "1.5"},
		{2 * time.Second, "2000"},
		{1234567 * time.Nanosecond, "1.235"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(Duration(tt.d))
		if err != nil || string(b) != tt.json {
			t.Errorf("Duration(%v) encodes as %s, %v; want %s", tt.d, b, err, tt.json)
		}
	}
	var d Duration
	if err := json.Unmarshal([]byte(`"1s"`), &d); err == nil {
		t.Error("a string decoded as milliseconds")
	}
}
