package clock

import (
	"testing"
	"time"
)

// The parsers read flags, config files and admin request bodies: they must
// return an error or a value inside the clock's range, never panic.

func FuzzParseSetting(f *testing.F) {
	for _, s := range []string{"fixed", "live", "2025-03-03T09:00:00Z", "2025-03-03T09:00:00.999999999-23:59", "9999-01-01T00:00:00Z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := ParseSetting(raw)
		if err != nil {
			return
		}
		if s.Mode != Fixed && s.Mode != Live {
			t.Fatalf("mode %q", s.Mode)
		}
		if !s.At.IsZero() && (s.At.Before(Min) || !s.At.Before(Max)) {
			t.Fatalf("instant %v out of range", s.At)
		}
	})
}

func FuzzParseAdvance(f *testing.F) {
	for _, s := range []string{"90m", "1h30m", "0", "-1s", "9223372036854775807ns", "1.5h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d, err := ParseAdvance(raw)
		if err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("negative %v accepted", d)
		}
		c, _ := NewFixed(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		if now, err := c.Advance(d); err == nil && now.Before(c.Start()) {
			t.Fatalf("advance %v went back", d)
		}
	})
}
