package clock

import (
	"fmt"
	"strings"
	"time"
)

// Setting is what the --clock flag says: a mode, and for an instant given
// in its place, the fixed clock's start.
type Setting struct {
	Mode Mode
	// At is the start instant the setting names, zero when it names none.
	At time.Time
}

// String returns the setting as ParseSetting reads it.
func (s Setting) String() string {
	if !s.At.IsZero() {
		return FormatInstant(s.At)
	}
	return string(s.Mode)
}

// ParseSetting reads "fixed", "live" or an RFC 3339 instant (a fixed clock
// starting there).
func ParseSetting(raw string) (Setting, error) {
	v := strings.TrimSpace(raw)
	switch strings.ToLower(v) {
	case string(Fixed):
		return Setting{Mode: Fixed}, nil
	case string(Live):
		return Setting{Mode: Live}, nil
	}
	t, err := ParseInstant(v)
	if err != nil {
		return Setting{}, fmt.Errorf("must be fixed, live or an RFC 3339 instant such as 2025-03-03T09:00:00Z, got %q", raw)
	}
	return Setting{Mode: Fixed, At: t}, nil
}

// ParseInstant reads an RFC 3339 instant (fractional seconds allowed, the
// zone required) inside [Min, Max).
func ParseInstant(raw string) (time.Time, error) {
	v := strings.TrimSpace(raw)
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 instant such as 2025-03-03T09:00:00Z", raw)
	}
	if err := inRange(t); err != nil {
		return time.Time{}, fmt.Errorf("%q: %v", raw, strings.TrimPrefix(err.Error(), "clock: "))
	}
	return t.UTC(), nil
}

// ParseAdvance reads how far to move a clock: a Go duration such as 90m,
// 1h30m or 45s, not negative. A bare 0 is allowed.
func ParseAdvance(raw string) (time.Duration, error) {
	v := strings.TrimSpace(raw)
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 90m, 1h30m or 45s", raw)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative: %v", raw, ErrBackwards)
	}
	return d, nil
}

// FormatInstant writes t as RFC 3339 in UTC, with as many fractional
// digits as it has.
func FormatInstant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// LiveAnchor is the start instant of a live clock started at now without
// an explicit start: the beginning of the UTC day. Replicas started on the
// same UTC day with the same settings therefore agree on what exists at
// every instant.
func LiveAnchor(now time.Time) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
