package contractcli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/contracttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s changed; if on purpose, run go test -update:\n%s", name, got)
	}
}

// sampleReport has a result of each status and a failure with evidence.
func sampleReport() contracttest.Report {
	ms := func(n float64) contracttest.Duration { return contracttest.Duration(n * float64(time.Millisecond)) }
	return contracttest.Report{
		Format: contracttest.ReportFormat, Vendor: "segura", BaseURL: "https://pam.example",
		StartedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Duration: ms(1520), Requests: 6,
		Notes:   []string{"a ready token was given; the token endpoint was not asked for one"},
		Summary: contracttest.Summary{Total: 3, Passed: 1, Failed: 1, Skipped: 1},
		Checks: []contracttest.Result{
			{ID: "missing-credentials", Title: "Missing credentials rejected the vendor's way", Description: "A request without an Authorization header is refused.",
				Status: contracttest.Passed, Reason: "refused with Kong's 404 Not Found (no Route matched with those values)", Duration: ms(12),
				Evidence: []contracttest.Evidence{{Purpose: "list remote sessions without an Authorization header", OK: true, Status: 404,
					Request: contracttest.Request{Method: "GET", URL: "https://pam.example/api/session/remotesessions"}}}},
			{ID: "schema-valid", Title: "Body valid against the schema", Description: "Every body is valid against the schema.",
				Status: contracttest.Failed, Reason: "1 of 4 bodies: not valid against the schema", Duration: ms(3.2),
				Evidence: []contracttest.Evidence{
					{Purpose: "obtain a token", OK: true, Status: 200, Request: contracttest.Request{Method: "POST", URL: "https://pam.example/iso/oauth2/token"}},
					{Purpose: "list remote sessions", Status: 200, ContentType: "application/json", BodyBytes: 4203, Duration: ms(840),
						Request: contracttest.Request{Method: "GET", URL: "https://pam.example/api/session/remotesessions",
							Headers: map[string]string{"Authorization": "Bearer [REDACTED]"}},
						Violations: []contracttest.Violation{
							{In: "body", Pointer: "/remote_sessions/0/id", Expected: "type string", Got: "3"},
							{In: "body", Pointer: "/response/cod_erro", Expected: "the required property to be present", Got: "nothing"},
						},
						Body: `{"code":200,"response":{"status":200},` + "\n" + `"remote_sessions":[{"id":3}]}`},
					{Purpose: "list remote sessions with a token never issued", Error: "no complete answer within the time-out of 30s",
						Request:    contracttest.Request{Method: "GET", URL: "https://pam.example/api/session/remotesessions"},
						Violations: []contracttest.Violation{{In: "transport", Expected: "an HTTP answer", Got: "no complete answer within the time-out of 30s"}}},
				}},
			{ID: "latency-budget", Title: "Answers within the latency budget", Description: "Every answer arrives within the budget.",
				Status: contracttest.Skipped, Reason: "no latency budget was set"},
		},
	}
}

func TestTerminal(t *testing.T) {
	for _, tty := range []bool{false, true} {
		name := "terminal-plain.golden"
		if tty {
			name = "terminal-tty.golden"
		}
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			term := terminal{w: &b, tty: tty}
			rep := sampleReport()
			term.header(contracttest.Target{Vendor: rep.Vendor, BaseURL: rep.BaseURL})
			for _, r := range rep.Checks {
				term.progress(r)
			}
			term.summary(rep)
			golden(t, name, b.Bytes())
			marks := []string{"PASS ", "FAIL ", "SKIP "}
			if tty {
				marks = []string{"✓ ", "✗ ", "- "}
			}
			for _, m := range marks {
				if !strings.Contains(b.String(), m) {
					t.Errorf("no %q mark in the output", m)
				}
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a regular file is a terminal")
	}
}

func TestListChecks(t *testing.T) {
	var b bytes.Buffer
	listChecks(&b, "segura")
	for _, c := range contracttest.Checks("segura") {
		if !strings.Contains(b.String(), c.ID+" (") {
			t.Errorf("%s is not listed", c.ID)
		}
	}
	if strings.Contains(b.String(), "accept-version") {
		t.Error("an appgate check is listed for segura")
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if len(line) > 80 {
			t.Errorf("line longer than 80 columns: %q", line)
		}
	}
}
