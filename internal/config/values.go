package config

import (
	"fmt"
	"github.com/sessionmock/sessionmock/fault"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The parsers below read one textual value, whether it came from a flag,
// an environment variable or a YAML scalar, so the three sources accept
// exactly the same spellings and fail with the same words.

func parseInt64(raw string) (int64, error) {
	v, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid integer %q", raw)
	}
	return v, nil
}

// parseCount reads a number of records; zero is allowed (an empty list is a
// useful thing to test against).
func parseCount(raw string) (int, error) {
	v, err := strconv.ParseInt(strings.TrimSpace(raw), 10, strconv.IntSize)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("must be a non-negative integer, got %q", raw)
	}
	return int(v), nil
}

// parseVersion reads an Appgate peer API version number.
func parseVersion(raw string) (int, error) {
	v, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 32)
	if err != nil || v < 1 {
		return 0, fmt.Errorf("must be a positive integer, got %q", raw)
	}
	return int(v), nil
}

// parseTTL reads a token lifetime. The token endpoint reports expires_in in
// whole seconds, so anything shorter than a second could not be told apart
// from an already expired token.
func parseTTL(raw string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(raw))
	if err != nil {
		return 0, fmt.Errorf("must be a duration such as 1h, 90m or 30s, got %q", raw)
	}
	if d < time.Second {
		return 0, fmt.Errorf("must be at least 1s, got %q", raw)
	}
	return d, nil
}

func parseBool(raw string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("must be true or false, got %q", raw)
}

func parseChoice(raw string, choices []string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(raw))
	if slices.Contains(choices, v) {
		return v, nil
	}
	return "", fmt.Errorf("must be one of %s, got %q", strings.Join(choices, ", "), raw)
}

func parseLogLevel(raw string) (slog.Level, error) {
	name, err := parseChoice(raw, []string{"debug", "info", "warn", "error"})
	if err != nil {
		return 0, err
	}
	var l slog.Level
	// The four names are exactly the ones slog itself parses.
	err = l.UnmarshalText([]byte(name))
	return l, err
}

// parseAddr checks the shape of a listen address; whether the host can
// actually be bound is only known when listening.
func parseAddr(raw string) (string, error) {
	host, port, err := net.SplitHostPort(raw)
	if err != nil {
		return "", fmt.Errorf("must be host:port (such as 127.0.0.1:8080 or :8080), got %q", raw)
	}
	if strings.ContainsAny(host, " \t\r\n/") {
		return "", fmt.Errorf("invalid host %q in %q", host, raw)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return "", fmt.Errorf("port must be a number from 0 to 65535, got %q in %q", port, raw)
	}
	return raw, nil
}

// parseText reads a credential or name: anything but empty, since an
// empty client id or password would never match a request.
func parseText(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("must not be empty")
	}
	return raw, nil
}

// parseFile checks that a file the mock will read at start exists, so the
// error names the flag, variable or file line that named it.
func parseFile(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("must not be empty")
	}
	info, err := os.Stat(raw)
	if err != nil {
		return "", err
	}
	if info.IsDir() {
		return "", fmt.Errorf("%s is a directory, not a file", raw)
	}
	return raw, nil
}

func parseLatency(raw string) (string, error) {
	l, err := fault.ParseLatency(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	return l.String(), nil
}

// parseRate reads a probability.
func parseRate(raw string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || v < 0 || v > 1 || v != v {
		return 0, fmt.Errorf("must be a number from 0 to 1, got %q", raw)
	}
	return v, nil
}

// parseErrorStatus reads the status --error-rate injects: an error status.
func parseErrorStatus(raw string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || v < 300 || v > 599 {
		return 0, fmt.Errorf("must be an HTTP error status from 300 to 599, got %q", raw)
	}
	return v, nil
}

// parseOrigins reads a comma-separated list of origins such as
// http://localhost:5173, or "*".
func parseOrigins(raw string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(raw, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			return nil, fmt.Errorf("origin %q must start with http:// or https:// (or be *)", o)
		}
		out = append(out, strings.TrimSuffix(o, "/"))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("must name at least one origin, got %q", raw)
	}
	return out, nil
}
