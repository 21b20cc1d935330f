package segura

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestAppendDateTimeMatchesTimeFormat(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 20000; k++ {
		// 1970 .. 2200, plus negative instants before 1970.
		unix := rng.Int64N(230*365*86400) - 10*365*86400
		want := time.Unix(unix, 0).UTC().Format(DateTimeLayout)
		if got := string(AppendDateTime(nil, unix)); got != want {
			t.Fatalf("AppendDateTime(%d) = %q, want %q", unix, got, want)
		}
		back, err := ParseDateTime(want)
		if err != nil || back.Unix() != unix {
			t.Fatalf("ParseDateTime(%q) = %v, %v; want %d", want, back, err, unix)
		}
	}
}

func TestParseClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		secs int
		ok   bool
	}{
		{"00:00:00", 0, true},
		{"00:02:52", 172, true},
		{"23:59:59", 86399, true},
		{"123:00:01", 123*3600 + 1, true},
		{"99999:59:59", 99999*3600 + 3599, true},
		{"100000:00:00", 0, false},
		{"0:00:00", 0, false},
		{"00:60:00", 0, false},
		{"00:00:60", 0, false},
		{"00:0a:00", 0, false},
		{"00:00", 0, false},
		{"", 0, false},
		{"-1:00:00", 0, false},
		{"00:00:00 ", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			if (err == nil) != tt.ok || got != time.Duration(tt.secs)*time.Second {
				t.Fatalf("ParseClock(%q) = %v, %v; want %ds, ok=%v", tt.in, got, err, tt.secs, tt.ok)
			}
			if !tt.ok {
				if want := `"` + tt.in + `" is not a duration as HH:MM:SS`; err.Error() != want {
					t.Fatalf("error %q, want %q", err, want)
				}
				return
			}
			if FormatClock(got) != tt.in {
				t.Fatalf("FormatClock(%v) = %q, want %q", got, FormatClock(got), tt.in)
			}
			if s := string(AppendClock(nil, tt.secs)); tt.secs < 100*3600 && s != tt.in {
				t.Fatalf("AppendClock(%d) = %q, want %q", tt.secs, s, tt.in)
			}
		})
	}
}

func TestFormatClock(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0:                            "00:00:00",
		1500 * time.Millisecond:      "00:00:01",
		-(2*time.Hour + time.Second): "-02:00:01",
		250 * time.Hour:              "250:00:00",
	} {
		if got := FormatClock(d); got != want {
			t.Errorf("FormatClock(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestParseDateTimeRejects(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2024-05-06T16:05:07", "2024-02-30 10:00:00", "2024-05-06 16:05", "2024-05-06 16:05:07Z", "24-05-06 16:05:07", ""} {
		_, err := ParseDateTime(s)
		if err == nil {
			t.Errorf("ParseDateTime(%q) accepted", s)
			continue
		}
		if !strings.Contains(err.Error(), "YYYY-MM-DD HH:MM:SS") {
			t.Errorf("ParseDateTime(%q) error %q does not name the format", s, err)
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"00:02:52", "123:00:01", "0:0:0", "00:60:00", "", "99999999999999999999:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseClock(s)
		if err != nil {
			if !strings.Contains(err.Error(), "HH:MM:SS") {
				t.Errorf("imprecise error %q", err)
			}
			return
		}
		if d < 0 || d > MaxClockHours*time.Hour+time.Hour {
			t.Errorf("ParseClock(%q) = %v, out of range", s, d)
		}
		if back, err := ParseClock(FormatClock(d)); err != nil || back != d {
			t.Errorf("%q does not survive FormatClock: %v, %v", s, back, err)
		}
	})
}
