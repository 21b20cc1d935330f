package clock

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Mode says whether a clock moves only when told (Fixed) or follows the
// wall clock (Live).
type Mode string

// The two modes.
const (
	Fixed Mode = "fixed"
	Live  Mode = "live"
)

// Bounds of the instants a clock can show.
var (
	Min = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	Max = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
)

// Errors of the moves a clock refuses.
var (
	// ErrBackwards is a move to an instant before the one the clock shows.
	ErrBackwards = errors.New("the clock cannot move back: what has happened stays happened")
	// ErrLive is a move of a live clock, which only the wall clock moves.
	ErrLive = errors.New("a live clock follows the wall clock and cannot be moved")
	// ErrRange is a move past Max.
	ErrRange = fmt.Errorf("the clock cannot go past %s", Max.Format(time.RFC3339))
)

// Clock is the world's time. The zero value is not usable; build one with
// NewFixed or NewLive.
type Clock struct {
	mode  Mode
	start time.Time
	wall  func() time.Time

	mu  sync.Mutex
	now time.Time // fixed clocks only
}

// NewFixed returns a fixed clock showing start.
func NewFixed(start time.Time) (*Clock, error) {
	if err := inRange(start); err != nil {
		return nil, err
	}
	start = start.UTC()
	return &Clock{mode: Fixed, start: start, now: start}, nil
}

// NewLive returns a clock that reads wall (time.Now when nil), but never
// shows an instant before start.
func NewLive(start time.Time, wall func() time.Time) (*Clock, error) {
	if err := inRange(start); err != nil {
		return nil, err
	}
	if wall == nil {
		wall = time.Now
	}
	return &Clock{mode: Live, start: start.UTC(), wall: wall}, nil
}

// inRange reports an instant a clock cannot start at.
func inRange(t time.Time) error {
	if t.Before(Min) || !t.Before(Max) {
		return fmt.Errorf("clock: %s is outside the years %d to %d", t.UTC().Format(time.RFC3339Nano), Min.Year(), Max.Year()-1)
	}
	return nil
}

// Mode returns the clock's mode.
func (c *Clock) Mode() Mode { return c.mode }

// Start returns the start instant: where a fixed clock begins and Reset
// returns to, and the earliest instant a live one shows.
func (c *Clock) Start() time.Time { return c.start }

// Now returns the instant the clock shows.
func (c *Clock) Now() time.Time {
	if c.mode == Live {
		t := c.wall().UTC()
		switch {
		case t.Before(c.start):
			return c.start
		case !t.Before(Max):
			return Max.Add(-time.Nanosecond)
		}
		return t.Round(0) // no monotonic reading: instants compare by value
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves a fixed clock forward by d and returns the new instant.
func (c *Clock) Advance(d time.Duration) (time.Time, error) {
	if c.mode == Live {
		return c.Now(), ErrLive
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d < 0 {
		return c.now, ErrBackwards
	}
	// A Duration spans under 300 years, so the sum cannot overflow.
	next := c.now.Add(d)
	if !next.Before(Max) {
		return c.now, ErrRange
	}
	c.now = next
	return c.now, nil
}

// Set moves a fixed clock to t, which must not be before the instant it
// shows, and returns the new instant.
func (c *Clock) Set(t time.Time) (time.Time, error) {
	if c.mode == Live {
		return c.Now(), ErrLive
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case t.Before(c.now):
		return c.now, ErrBackwards
	case !t.Before(Max):
		return c.now, ErrRange
	}
	c.now = t.UTC()
	return c.now, nil
}

// Reset returns a fixed clock to its start instant; a live clock is left
// to the wall clock. It returns the instant the clock shows afterwards.
func (c *Clock) Reset() time.Time {
	if c.mode == Live {
		return c.Now()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.start
	return c.now
}
