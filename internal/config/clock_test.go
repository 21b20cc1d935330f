package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
)

func TestClockSettings(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(t *testing.T, s Settings)
	}{
		{"defaults", nil, nil, func(t *testing.T, s Settings) {
			want := fixtures.Timeline{SeguraRate: 40, SeguraInProgress: fixtures.InProgressNull, AppgateRate: 80, AppgateGrace: 5 * time.Minute}
			if s.ClockMode.Mode != clock.Fixed || s.Timeline != want || s.SeguraRelease != 4 || s.SeguraTenant != "Segura" {
				t.Errorf("%+v %+v", s.ClockMode, s.Timeline)
			}
		}},
		{"instant", []string{"--clock", "2025-03-03T09:00:00Z"}, nil, func(t *testing.T, s Settings) {
			if s.ClockMode.Mode != clock.Fixed || !s.Timeline.Start.Equal(at) {
				t.Errorf("%+v %+v", s.ClockMode, s.Timeline)
			}
		}},
		{"live with a start", []string{"--clock", "live", "--clock-start", "2025-03-03T09:00:00Z"}, nil, func(t *testing.T, s Settings) {
			if s.ClockMode.Mode != clock.Live || !s.Timeline.Start.Equal(at) {
				t.Errorf("%+v %+v", s.ClockMode, s.Timeline)
			}
		}},
		{"same instant twice", []string{"--clock", "2025-03-03T09:00:00Z", "--clock-start", "2025-03-03T06:00:00-03:00"}, nil, func(t *testing.T, s Settings) {
			if !s.Timeline.Start.Equal(at) {
				t.Errorf("%+v", s.Timeline)
			}
		}},
		{"timeline", []string{"--segura-arrival-rate", "120", "--segura-in-progress", "omit", "--appgate-arrival-rate", "600", "--appgate-grace", "90s"}, nil,
			func(t *testing.T, s Settings) {
				want := fixtures.Timeline{SeguraRate: 120, SeguraInProgress: fixtures.InProgressOmit, AppgateRate: 600, AppgateGrace: 90 * time.Second}
				if s.Timeline != want {
					t.Errorf("%+v, want %+v", s.Timeline, want)
				}
			}},
		{"no grace", []string{"--appgate-grace", "0"}, nil, func(t *testing.T, s Settings) {
			if s.Timeline.AppgateGrace != fixtures.NoGrace {
				t.Errorf("grace %v", s.Timeline.AppgateGrace)
			}
		}},
		{"release 3", []string{"--segura-release", "3"}, nil, func(t *testing.T, s Settings) {
			if s.SeguraRelease != 3 || s.SeguraTenant != "senhasegura" {
				t.Errorf("release %d tenant %q", s.SeguraRelease, s.SeguraTenant)
			}
		}},
		{"release 3 keeps a given tenant", []string{"--segura-release", "3"}, map[string]string{"SESSIONMOCK_SEGURA_TENANT": "Acme"}, func(t *testing.T, s Settings) {
			if s.SeguraTenant != "Acme" {
				t.Errorf("tenant %q", s.SeguraTenant)
			}
		}},
		{"from the environment", nil, map[string]string{"SESSIONMOCK_CLOCK": "live", "SESSIONMOCK_SEGURA_IN_PROGRESS": "omit"}, func(t *testing.T, s Settings) {
			if s.ClockMode.Mode != clock.Live || s.Timeline.SeguraInProgress != fixtures.InProgressOmit {
				t.Errorf("%+v %+v", s.ClockMode, s.Timeline)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := Load(tc.args, envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, s)
		})
	}
}

func TestClockSettingErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--clock", "soon"}, "must be fixed, live or an RFC 3339 instant"},
		{[]string{"--clock-start", "2025-03-03"}, "not an RFC 3339 instant"},
		{[]string{"--clock", "2025-03-03T09:00:00Z", "--clock-start", "2025-03-04T09:00:00Z"}, "name different start instants"},
		{[]string{"--segura-arrival-rate", "0"}, "--segura-arrival-rate"},
		{[]string{"--appgate-arrival-rate", "1e9"}, "--appgate-arrival-rate"},
		{[]string{"--appgate-grace", "25h"}, "--appgate-grace"},
		{[]string{"--segura-in-progress", "hide"}, "must be null or omit"},
		{[]string{"--segura-release", "5"}, "must be 3 or 4"},
	} {
		if _, err := Load(tc.args, envOf(nil)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestClockSettingsInTheFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(path, []byte("clock: live\nclock-start: 2025-03-03T09:00:00Z\nsegura-in-progress: omit\nappgate-grace: 1m\nsegura-release: 3\n"), 0o644)
	s, err := Load([]string{"--config", path}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.ClockMode.Mode != clock.Live || s.Timeline.Start.IsZero() || s.Timeline.SeguraInProgress != fixtures.InProgressOmit ||
		s.Timeline.AppgateGrace != time.Minute || s.SeguraTenant != "senhasegura" {
		t.Fatalf("%+v %+v %q", s.ClockMode, s.Timeline, s.SeguraTenant)
	}
}

// A live clock without a start is anchored at the start of the UTC day:
// two replicas started the same day build the same world and agree.
func TestLiveClockAnchorsAtTheUTCDay(t *testing.T) {
	t.Parallel()
	s, err := Load([]string{"--clock", "live"}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	morning := time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)
	evening := time.Date(2026, 5, 4, 23, 0, 0, 0, time.UTC)
	a, b := s.worldOptions(morning), s.worldOptions(evening)
	if !a.Timeline.Start.Equal(time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)) || !a.Timeline.Start.Equal(b.Timeline.Start) {
		t.Fatalf("anchors %v and %v", a.Timeline.Start, b.Timeline.Start)
	}
	w, err := fixtures.NewWorld(a)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.newClock(w)
	if err != nil || c.Mode() != clock.Live || !c.Start().Equal(w.Start()) {
		t.Fatalf("clock %v, %v", c, err)
	}
	fixed, _ := Load(nil, envOf(nil))
	if o := fixed.worldOptions(morning); !o.Timeline.Start.IsZero() {
		t.Fatalf("a fixed clock without a start got %v", o.Timeline.Start)
	}
}
