package contracttest

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPacer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		rate   float64
		max    int
		calls  int
		sleeps []time.Duration
		budget int // calls refused for the budget
	}{
		{"no limit", 0, 10, 5, nil, 0},
		{"two per second", 2, 10, 4, []time.Duration{500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond}, 0},
		{"budget", 0, 3, 5, nil, 2},
		{"budget and rate", 10, 2, 3, []time.Duration{100 * time.Millisecond}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
			p := newPacer(tt.rate, tt.max, clock.Now, clock.Sleep)
			refused := 0
			for range tt.calls {
				if err := p.wait(context.Background()); errors.Is(err, errBudget) {
					refused++
				} else if err != nil {
					t.Fatal(err)
				}
			}
			if refused != tt.budget {
				t.Errorf("%d calls refused, want %d", refused, tt.budget)
			}
			if len(clock.sleeps) != len(tt.sleeps) {
				t.Fatalf("sleeps %v, want %v", clock.sleeps, tt.sleeps)
			}
			for i := range tt.sleeps {
				if clock.sleeps[i] != tt.sleeps[i] {
					t.Errorf("sleep %d = %v, want %v", i, clock.sleeps[i], tt.sleeps[i])
				}
			}
			if got, want := p.count(), tt.calls-tt.budget; got != want {
				t.Errorf("count %d, want %d", got, want)
			}
		})
	}
}

// A request that starts late, after the interval has already passed, does
// not wait: the bucket holds one token and no more.
func TestPacerNoBurstNoWaitAfterIdle(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	p := newPacer(1, 10, clock.Now, clock.Sleep)
	for range 2 {
		if err := p.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	clock.now = clock.now.Add(10 * time.Second) // idle long enough for many tokens
	for range 2 {
		if err := p.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{time.Second, time.Second}
	if len(clock.sleeps) != 2 || clock.sleeps[0] != want[0] || clock.sleeps[1] != want[1] {
		t.Errorf("sleeps %v, want %v: one wait before the 2nd request, one before the 4th (no burst after idling)", clock.sleeps, want)
	}
}

func TestPacerStopsWithTheContext(t *testing.T) {
	p := newPacer(1, 10, time.Now, sleepCtx)
	ctx, cancel := context.WithCancel(context.Background())
	if err := p.wait(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := p.wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("wait on a cancelled context = %v", err)
	}
}
