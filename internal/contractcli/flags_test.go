package contractcli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func envOfMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseArgs(t *testing.T) {
	t.Parallel()
	seg := []string{"--vendor", "segura", "--base-url", "https://pam.example"}
	app := []string{"--vendor", "appgate", "--base-url", "https://ctrl.example:8443/admin"}
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(t *testing.T, s settings)
	}{
		{"credentials from flags", append(seg, "--client-id", "ci", "--client-secret", "flag-secret"), nil,
			func(t *testing.T, s settings) {
				if s.target.ClientID != "ci" || s.target.ClientSecret != "flag-secret" {
					t.Errorf("target %+v", s.target)
				}
				if len(s.notes) != 1 || !strings.Contains(s.notes[0], "SESSIONMOCK_CLIENT_SECRET") {
					t.Errorf("notes %q: a secret flag must be pointed out", s.notes)
				}
			}},
		{"credentials from the environment", seg,
			map[string]string{"SESSIONMOCK_CLIENT_ID": "env-id", "SESSIONMOCK_CLIENT_SECRET": "env-secret", "SESSIONMOCK_PASSWORD": "other vendor's"},
			func(t *testing.T, s settings) {
				if s.target.ClientID != "env-id" || s.target.ClientSecret != "env-secret" || s.target.Password != "" {
					t.Errorf("target %+v", s.target)
				}
				if len(s.notes) != 0 {
					t.Errorf("notes %q for secrets that came from the environment", s.notes)
				}
			}},
		{"flag over environment", append(app, "--username", "flag-user"),
			map[string]string{"SESSIONMOCK_USERNAME": "env-user", "SESSIONMOCK_PASSWORD": "env-pw", "SESSIONMOCK_TOKEN": "env-token"},
			func(t *testing.T, s settings) {
				if s.target.Username != "flag-user" || s.target.Password != "env-pw" || s.target.Token != "env-token" {
					t.Errorf("target %+v", s.target)
				}
				if s.target.Provider != "local" {
					t.Errorf("provider %q, want the default local", s.target.Provider)
				}
			}},
		{"appgate specifics", append(app, "--token", "t", "--accept-version", "22", "--dn", "CN=a,CN=b,OU=c", "--dn", "CN=d,CN=e,OU=f", "--max-dns", "2"), nil,
			func(t *testing.T, s settings) {
				if s.target.AcceptVersion != 22 || len(s.target.DNs) != 2 || s.target.DNs[1] != "CN=d,CN=e,OU=f" || s.opts.MaxDNs != 2 {
					t.Errorf("target %+v, opts %+v", s.target, s.opts)
				}
			}},
		{"limits and reports", append(seg, "--token", "t", "--timeout", "5s", "--deadline", "1m", "--rate", "2.5",
			"--max-requests", "40", "--latency-budget", "800ms", "--checks", "schema-valid, no-server-error", "--checks", "segura-time",
			"--skip", "latency-budget", "--junit", "r/j.xml", "--json", "r/j.json", "--insecure"), nil,
			func(t *testing.T, s settings) {
				o := s.opts
				if o.Timeout != 5*time.Second || o.Deadline != time.Minute || o.Rate != 2.5 || o.MaxRequests != 40 ||
					o.LatencyBudget != 800*time.Millisecond || !o.Insecure {
					t.Errorf("opts %+v", o)
				}
				if !slices.Equal(o.Checks, []string{"schema-valid", "no-server-error", "segura-time"}) || !slices.Equal(o.Skip, []string{"latency-budget"}) {
					t.Errorf("checks %q, skip %q", o.Checks, o.Skip)
				}
				if s.junit != "r/j.xml" || s.json != "r/j.json" {
					t.Errorf("reports %q %q", s.junit, s.json)
				}
			}},
		{"defaults", append(seg, "--token", "t"), nil,
			func(t *testing.T, s settings) {
				if s.opts.Timeout != 30*time.Second || s.opts.MaxRequests != 100 || s.opts.Rate != 0 || s.opts.LatencyBudget != 0 {
					t.Errorf("opts %+v", s.opts)
				}
			}},
		{"list checks needs nothing else", []string{"--list-checks"}, nil,
			func(t *testing.T, s settings) {
				if !s.listChecks {
					t.Error("listChecks not set")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parseArgs(tt.args, envOfMap(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}

func TestParseArgsErrors(t *testing.T) {
	t.Parallel()
	seg := []string{"--vendor", "segura", "--base-url", "https://pam.example", "--token", "t"}
	app := []string{"--vendor", "appgate", "--base-url", "https://c/admin", "--token", "t"}
	pem := writeTemp(t, "x")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no vendor", []string{"--base-url", "https://x"}, nil, "--vendor is required; want --vendor segura or appgate"},
		{"unknown vendor", []string{"--vendor", "okta"}, nil, `--vendor: "okta" is not a choice here; want segura or appgate`},
		{"no base URL", []string{"--vendor", "segura"}, nil, "--base-url is required; want the vendor's base"},
		{"unknown flag", append(seg, "--verbose"), nil, "unknown flag --verbose; sessionmock contract --help lists the flags"},
		{"misspelt flag", append(seg, "--timout", "5s"), nil, "unknown flag --timout; did you mean --timeout?"},
		{"misspelt flag, one dash", append(seg, "-vendr", "segura"), nil, "unknown flag --vendr; did you mean --vendor?"},
		{"flag without value", append(seg, "--rate"), nil, "--rate needs a value; want --rate N"},
		{"argument", append(seg, "extra"), nil, `unexpected argument "extra": contract takes only flags`},
		{"other vendor's flag", append(seg, "--username", "u"), nil, "--username is a flag of --vendor appgate, not segura"},
		{"other vendor's DN", append(seg, "--dn", "CN=a,CN=b,OU=c"), nil, "--dn is a flag of --vendor appgate, not segura"},
		{"bad duration", append(seg, "--timeout", "soon"), nil, `--timeout: "soon" is not a duration; want a duration from 1ms to 1h`},
		{"duration without unit", append(seg, "--deadline", "60"), nil,
			`--deadline: "60" is not a duration (a number needs a unit: ms, s, m or h); want a duration from 1s to 24h`},
		{"zero timeout", append(seg, "--timeout", "0s"), nil, "--timeout: 0s is below the minimum; want a duration from 1ms to 1h"},
		{"long deadline", append(seg, "--deadline", "48h"), nil, "--deadline: 48h is above the maximum; want a duration from 1s to 24h"},
		{"rate word", append(seg, "--rate", "abc"), nil, `--rate: "abc" is not a number; want a number from 0 to 10000`},
		{"rate NaN", append(seg, "--rate", "NaN"), nil, `--rate: "NaN" is not a number; want a number from 0 to 10000`},
		{"negative rate", append(seg, "--rate", "-1"), nil, "--rate: -1 is below the minimum; want a number from 0 to 10000"},
		{"rate too high", append(seg, "--rate", "1e9"), nil, "--rate: 1e9 is above the maximum; want a number from 0 to 10000"},
		{"no requests", append(seg, "--max-requests", "0"), nil, "--max-requests: 0 is below the minimum; want a whole number from 1 to 1000000"},
		{"requests word", append(seg, "--max-requests", "many"), nil, `--max-requests: "many" is not a whole number; want a whole number from 1 to 1000000`},
		{"negative budget", append(seg, "--latency-budget", "-1s"), nil, "--latency-budget: -1s is below the minimum; want a duration from 0 to 1h"},
		{"too many DNs asked", append(app, "--max-dns", "5000"), nil, "--max-dns: 5000 is above the maximum; want a whole number from 1 to 1000"},
		{"empty DN", append(app, "--dn", " "), nil, "--dn: empty value; want a non-empty one"},
		{"both TLS flags", append(seg, "--insecure", "--ca-cert", pem), nil, "--insecure and --ca-cert contradict each other; want one of them"},
		{"missing CA file", append(seg, "--ca-cert", filepath.Join(t.TempDir(), "none.pem")), nil, `--ca-cert: no file "`},
		{"not a CA file", append(seg, "--ca-cert", pem), nil, `--ca-cert: "` + pem + `" holds no PEM certificate; want a PEM file of CA certificates`},
		{"bad version", append(app, "--accept-version", "0"), nil, "--accept-version: 0 is below the minimum; want a whole number from 1 to 999"},
		{"bad bool", append(seg, "--insecure=maybe"), nil, `--insecure: "maybe" is not true or false; want true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseArgs(tt.args, envOfMap(tt.env))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant one starting with %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
	if _, err := parseArgs([]string{"--help"}, envOfMap(nil)); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("--help: %v", err)
	}
}

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestCACert(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	file := writeTemp(t, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	s, err := parseArgs([]string{"--vendor", "segura", "--base-url", "https://pam.example", "--token", "t", "--ca-cert", file}, envOfMap(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.opts.RootCAs == nil {
		t.Fatal("no pool")
	}
	cert, _ := x509.ParseCertificate(der)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: s.opts.RootCAs}); err != nil {
		t.Errorf("the CA given is not trusted: %v", err)
	}
}

func FuzzParseArgs(f *testing.F) {
	for _, s := range []string{
		"--vendor\x00segura\x00--base-url\x00https://pam.example\x00--token\x00t",
		"--vendor=appgate\x00--dn\x00CN=a\x00--checks\x00,,x,",
		"--rate\x00NaN", "--timeout\x00-5s", "-h", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		s, err := parseArgs(args, envOfMap(nil))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			return
		}
		if !s.listChecks && (s.target.Vendor == "" || s.target.BaseURL == "" || s.opts.Rate < 0 || s.opts.Timeout <= 0) {
			t.Errorf("accepted incomplete settings from %q: %+v", args, s)
		}
	})
}
