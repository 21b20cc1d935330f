package main

import (
	"encoding/json"
	"github.com/sessionmock/sessionmock/clock"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/config"
)

func TestBannerBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr, bound string
		tls         bool
		want        string
	}{
		{"127.0.0.1:0", "127.0.0.1:41234", false, "http://127.0.0.1:41234"},
		{"0.0.0.0:8080", "0.0.0.0:8080", false, "http://127.0.0.1:8080"},
		{"[::]:8080", "[::]:8080", true, "https://127.0.0.1:8080"},
		{":9000", "[::]:9000", false, "http://127.0.0.1:9000"},
		{"localhost:0", "127.0.0.1:5555", false, "http://localhost:5555"},
		{"[::1]:0", "[::1]:6666", false, "http://[::1]:6666"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			s := config.Defaults()
			s.Addr = tt.addr
			bound, err := net.ResolveTCPAddr("tcp", tt.bound)
			if err != nil {
				t.Fatal(err)
			}
			b := banner{settings: s, listen: bound}
			if tt.tls {
				b.cert, _ = selfSigned([]string{"localhost"}, time.Now())
			}
			if got := b.baseURL(); got != tt.want {
				t.Fatalf("baseURL() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBannerContents(t *testing.T) {
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 4, SeguraSessions: 3, AppgateClients: 2})
	if err != nil {
		t.Fatal(err)
	}
	s := config.Defaults()
	s.Seed = 4
	s.PeerVersion = 23
	bound, _ := net.ResolveTCPAddr("tcp", "[::1]:7000")
	s.Addr = "[::1]:0"
	out := banner{settings: s, world: world, listen: bound, version: "v9"}.String()
	dn := world.Appgate().At(0).DN
	for _, want := range []string{
		"sessionmock v9 listening on http://[::1]:7000\n",
		"seed 4: 3 Segura remote sessions, 2 Appgate client sessions\n",
		"client sessionmock / sessionmock-secret   may list and end (drop) sessions",
		"client read-only / read-only-secret       may list sessions but not end them",
		"client no-sessions / no-sessions-secret   lacks the Credentials and Devices permission",
		"clock fixed at the start instant " + clock.FormatInstant(world.Start()) + "; POST http://[::1]:7000/__mock/clock moves it",
		"admin admin / admin (provider local)           has the SessionInfo privilege\n",
		"admin viewer / viewer (provider local)         lacks the SessionInfo privilege\n",
		"admin otp-admin / otp-admin (provider local)   has the SessionInfo privilege, signs in with one-time password 123456\n",
		"peer API versions 22 to 23",
		"curl -s -g ",
		"'Accept: application/vnd.appgate.peer-v23+json'",
		"/admin/session-info/CN=" + dn.DeviceID + ",CN=",
		bannerEnd,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "TLS") || strings.Contains(out, " -k ") {
		t.Errorf("banner without TLS mentions it:\n%s", out)
	}
	if !strings.Contains(out, "Admin API  http://[::1]:7000/__mock/") || strings.Contains(out, "fault rule") {
		t.Errorf("banner without fault rules:\n%s", out)
	}
	withFaults := s
	if withFaults.Faults, err = fault.FromFlags("5ms", 0.1, 500); err != nil {
		t.Fatal(err)
	}
	if out := (banner{settings: withFaults, world: world, listen: bound}).String(); !strings.Contains(out, "2 fault rule(s) active") {
		t.Errorf("banner with --error-rate and --latency:\n%s", out)
	}

	empty, err := fixtures.NewWorld(fixtures.Options{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	out = banner{settings: s, world: empty, listen: bound, version: "v9"}.String()
	if !strings.Contains(out, "no Appgate client sessions") || strings.Contains(out, "session-info") {
		t.Errorf("banner with no Appgate clients:\n%s", out)
	}
}

// Credentials with shell metacharacters still reach the server intact:
// the login body is JSON, quoted for bash.
func TestBannerQuotesCredentials(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not on PATH")
	}
	world, err := fixtures.NewWorld(fixtures.Options{Seed: 1, AppgateClients: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := config.Defaults()
	s.AppgateUsers[0].Password = `it's "$HOME" & more`
	bound, _ := net.ResolveTCPAddr("tcp", "127.0.0.1:1")
	line := banner{settings: s, world: world, listen: bound}.appgateCurl("http://127.0.0.1:1", world.Appgate().At(0).DN)
	// Pull the -d argument out by letting bash parse the line.
	_, after, ok := strings.Cut(line, " -d ")
	if !ok {
		t.Fatalf("no -d in %s", line)
	}
	arg, _, _ := strings.Cut(after, " http")
	out, err := exec.Command(bash, "-c", "printf %s "+arg).Output()
	if err != nil {
		t.Fatal(err)
	}
	var login map[string]string
	if err := json.Unmarshal(out, &login); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if login["password"] != s.AppgateUsers[0].Password || login["providerName"] != "local" || login["deviceId"] != loginDeviceID {
		t.Fatalf("bash saw %v", login)
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"sessionmock":               "sessionmock",
		"client_secret=s3cr3t":      "client_secret=s3cr3t",
		"http://127.0.0.1:8080/x,y": "http://127.0.0.1:8080/x,y",
		"":                          "''",
		"a b":                       "'a b'",
		"it's":                      `'it'\''s'`,
		"$(rm -rf x)":               "'$(rm -rf x)'",
		"[::1]":                     "'[::1]'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
