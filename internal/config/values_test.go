package config

import (
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/internal/cli"
)

func TestServeParsers(t *testing.T) {
	t.Parallel()
	if l, err := parseLogLevel("Warn"); err != nil || l != slog.LevelWarn {
		t.Errorf("parseLogLevel(Warn) = %v, %v", l, err)
	}
	if _, err := parseLogLevel("info+2"); err == nil || !strings.Contains(err.Error(), "want debug, info, warn or error") {
		t.Errorf("parseLogLevel(info+2) error = %v", err)
	}
	if got, err := parseLatency(" 20ms-200ms "); err != nil || got != "20ms-200ms" {
		t.Errorf("parseLatency = %q, %v", got, err)
	}
	if got, err := parseOrigins("http://localhost:5173, https://app.example/ ,"); err != nil ||
		!slices.Equal(got, []string{"http://localhost:5173", "https://app.example"}) {
		t.Errorf("parseOrigins = %q, %v", got, err)
	}
	if _, err := parseOrigins(" , "); err == nil || err.Error() != `" , " names no origin; want at least one origin, or *` {
		t.Errorf("parseOrigins(empty) error = %v", err)
	}
}

// FuzzFlagAndEnvValues feeds one text to every setting, once as a flag and
// once as a variable: parsing must never panic, and a refusal must name
// the flag or variable it came from (first, or in parentheses when the
// value is fine alone but clashes with another setting) and fit on one
// line.
func FuzzFlagAndEnvValues(f *testing.F) {
	for _, seed := range []string{"", "0", "-1", "1h", "127.0.0.1:0", "true", "json", "x", "[::]:80", "9223372036854775808", "1e3", "\x00", "1\n2"} {
		f.Add(seed)
	}
	table := serveSettings()
	f.Fuzz(func(t *testing.T, v string) {
		for _, set := range table {
			if set.path {
				continue // would probe the file system with random names
			}
			_, err := Load([]string{"--" + set.name + "=" + v}, func(string) string { return "" })
			if err != nil && (!strings.Contains(err.Error(), "--"+set.name) || strings.ContainsAny(err.Error(), "\r\n")) {
				t.Fatalf("flag error %q does not name --%s on one line", err, set.name)
			}
			env := cli.EnvName(set.name)
			_, err = Load(nil, func(name string) string {
				if name == env {
					return v
				}
				return ""
			})
			if err != nil && (!strings.Contains(err.Error(), env) || strings.ContainsAny(err.Error(), "\r\n")) {
				t.Fatalf("variable error %q does not name %s on one line", err, env)
			}
		}
	})
}
