package clock

import (
	"errors"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2024, 3, 4, 8, 15, 0, 0, time.UTC)

func mustFixed(t *testing.T, start time.Time) *Clock {
	t.Helper()
	c, err := NewFixed(start)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFixedClockMovesOnlyWhenTold(t *testing.T) {
	t.Parallel()
	c := mustFixed(t, t0)
	if c.Mode() != Fixed || !c.Now().Equal(t0) || !c.Start().Equal(t0) {
		t.Fatalf("new clock: mode %s now %v start %v", c.Mode(), c.Now(), c.Start())
	}
	if got := c.Now(); !got.Equal(t0) {
		t.Fatalf("a fixed clock moved by itself: %v", got)
	}
	now, err := c.Advance(90 * time.Minute)
	if err != nil || !now.Equal(t0.Add(90*time.Minute)) || !c.Now().Equal(now) {
		t.Fatalf("Advance(90m) = %v, %v; Now %v", now, err, c.Now())
	}
	later := t0.Add(48 * time.Hour)
	if now, err = c.Set(later); err != nil || !now.Equal(later) {
		t.Fatalf("Set = %v, %v", now, err)
	}
	if now, err = c.Set(later); err != nil || !now.Equal(later) {
		t.Fatalf("Set to the same instant = %v, %v; want it allowed", now, err)
	}
	if now, err = c.Advance(0); err != nil || !now.Equal(later) {
		t.Fatalf("Advance(0) = %v, %v", now, err)
	}
	if got := c.Reset(); !got.Equal(t0) || !c.Now().Equal(t0) {
		t.Fatalf("Reset = %v, Now %v; want the start %v", got, c.Now(), t0)
	}
}

func TestFixedClockRefusesToGoBack(t *testing.T) {
	t.Parallel()
	c := mustFixed(t, t0)
	c.Advance(time.Hour)
	if now, err := c.Advance(-time.Second); !errors.Is(err, ErrBackwards) || !now.Equal(t0.Add(time.Hour)) {
		t.Fatalf("Advance(-1s) = %v, %v; want ErrBackwards and no move", now, err)
	}
	if now, err := c.Set(t0); !errors.Is(err, ErrBackwards) || !now.Equal(t0.Add(time.Hour)) {
		t.Fatalf("Set(before now) = %v, %v; want ErrBackwards and no move", now, err)
	}
	if !c.Now().Equal(t0.Add(time.Hour)) {
		t.Fatalf("a refused move moved the clock to %v", c.Now())
	}
}

func TestFixedClockStaysBelowMax(t *testing.T) {
	t.Parallel()
	c := mustFixed(t, Max.Add(-time.Hour))
	if _, err := c.Advance(time.Hour); !errors.Is(err, ErrRange) {
		t.Fatalf("Advance to Max: %v, want ErrRange", err)
	}
	if _, err := c.Set(Max); !errors.Is(err, ErrRange) {
		t.Fatalf("Set(Max): %v, want ErrRange", err)
	}
	if _, err := c.Advance(time.Hour - time.Nanosecond); err != nil {
		t.Fatalf("Advance to just below Max: %v", err)
	}
	far := mustFixed(t, Min)
	if _, err := far.Advance(time.Duration(1<<63 - 1)); err != nil {
		t.Fatalf("the longest Duration from Min: %v", err)
	}
}

func TestNewRejectsInstantsOutOfRange(t *testing.T) {
	t.Parallel()
	for _, at := range []time.Time{Min.Add(-time.Nanosecond), Max, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if _, err := NewFixed(at); err == nil {
			t.Errorf("NewFixed(%v) accepted", at)
		}
		if _, err := NewLive(at, nil); err == nil {
			t.Errorf("NewLive(%v) accepted", at)
		}
	}
}

func TestNewFixedKeepsUTC(t *testing.T) {
	t.Parallel()
	c := mustFixed(t, t0.In(time.FixedZone("BRT", -3*3600)))
	if c.Now().Location() != time.UTC || !c.Now().Equal(t0) {
		t.Fatalf("Now %v, want %v in UTC", c.Now(), t0)
	}
}

func TestLiveClockFollowsTheWallButNotBeforeItsStart(t *testing.T) {
	t.Parallel()
	wall := t0.Add(-time.Hour)
	c, err := NewLive(t0, func() time.Time { return wall })
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode() != Live || !c.Now().Equal(t0) {
		t.Fatalf("before its start a live clock shows %v, want the start %v", c.Now(), t0)
	}
	wall = t0.Add(3 * time.Hour)
	if !c.Now().Equal(wall) {
		t.Fatalf("Now %v, want the wall %v", c.Now(), wall)
	}
	if _, err := c.Advance(time.Minute); !errors.Is(err, ErrLive) {
		t.Fatalf("Advance on a live clock: %v, want ErrLive", err)
	}
	if _, err := c.Set(wall.Add(time.Hour)); !errors.Is(err, ErrLive) {
		t.Fatalf("Set on a live clock: %v, want ErrLive", err)
	}
	if got := c.Reset(); !got.Equal(wall) {
		t.Fatalf("Reset of a live clock = %v, want the wall %v", got, wall)
	}
}

func TestLiveClockDropsTheMonotonicReading(t *testing.T) {
	t.Parallel()
	c, err := NewLive(Min, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := c.Now()
	if now != now.Round(0) || now.Location() != time.UTC {
		t.Fatalf("Now() = %#v carries a monotonic reading or a zone", now)
	}
}

func TestClockIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	c := mustFixed(t, t0)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 500; k++ {
				prev := c.Now()
				c.Advance(time.Second)
				if c.Now().Before(prev) {
					t.Error("the clock went back")
					return
				}
			}
		}()
	}
	wg.Wait()
	if want := t0.Add(8 * 500 * time.Second); !c.Now().Equal(want) {
		t.Fatalf("after 4000 advances of 1s: %v, want %v", c.Now(), want)
	}
}
