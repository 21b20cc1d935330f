package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/internal/words"
)

// The parsers of package cli read most values; the ones here know about
// serve's own kinds. Each reads one textual value, whether it came from a
// flag, a variable or a YAML scalar, and fails in cli's words: "<what is
// wrong>; want <what is valid>".

// parseText reads a credential or name: anything but empty.
func parseText(raw string) (string, error) { return cli.Text(raw) }

func parseBool(raw string) (bool, error) { return cli.Bool(raw) }

func parseLogLevel(raw string) (slog.Level, error) {
	name, err := cli.Choice(raw, "debug", "info", "warn", "error")
	if err != nil {
		return 0, err
	}
	var l slog.Level
	// The four names are exactly the ones slog itself parses.
	err = l.UnmarshalText([]byte(name))
	return l, err
}

func parseLatency(raw string) (string, error) {
	l, err := fault.ParseLatency(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	return l.String(), nil
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
			return nil, fmt.Errorf("origin %q has no scheme; want http://host[:port], https://host[:port] or *", o)
		}
		out = append(out, strings.TrimSuffix(o, "/"))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q names no origin; want at least one origin, or *", raw)
	}
	if int64(len(out)) > originCounts.Max {
		return nil, errors.New(words.Above(fmt.Sprintf("%d origins", len(out)), originCounts.String()+" origins"))
	}
	return out, nil
}

// parseConfigPoll reads how often the config file is checked: 0 for
// never, or a duration within configPolls.
func parseConfigPoll(raw string) (time.Duration, error) {
	want := "0 or a duration from " + configPolls.String()
	if strings.TrimSpace(raw) == "0" {
		return 0, nil
	}
	d, err := cli.Durations{Min: 0, Max: configPolls.Max}.Parse(raw)
	if err != nil {
		return 0, err
	}
	if d != 0 && d < configPolls.Min {
		return 0, errors.New(words.Below(strings.TrimSpace(raw), want))
	}
	return d, nil
}
