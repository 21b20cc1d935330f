package contractcli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/contracttest"
)

// The exit status blames the right party: 1 for a server that answers
// wrongly, failures included while the suite signs in or discovers the
// version, with the reports written; 2 only for what the user must fix.
func TestExitStatusBlamesTheRightParty(t *testing.T) {
	ts, _ := startMock(t)
	mockURL := ts.URL
	failing := func(status int, body string, match func(*http.Request) bool) string {
		mock := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if match(r) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				_, _ = w.Write([]byte(body))
				return
			}
			proxy(w, r, mockURL)
		}))
		t.Cleanup(mock.Close)
		return mock.URL
	}
	tokenDown := failing(http.StatusInternalServerError,
		`{"code":500,"response":{"status":500,"message":"Unexpected error.","error":true,"error_code":5,"detail":"","mensagem":"Unexpected error.","erro":true,"cod_erro":5}}`,
		func(r *http.Request) bool { return r.URL.Path == "/iso/oauth2/token" })
	discoveryDown := failing(http.StatusBadGateway, `{"id":"bad gateway","message":"Bad Gateway."}`,
		func(r *http.Request) bool { return r.URL.Path == "/admin/login" || r.URL.Path == "/admin/version" })
	loginDown := failing(http.StatusServiceUnavailable, `{"id":"service unavailable","message":"Service Unavailable."}`,
		func(r *http.Request) bool {
			return r.URL.Path == "/admin/login" && !strings.Contains(r.Header.Get("Accept"), "peer-v5+")
		})
	forbidden := failing(http.StatusForbidden, `{"id":"forbidden","message":"Insufficient permissions to access this resource."}`,
		func(r *http.Request) bool {
			return strings.HasPrefix(r.URL.Path, "/admin/session-info/") && r.Header.Get("Authorization") != ""
		})

	segEnv := map[string]string{"SESSIONMOCK_CLIENT_ID": "ci", "SESSIONMOCK_CLIENT_SECRET": testSecret}
	appEnv := map[string]string{"SESSIONMOCK_USERNAME": "ci", "SESSIONMOCK_PASSWORD": testPassword}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		err  string
		// failed, for exit status 1, must be among the failed checks of
		// the JSON report.
		failed string
	}{
		{"token endpoint answers 500", []string{"--vendor", "segura", "--base-url", tokenDown}, segEnv, 1, "token-issued", contracttest.CheckTokenIssued},
		{"version discovery answers 502", []string{"--vendor", "appgate", "--base-url", discoveryDown + "/admin"}, appEnv, 1,
			"version-discovery", contracttest.CheckVersionDiscovery},
		{"login answers 503", []string{"--vendor", "appgate", "--base-url", loginDown + "/admin"}, appEnv, 1,
			"token-issued", contracttest.CheckTokenIssued},
		{"403 although the login lists SessionInfo", []string{"--vendor", "appgate", "--base-url", forbidden + "/admin"}, appEnv, 1,
			"privilege-honoured", contracttest.CheckPrivilegeHonoured},
		{"appgate base URL without /admin", []string{"--vendor", "appgate", "--base-url", mockURL}, appEnv, 2,
			"the base URL should end in /admin", ""},
		{"segura base URL ending in /api", []string{"--vendor", "segura", "--base-url", mockURL + "/api"}, segEnv, 2,
			"the base URL should not end in /api", ""},
		{"credentials refused", []string{"--vendor", "segura", "--base-url", mockURL},
			map[string]string{"SESSIONMOCK_CLIENT_ID": "ci", "SESSIONMOCK_CLIENT_SECRET": "wrong"}, 2, "refused client", ""},
		{"a drop without --allow-writes", []string{"--vendor", "segura", "--base-url", mockURL, "--drop", strings.Repeat("ab", 20)}, segEnv, 2,
			"add --allow-writes", ""},
		{"--allow-writes without a drop", []string{"--vendor", "segura", "--base-url", mockURL, "--allow-writes"}, segEnv, 2,
			"name it with --drop", ""},
		{"a drop that is not a session_id", []string{"--vendor", "segura", "--base-url", mockURL, "--drop", "42", "--allow-writes"}, segEnv, 2,
			`--drop: "42" is not a session_id`, ""},
		{"unknown release", []string{"--vendor", "segura", "--base-url", mockURL, "--segura-release", "5"}, segEnv, 2,
			"--segura-release: 5 is above the maximum; want a whole number from 3 to 4", ""},
		{"release for appgate", []string{"--vendor", "appgate", "--base-url", mockURL + "/admin", "--segura-release", "3"}, appEnv, 2,
			"--segura-release is a flag of --vendor segura", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			report := filepath.Join(dir, "r.json")
			junit := filepath.Join(dir, "r.xml")
			_, _, err := run(append(tt.args, "--json", report, "--junit", junit), tt.env)
			if got := exitCode(err); got != tt.code {
				t.Fatalf("exit status %d (%v), want %d", got, err, tt.code)
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error %v, want one containing %q", err, tt.err)
			}
			data, readErr := os.ReadFile(report)
			if tt.code == 2 {
				if readErr == nil {
					t.Error("a report was written for a run that could not check the server")
				}
				return
			}
			if readErr != nil {
				t.Fatalf("no JSON report for a failing server: %v", readErr)
			}
			if _, err := os.Stat(junit); err != nil {
				t.Errorf("no JUnit report for a failing server: %v", err)
			}
			var rep contracttest.Report
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, c := range rep.Checks {
				found = found || c.ID == tt.failed && c.Status == contracttest.Failed
			}
			if !found {
				t.Errorf("%s did not fail in the report: %+v", tt.failed, rep.Summary)
			}
		})
	}
}

// proxy passes a request on to the server at base.
func proxy(w http.ResponseWriter, r *http.Request, base string) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, base+r.URL.RequestURI(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			_, _ = w.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}
