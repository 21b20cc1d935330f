package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestParsers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		parse   func(string) (any, error)
		raw     string
		want    any
		wantErr string
	}{
		{"int", wrap(parseInt64), "-42", int64(-42), ""},
		{"int space", wrap(parseInt64), " 7 ", int64(7), ""},
		{"int word", wrap(parseInt64), "x", nil, `invalid integer "x"`},
		{"int overflow", wrap(parseInt64), "99999999999999999999", nil, "invalid integer"},
		{"count zero", wrap(parseCount), "0", 0, ""},
		{"count", wrap(parseCount), "1000", 1000, ""},
		{"count negative", wrap(parseCount), "-1", nil, `must be a non-negative integer, got "-1"`},
		{"count word", wrap(parseCount), "lots", nil, `must be a non-negative integer, got "lots"`},
		{"count fraction", wrap(parseCount), "1.5", nil, "non-negative integer"},
		{"version", wrap(parseVersion), "23", 23, ""},
		{"version zero", wrap(parseVersion), "0", nil, `must be a positive integer, got "0"`},
		{"ttl", wrap(parseTTL), "90m", 90 * time.Minute, ""},
		{"ttl no unit", wrap(parseTTL), "3600", nil, `must be a duration such as 1h, 90m or 30s, got "3600"`},
		{"ttl short", wrap(parseTTL), "500ms", nil, `must be at least 1s, got "500ms"`},
		{"ttl negative", wrap(parseTTL), "-1h", nil, "at least 1s"},
		{"bool true", wrap(parseBool), "TRUE", true, ""},
		{"bool zero", wrap(parseBool), "0", false, ""},
		{"bool yes", wrap(parseBool), "yes", nil, `must be true or false, got "yes"`},
		{"level", wrap(parseLogLevel), "Warn", slog.LevelWarn, ""},
		{"level debug", wrap(parseLogLevel), "debug", slog.LevelDebug, ""},
		{"level bad", wrap(parseLogLevel), "loud", nil, `must be one of debug, info, warn, error, got "loud"`},
		{"level offset", wrap(parseLogLevel), "info+2", nil, "must be one of"},
		{"addr", wrap(parseAddr), "127.0.0.1:0", "127.0.0.1:0", ""},
		{"addr any host", wrap(parseAddr), ":9000", ":9000", ""},
		{"addr ipv6", wrap(parseAddr), "[::1]:8080", "[::1]:8080", ""},
		{"addr no port", wrap(parseAddr), "8080", nil, `must be host:port (such as 127.0.0.1:8080 or :8080), got "8080"`},
		{"addr port range", wrap(parseAddr), "localhost:70000", nil, `port must be a number from 0 to 65535, got "70000"`},
		{"addr port name", wrap(parseAddr), "localhost:http", nil, "port must be a number"},
		{"addr space", wrap(parseAddr), "local host:80", nil, `invalid host "local host"`},
		{"text", wrap(parseText), "s3cr=t&x", "s3cr=t&x", ""},
		{"text empty", wrap(parseText), "", nil, "must not be empty"},
		{"file missing", wrap(parseFile), "testdata/no-such-file.yaml", nil, "no such file"},
		{"file dir", wrap(parseFile), "testdata", nil, "testdata is a directory, not a file"},
		{"file", wrap(parseFile), "testdata/full.yaml", "testdata/full.yaml", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parse(%q) error = %v, want it to contain %q", tt.raw, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q): %v", tt.raw, err)
			}
			if got != tt.want {
				t.Fatalf("parse(%q) = %v (%T), want %v (%T)", tt.raw, got, got, tt.want, tt.want)
			}
		})
	}
}

func wrap[T any](f func(string) (T, error)) func(string) (any, error) {
	return func(raw string) (any, error) { return f(raw) }
}

// FuzzFlagAndEnvValues feeds one text to every setting, once as a flag and
// once as a variable: parsing must never panic, and a refusal must name
// the flag or variable it came from (first, or in parentheses when the
// value is fine alone but clashes with another setting).
func FuzzFlagAndEnvValues(f *testing.F) {
	for _, seed := range []string{"", "0", "-1", "1h", "127.0.0.1:0", "true", "json", "x", "[::]:80", "9223372036854775808", "1e3", "\x00"} {
		f.Add(seed)
	}
	table := serveSettings()
	f.Fuzz(func(t *testing.T, v string) {
		for _, set := range table {
			if set.path {
				continue // would probe the file system with random names
			}
			_, err := Load([]string{"--" + set.name + "=" + v}, func(string) string { return "" })
			if err != nil && !strings.Contains(err.Error(), "--"+set.name) {
				t.Fatalf("flag error %q does not name --%s", err, set.name)
			}
			env := EnvName(set.name)
			_, err = Load(nil, func(name string) string {
				if name == env {
					return v
				}
				return ""
			})
			if err != nil && !strings.Contains(err.Error(), env) {
				t.Fatalf("variable error %q does not name %s", err, env)
			}
		}
	})
}
