package config

import (
	"fmt"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/cli"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// The world's clock and timeline settings: --clock, --clock-start, the
// arrival rates, how a Segura session in progress is listed, the Appgate
// grace, and the Segura release.

// Bounds of the timeline settings.
var (
	seguraRates  = cli.Floats{Min: fixtures.MinRate, Max: fixtures.MaxSeguraRate}
	appgateRates = cli.Floats{Min: fixtures.MinRate, Max: fixtures.MaxAppgateRate}
	graces       = cli.Durations{Min: 0, Max: fixtures.MaxAppgateGrace}
)

func parseClockSetting(raw string) (clock.Setting, error) { return clock.ParseSetting(raw) }

func parseInstant(raw string) (time.Time, error) { return clock.ParseInstant(raw) }

// parseGrace reads the Appgate grace; 0 is none.
func parseGrace(raw string) (time.Duration, error) {
	d, err := graces.Parse(raw)
	if err == nil && d == 0 {
		d = fixtures.NoGrace
	}
	return d, err
}

func showGrace(d time.Duration) string {
	switch d {
	case fixtures.NoGrace:
		return "0"
	case 0:
		return cli.ShortDuration(fixtures.DefaultAppgateGrace)
	}
	return cli.ShortDuration(d)
}

// finishClock checks the clock settings that only make sense together and
// applies --clock's instant and --segura-release's tenant.
func finishClock(s *Settings, from func(string) string) error {
	at := s.ClockMode.At
	if !at.IsZero() {
		if st := s.Timeline.Start; !st.IsZero() && !st.Equal(at) {
			return fmt.Errorf("clock %s (%s) and clock-start %s (%s) name different start instants: give one",
				clock.FormatInstant(at), from("clock"), clock.FormatInstant(st), from("clock-start"))
		}
		s.Timeline.Start = at
	}
	if s.SeguraRelease == segura.Release3 && from("segura-tenant") == "default" {
		s.SeguraTenant = segura.LegacyTenant
	}
	return nil
}

// worldOptions are the options of the world to serve, started at now: a
// live clock without --clock-start anchors the world at the start of the
// UTC day, so replicas started that day with the same settings agree.
func (s Settings) worldOptions(now time.Time) fixtures.Options {
	o := s.Options
	if s.ClockMode.Mode == clock.Live && o.Timeline.Start.IsZero() {
		o.Timeline.Start = clock.LiveAnchor(now)
	}
	return o
}

// newClock returns the clock of a world built from these settings: fixed
// at its start instant, or live from it.
func (s Settings) newClock(world *fixtures.World) (*clock.Clock, error) {
	if s.ClockMode.Mode == clock.Live {
		return clock.NewLive(world.Start(), nil)
	}
	return clock.NewFixed(world.Start())
}
