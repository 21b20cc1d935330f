package config

import (
	"os"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
)

func TestFaultSettings(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "c.yaml", `error-rate: 0.1
latency: 5ms
faults:
  - id: slow-list
    match: {vendor: segura, route: remotesessions}
    action: {latency: "lognormal(100ms,0.5)", bandwidth: 65536}
  - match: {route: session-info}
    when: {every: 10}
    action: {status: 500}
`)
	s, err := Load([]string{"--config", file, "--error-status", "503", "--latency", "10ms-20ms"},
		envOf(map[string]string{"SESSIONMOCK_ERROR_RATE": "0.25"}))
	if err != nil {
		t.Fatal(err)
	}
	rules := s.Faults
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	// The short forms come first, from the flag and the variable, then the
	// file's rules in file order.
	if strings.Join(ids, ",") != "latency,error-rate,slow-list," || len(rules) != 4 {
		t.Fatalf("rules %q", ids)
	}
	if rules[0].Action.Latency.String() != "10ms-20ms" {
		t.Errorf("--latency over the file: %v", rules[0].Action.Latency)
	}
	if p := rules[1].When.Probability; p == nil || *p != 0.25 || rules[1].Action.Status != 503 {
		t.Errorf("error-rate rule %+v", rules[1])
	}
	if rules[2].Action.Bandwidth != 65536 || rules[3].When.Every != 10 {
		t.Errorf("file rules %+v %+v", rules[2], rules[3])
	}
	if _, err := fault.NewEngine(1, rules...); err != nil {
		t.Errorf("the rules do not build an engine: %v", err)
	}
}

func TestOtherServeSettings(t *testing.T) {
	s, err := Load([]string{"--admin-token", "t0k", "--cors-origins", "http://localhost:5173, https://app.example/",
		"--journal-size", "0", "--segura-tenant", "senhasegura"}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.AdminToken != "t0k" || strings.Join(s.CORSOrigins, " ") != "http://localhost:5173 https://app.example" ||
		s.JournalSize != 0 || s.SeguraTenant != "senhasegura" {
		t.Errorf("%+v", s)
	}
	d := Defaults()
	if d.JournalSize != 1000 || d.CORSOrigins[0] != "*" || d.ErrorStatus != 500 || d.SeguraTenant != "Segura" {
		t.Errorf("defaults %+v", d)
	}
}

func TestFaultSettingErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		env  map[string]string
		file string
		want string
	}{
		{args: []string{"--latency", "fast"}, want: "--latency: "},
		{args: []string{"--error-rate", "1.5"}, want: `--error-rate: 1.5 is above the maximum; want a number from 0 to 1`},
		{env: map[string]string{"SESSIONMOCK_ERROR_RATE": "x"}, want: `SESSIONMOCK_ERROR_RATE: "x" is not a number; want a number from 0 to 1`},
		{args: []string{"--error-status", "200"}, want: `--error-status: 200 is below the minimum; want an HTTP error status from 300 to 599`},
		{args: []string{"--cors-origins", "localhost"}, want: `--cors-origins: origin "localhost" has no scheme; want http://host[:port], https://host[:port] or *`},
		{file: "faults:\n  - action: {status: 99}\n", want: "c.yaml:2:22: faults[0].action.status: 99 is below the minimum; want an HTTP error status from 300 to 599"},
		{file: "faults:\n  - match: {route: nowhere}\n    action: {status: 500}\n", want: "c.yaml:2:20: faults[0].match.route"},
		{file: "faults: 3\n", want: "c.yaml:1:9: faults"},
	}
	for _, tc := range cases {
		args := tc.args
		if tc.file != "" {
			args = append(args, "--config", writeFile(t, "c.yaml", tc.file))
		}
		_, err := Load(args, envOf(tc.env))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v %q: error %v, want one containing %q", tc.args, tc.env, tc.file, err, tc.want)
		}
	}
}

// TestExampleFaultsParse keeps the commented-out faults section of the
// example config file in working order.
func TestExampleFaultsParse(t *testing.T) {
	data, err := os.ReadFile("../../docs/config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var block []string
	in := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "# faults:") {
			in = true
		}
		if in {
			if !strings.HasPrefix(line, "#") {
				break
			}
			block = append(block, strings.TrimPrefix(strings.TrimPrefix(line, "#"), " "))
		}
	}
	if len(block) < 5 {
		t.Fatalf("no faults example found: %q", block)
	}
	s, err := Load([]string{"--config", writeFile(t, "faults.yaml", strings.Join(block, "\n"))}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Faults) != 3 {
		t.Errorf("%d rules in the example, want 3", len(s.Faults))
	}
}
