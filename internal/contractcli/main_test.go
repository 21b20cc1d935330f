package contractcli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/contracttest"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/server"
)

const (
	testSecret   = "ci-client-secret-value"
	testPassword = "ci-admin-password"
)

// issued collects the tokens a mock hands out.
type issued struct {
	mu     sync.Mutex
	tokens []string
}

func (i *issued) add(tok string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.tokens = append(i.tokens, tok)
}

func (i *issued) list() []string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return append([]string(nil), i.tokens...)
}

// startMock serves a mock whose credentials are the test's own, and records
// the tokens it issues.
func startMock(t *testing.T) (*httptest.Server, *issued) {
	t.Helper()
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 7, SeguraSessions: 6, AppgateClients: 3})
	if err != nil {
		t.Fatal(err)
	}
	mock, err := server.New(server.Config{World: world,
		SeguraClients: []server.SeguraClient{{ID: "ci", Secret: testSecret, ListSessions: true}},
		AppgateUsers:  []server.AppgateUser{{Provider: "local", Username: "ci", Password: testPassword, SessionInfo: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tokens := &issued{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		mock.ServeHTTP(rec, r)
		var tok struct {
			AccessToken string `json:"access_token"`
			Token       string `json:"token"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &tok) == nil && tok.AccessToken+tok.Token != "" {
			tokens.add(tok.AccessToken + tok.Token)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(ts.Close)
	return ts, tokens
}

// mockGaps are the checks of shapes the mock does not serve yet (one
// Segura session as an array, the unknown id's 1002 answer); the tests
// that expect a clean run leave them out.
var mockGaps = map[string]string{
	"segura":  "segura-by-id,segura-unknown-id",
	"appgate": "",
}

func run(args []string, env map[string]string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = Main(context.Background(), args, envOfMap(env), &out, &errOut)
	return out.String(), errOut.String(), err
}

func exitCode(err error) int {
	if e, ok := errors.AsType[*cli.Error](err); ok {
		return e.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestExitStatus(t *testing.T) {
	ts, _ := startMock(t)
	segEnv := map[string]string{"SESSIONMOCK_CLIENT_ID": "ci", "SESSIONMOCK_CLIENT_SECRET": testSecret}
	appEnv := map[string]string{"SESSIONMOCK_USERNAME": "ci", "SESSIONMOCK_PASSWORD": testPassword}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stdout string
		err    string
	}{
		{"segura passes", []string{"--vendor", "segura", "--base-url", ts.URL, "--skip", mockGaps["segura"]}, segEnv, 0, "PASS schema-valid", ""},
		{"appgate passes", []string{"--vendor", "appgate", "--base-url", ts.URL + "/admin", "--skip", mockGaps["appgate"]}, appEnv, 0, "PASS appgate-identity", ""},
		{"a check fails", []string{"--vendor", "segura", "--base-url", ts.URL, "--latency-budget", "1ns", "--skip", mockGaps["segura"]}, segEnv, 1,
			"FAIL latency-budget", "1 of 19 checks failed: latency-budget"},
		{"usage", []string{"--vendor", "segura"}, segEnv, 2, "", "--base-url is required"},
		{"unknown check", []string{"--vendor", "segura", "--base-url", ts.URL, "--checks", "nope"}, segEnv, 2, "", `unknown check "nope"`},
		{"unreachable", []string{"--vendor", "segura", "--base-url", closed.URL}, segEnv, 2, "", "cannot reach"},
		{"credentials refused", []string{"--vendor", "appgate", "--base-url", ts.URL + "/admin"},
			map[string]string{"SESSIONMOCK_USERNAME": "ci", "SESSIONMOCK_PASSWORD": "wrong-password"}, 2, "", `refused user "ci"`},
		{"help", []string{"--help"}, nil, 0, "Usage: sessionmock contract", ""},
		{"list checks", []string{"--list-checks", "--vendor", "appgate"}, nil, 0, "accept-version (appgate)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, _, err := run(tt.args, tt.env)
			if got := exitCode(err); got != tt.code {
				t.Fatalf("exit status %d (%v), want %d", got, err, tt.code)
			}
			if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("error %v, want one containing %q", err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout)
			}
		})
	}
}

func TestReportsAndSecrets(t *testing.T) {
	ts, tokens := startMock(t)
	dir := t.TempDir()
	cases := []struct {
		vendor string
		args   []string
	}{
		{"segura", []string{"--vendor", "segura", "--base-url", ts.URL, "--client-id", "ci", "--client-secret", testSecret, "--skip", mockGaps["segura"]}},
		{"appgate", []string{"--vendor", "appgate", "--base-url", ts.URL + "/admin", "--username", "ci", "--password", testPassword, "--skip", mockGaps["appgate"]}},
	}
	for _, c := range cases {
		t.Run(c.vendor, func(t *testing.T) {
			junit := filepath.Join(dir, c.vendor, "junit.xml")
			jsonFile := filepath.Join(dir, c.vendor, "report.json")
			// A budget nothing can meet makes every exchange failing
			// evidence, so that the reports quote every answer.
			args := append(c.args, "--latency-budget", "1ns", "--junit", junit, "--json", jsonFile)
			stdout, stderr, err := run(args, nil)
			if exitCode(err) != 1 {
				t.Fatalf("exit status %d (%v), want 1", exitCode(err), err)
			}
			if !strings.Contains(stderr, "can be read by other users") {
				t.Errorf("stderr does not warn of the secret on the command line: %q", stderr)
			}

			xmlData, err := os.ReadFile(junit)
			if err != nil {
				t.Fatal(err)
			}
			var suites junitSuites
			if err := xml.Unmarshal(xmlData, &suites); err != nil {
				t.Fatalf("the JUnit report does not parse: %v", err)
			}
			if len(suites.Suites) != 1 || suites.Suites[0].Name != c.vendor {
				t.Fatalf("suites %+v, want one named %s", suites.Suites, c.vendor)
			}
			s := suites.Suites[0]
			gaps := 0
			if mockGaps[c.vendor] != "" {
				gaps = len(strings.Split(mockGaps[c.vendor], ","))
			}
			if s.Tests != len(contracttest.Checks(c.vendor))-gaps || len(s.Cases) != s.Tests || s.Failures != 1 || suites.Failures != 1 {
				t.Errorf("suite counts tests=%d cases=%d failures=%d", s.Tests, len(s.Cases), s.Failures)
			}
			for _, tc := range s.Cases {
				if tc.Classname != c.vendor {
					t.Errorf("case %s has classname %q", tc.Name, tc.Classname)
				}
				if (tc.Failure != nil) != (tc.Name == contracttest.CheckLatencyBudget) {
					t.Errorf("case %s failure %+v", tc.Name, tc.Failure)
				}
				if tc.Failure != nil && (!strings.Contains(tc.Failure.Text, "expected an answer within 1ns") || tc.Failure.Message == "") {
					t.Errorf("failure without its evidence: %+v", tc.Failure)
				}
			}

			jsonData, err := os.ReadFile(jsonFile)
			if err != nil {
				t.Fatal(err)
			}
			var rep contracttest.Report
			if err := json.Unmarshal(jsonData, &rep); err != nil {
				t.Fatalf("the JSON report does not parse: %v", err)
			}
			if rep.Format != contracttest.ReportFormat || rep.Vendor != c.vendor || rep.Summary.Failed != 1 {
				t.Errorf("JSON report %s %s %+v", rep.Format, rep.Vendor, rep.Summary)
			}

			everything := stdout + stderr + string(xmlData) + string(jsonData)
			if len(tokens.list()) == 0 {
				t.Fatal("the mock issued no token; the test proves nothing")
			}
			for _, secret := range append([]string{testSecret, testPassword}, tokens.list()...) {
				if strings.Contains(everything, secret) {
					t.Errorf("the output or a report contains the secret %.12s...", secret)
				}
			}
		})
	}
}

func TestReportFileErrors(t *testing.T) {
	ts, _ := startMock(t)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := run([]string{"--vendor", "segura", "--base-url", ts.URL, "--client-id", "ci",
		"--json", filepath.Join(blocker, "report.json")}, map[string]string{"SESSIONMOCK_CLIENT_SECRET": testSecret})
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "write the JSON report") {
		t.Errorf("err = %v, want exit status 2 naming the report", err)
	}
}

func TestInterrupted(t *testing.T) {
	ts, _ := startMock(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	report := filepath.Join(t.TempDir(), "r.json")
	var out bytes.Buffer
	err := Main(ctx, []string{"--vendor", "segura", "--base-url", ts.URL, "--token", "t", "--json", report},
		envOfMap(nil), &out, &bytes.Buffer{})
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("err = %v, want exit status 2 for an interrupted run", err)
	}
	if _, statErr := os.Stat(report); !os.IsNotExist(statErr) {
		t.Errorf("a report of an interrupted run was written: %v", statErr)
	}
}
