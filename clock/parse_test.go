package clock

import (
	"strings"
	"testing"
	"time"
)

func TestParseSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want Setting
		err  string
	}{
		{raw: "fixed", want: Setting{Mode: Fixed}},
		{raw: " LIVE ", want: Setting{Mode: Live}},
		{raw: "2025-03-03T09:00:00Z", want: Setting{Mode: Fixed, At: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)}},
		{raw: "2025-03-03T06:00:00.5-03:00", want: Setting{Mode: Fixed, At: time.Date(2025, 3, 3, 9, 0, 0, 5e8, time.UTC)}},
		{raw: "", err: "must be fixed, live or an RFC 3339 instant"},
		{raw: "now", err: `got "now"`},
		{raw: "2025-03-03 09:00:00", err: "RFC 3339"},
		{raw: "2025-03-03T09:00:00", err: "RFC 3339"},
		{raw: "9999-06-01T00:00:00Z", err: "RFC 3339"},
	}
	for _, tc := range tests {
		got, err := ParseSetting(tc.raw)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSetting(%q) = %v, %v; want an error with %q", tc.raw, got, err, tc.err)
			}
			continue
		}
		if err != nil || got.Mode != tc.want.Mode || !got.At.Equal(tc.want.At) {
			t.Errorf("ParseSetting(%q) = %+v, %v; want %+v", tc.raw, got, err, tc.want)
		}
		if back, err := ParseSetting(got.String()); err != nil || back.Mode != got.Mode || !back.At.Equal(got.At) {
			t.Errorf("ParseSetting(%q).String() = %q does not read back: %+v, %v", tc.raw, got.String(), back, err)
		}
	}
}

func TestParseInstant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want time.Time
		err  string
	}{
		{raw: "2024-05-06T16:05:07Z", want: time.Date(2024, 5, 6, 16, 5, 7, 0, time.UTC)},
		{raw: "2024-05-06T16:05:07.123456789+02:00", want: time.Date(2024, 5, 6, 14, 5, 7, 123456789, time.UTC)},
		{raw: "0001-01-01T00:00:00Z", want: Min},
		{raw: "9998-12-31T23:59:59Z", want: time.Date(9998, 12, 31, 23, 59, 59, 0, time.UTC)},
		{raw: "9999-01-01T00:00:00Z", err: "outside the years 1 to 9998"},
		{raw: "2024-13-01T00:00:00Z", err: "not an RFC 3339 instant"},
		{raw: "2024-05-06", err: "not an RFC 3339 instant"},
		{raw: "1714990000", err: "not an RFC 3339 instant"},
	}
	for _, tc := range tests {
		got, err := ParseInstant(tc.raw)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseInstant(%q) = %v, %v; want an error with %q", tc.raw, got, err, tc.err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("ParseInstant(%q) = %v, %v; want %v", tc.raw, got, err, tc.want)
		}
	}
}

func TestParseAdvance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want time.Duration
		err  string
	}{
		{raw: "90m", want: 90 * time.Minute},
		{raw: " 1h30m ", want: 90 * time.Minute},
		{raw: "0", want: 0},
		{raw: "250ms", want: 250 * time.Millisecond},
		{raw: "-1s", err: "negative"},
		{raw: "1d", err: "not a duration"},
		{raw: "", err: "not a duration"},
		{raw: "99999999999h", err: "not a duration"},
	}
	for _, tc := range tests {
		got, err := ParseAdvance(tc.raw)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseAdvance(%q) = %v, %v; want an error with %q", tc.raw, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseAdvance(%q) = %v, %v; want %v", tc.raw, got, err, tc.want)
		}
	}
}

func TestLiveAnchorIsTheStartOfTheUTCDay(t *testing.T) {
	t.Parallel()
	brt := time.FixedZone("BRT", -3*3600)
	for _, now := range []time.Time{
		time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 6, 1, 23, 59, 59, 999, time.UTC),
		time.Date(2025, 5, 31, 22, 0, 0, 0, brt), // 01:00 UTC on June 1
	} {
		if got, want := LiveAnchor(now), time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("LiveAnchor(%v) = %v, want %v", now, got, want)
		}
	}
}

func TestFormatInstant(t *testing.T) {
	t.Parallel()
	if got := FormatInstant(time.Date(2024, 5, 6, 13, 5, 7, 0, time.FixedZone("X", -3*3600))); got != "2024-05-06T16:05:07Z" {
		t.Errorf("got %q", got)
	}
	if got := FormatInstant(time.Date(2024, 5, 6, 16, 5, 7, 5e8, time.UTC)); got != "2024-05-06T16:05:07.5Z" {
		t.Errorf("got %q", got)
	}
}
