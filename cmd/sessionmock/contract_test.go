package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContractAgainstServe runs "sessionmock contract" against "sessionmock
// serve", both through run, as a user would run the two commands.
func TestContractAgainstServe(t *testing.T) {
	m := startServe(t, nil, "serve", "--addr", "127.0.0.1:0")
	dir := t.TempDir()
	junit := filepath.Join(dir, "segura.xml")
	// The skipped checks are of routes and shapes the mock does not serve yet.
	out, _, err := runCmd(t, "contract", "--vendor", "segura", "--base-url", m.base,
		"--client-id", "sessionmock", "--client-secret", "sessionmock-secret", "--junit", junit,
		"--skip", "segura-by-id,segura-unknown-id")
	if err != nil || exitCode(err) != 0 {
		t.Fatalf("segura: exit %d (%v)\n%s", exitCode(err), err, out)
	}
	if !strings.Contains(out, "0 failed") {
		t.Errorf("segura summary:\n%s", out)
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &suites); err != nil || len(suites.Suites) != 1 ||
		suites.Suites[0].Name != "segura" || suites.Suites[0].Failures != 0 || len(suites.Suites[0].Cases) < 10 {
		t.Errorf("JUnit report (%v):\n%s", err, data)
	}

	out, _, err = runCmd(t, "contract", "--vendor", "appgate", "--base-url", m.base+"/admin",
		"--username", "admin", "--password", "admin")
	if err != nil {
		t.Fatalf("appgate: exit %d (%v)\n%s", exitCode(err), err, out)
	}

	// A budget no real answer meets: the check fails and the exit status is 1.
	out, _, err = runCmd(t, "contract", "--vendor", "appgate", "--base-url", m.base+"/admin",
		"--username", "admin", "--password", "admin", "--latency-budget", "1ns")
	if exitCode(err) != 1 || !strings.Contains(out, "latency-budget") {
		t.Errorf("failing check: exit %d (%v)\n%s", exitCode(err), err, out)
	}
	// Nothing listening: exit status 2, said in one line.
	_, _, err = runCmd(t, "contract", "--vendor", "segura", "--base-url", "http://127.0.0.1:1",
		"--client-id", "x", "--client-secret", "y")
	if exitCode(err) != 2 || strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("connection error: exit %d, %q", exitCode(err), err)
	}
	// The health probe finds the running mock.
	if out, _, err := runCmd(t, "health", "--url", m.base); err != nil || !strings.Contains(out, "healthy") {
		t.Errorf("health: %v %s", err, out)
	}
}
