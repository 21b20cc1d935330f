package contracttest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// errBudget is returned for a request beyond Options.MaxRequests.
var errBudget = errors.New("request budget exhausted")

// pacer lets requests through at no more than a given rate (a token bucket
// holding one token, so there is no burst) and no more than a given number in
// all.
type pacer struct {
	interval time.Duration // 0: no rate limit
	max      int
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error

	mu   sync.Mutex
	next time.Time // when the next request may start
	sent int
}

func newPacer(rate float64, max int, now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	p := &pacer{max: max, now: now, sleep: sleep}
	if rate > 0 {
		p.interval = time.Duration(float64(time.Second) / rate)
	}
	return p
}

// wait blocks until one more request may be sent, and counts it.
func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	if p.sent >= p.max {
		p.mu.Unlock()
		return fmt.Errorf("%w: the run may send %d requests", errBudget, p.max)
	}
	p.sent++
	now := p.now()
	start := now
	if p.next.After(now) {
		start = p.next
	}
	p.next = start.Add(p.interval)
	p.mu.Unlock()
	if d := start.Sub(now); d > 0 {
		return p.sleep(ctx, d)
	}
	return ctx.Err()
}

// count is how many requests have been let through.
func (p *pacer) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent
}

// remaining is how many more requests the budget allows.
func (p *pacer) remaining() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.max - p.sent
}
