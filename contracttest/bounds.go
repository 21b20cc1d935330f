package contracttest

import (
	"context"
	"sync"
)

// maxRetainedBytes bounds the kept documents a run holds on to for the
// checks that judge them after the request that fetched them. A document
// beyond it is judged on arrival by the response-level rules and by the
// check that sent it, then let go before the next request.
const maxRetainedBytes = 96 << 20

// runStats counts the work of a run, so that tests can hold it to the
// bounds whatever the server sends.
type runStats struct {
	mu sync.Mutex
	// BytesRead counts the body bytes read, over all answers.
	BytesRead int64
	// KeptValues counts the values kept for judging, over all answers;
	// MaxKeptValues and MaxKeptBytes are the most of one answer.
	KeptValues    int
	MaxKeptValues int
	MaxKeptBytes  int
	// Retained is the size of the kept documents held at the end.
	Retained int
}

func (s *runStats) add(ex *exchange) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.BytesRead += ex.scan.size
	s.KeptValues += ex.scan.values
	s.MaxKeptValues = max(s.MaxKeptValues, ex.scan.values)
	s.MaxKeptBytes = max(s.MaxKeptBytes, len(ex.body))
}

// retain counts ex's kept document against the run's bound, or marks it
// to be let go before the next request.
func (r *runner) retain(ex *exchange) {
	if len(ex.body) == 0 {
		return
	}
	if r.retained+len(ex.body) > maxRetainedBytes {
		r.ephemeral = append(r.ephemeral, ex)
		return
	}
	r.retained += len(ex.body)
	if r.stats != nil {
		r.stats.mu.Lock()
		r.stats.Retained = r.retained
		r.stats.mu.Unlock()
	}
}

// releaseEphemeral lets go of the kept documents beyond the bound.
func (r *runner) releaseEphemeral() {
	for _, ex := range r.ephemeral {
		ex.body, ex.released = nil, true
	}
	r.ephemeral = r.ephemeral[:0]
}

// arrive judges a new answer by the response-level rules whose checks
// run, while its kept document is certainly at hand.
func (r *runner) arrive(ctx context.Context, ex *exchange) {
	if !ex.contract {
		return
	}
	for _, id := range arrivalRules {
		if r.selected[id] {
			r.verdict(ctx, id, ex)
		}
	}
}

// verdict is rule id's judgement of ex, made once.
func (r *runner) verdict(ctx context.Context, id string, ex *exchange) verdict {
	if v, ok := ex.verdicts[id]; ok {
		return v
	}
	rule := exchangeRules[id]
	applies, vs := rule(ctx, r, ex)
	if ex.verdicts == nil {
		ex.verdicts = map[string]verdict{}
	}
	v := verdict{applies, vs}
	ex.verdicts[id] = v
	return v
}
