package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// The banner's curl lines work as pasted: bash runs each against the
// started server and a 200 JSON body of the right shape comes out.
func TestBannerCurlLinesRun(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH; the banner's curl lines cannot be run")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not on PATH; the banner's curl lines cannot be run")
	}
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"http", []string{"--addr", "127.0.0.1:0"}, nil},
		{"https self-signed", []string{"--addr", "127.0.0.1:0", "--tls"}, nil},
		{"wildcard listen and own credentials", []string{"--addr", "0.0.0.0:0", "--client-id", "ci", "--username", "ops"},
			map[string]string{"SESSIONMOCK_CLIENT_SECRET": "it's a secret&x=1", "SESSIONMOCK_PASSWORD": `p"w $x`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := startServe(t, tt.env, tt.args...)
			lines := m.curlLines()
			if len(lines) != 2 {
				t.Fatalf("want 2 curl lines, banner is:\n%s", strings.Join(m.banner, "\n"))
			}
			checks := []func(map[string]any) bool{
				func(v map[string]any) bool {
					_, ok := v["remote_sessions"].([]any)
					return ok && v["code"] == float64(200)
				},
				func(v map[string]any) bool { id, _ := v["deviceId"].(string); return len(id) == 36 },
			}
			for i, line := range lines {
				// -w appends the status on its own line after the body.
				out, err := exec.Command(bash, "-c", line+" -w '\\n%{http_code}'").Output()
				if err != nil {
					t.Fatalf("%s\n%v", line, err)
				}
				body, status, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
				var v map[string]any
				if status != "200" || json.Unmarshal([]byte(body), &v) != nil || !checks[i](v) {
					t.Fatalf("%s\nstatus %s, body %.300s", line, status, body)
				}
			}
		})
	}
}
