package fault

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Engine holds the rules and their counters and makes a Decision for
// each request. It is safe for concurrent use.
type Engine struct {
	seed int64

	mu     sync.Mutex
	rules  []*ruleState
	lastID int // the last number used for an "r<N>" id

	onChange atomic.Pointer[func()] // see OnChange
}

type ruleState struct {
	rule  Rule // normalized
	key   uint64
	count uint64 // matching requests so far
}

// NewEngine returns an engine drawing from seed, with rules added in
// order.
func NewEngine(seed int64, rules ...Rule) (*Engine, error) {
	e := &Engine{seed: seed}
	if _, err := e.Replace(rules); err != nil {
		return nil, err
	}
	return e, nil
}

// Seed returns the seed the engine draws from.
func (e *Engine) Seed() int64 { return e.seed }

// Rules returns copies of the rules, in evaluation order.
func (e *Engine) Rules() []Rule {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Rule, len(e.rules))
	for i, st := range e.rules {
		out[i] = st.rule.clone()
	}
	return out
}

// Add validates r, gives it an id if it has none and appends it after
// the other rules. It returns the rule as stored (in canonical form).
func (e *Engine) Add(r Rule) (Rule, error) {
	defer e.changed()
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if r.ID != "" && e.idTaken(r.ID) {
		return Rule{}, &RuleError{Field: "id", Msg: strconv.Quote(r.ID) + " is already used by another rule"}
	}
	st := e.newState(r, e.idTaken)
	e.rules = append(e.rules, st)
	return st.rule.clone(), nil
}

// Replace swaps all the rules for rules, all or nothing, with fresh
// counters and ids numbered from r1 again (skipping the ids the rules
// give themselves). It returns them as stored. An error names the rule by
// its position: "rule 2: when: ...".
func (e *Engine) Replace(rules []Rule) ([]Rule, error) {
	defer e.changed()
	given := make(map[string]int, len(rules))
	for i, r := range rules {
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("rule %d: %w", i+1, err)
		}
		if r.ID == "" {
			continue
		}
		if first, dup := given[r.ID]; dup {
			return nil, fmt.Errorf("rule %d: %w", i+1, &RuleError{Field: "id",
				Msg: fmt.Sprintf("%q is already the id of rule %d", r.ID, first+1)})
		}
		given[r.ID] = i
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lastID = 0
	next := make([]*ruleState, 0, len(rules))
	for _, r := range rules {
		next = append(next, e.newState(r, func(id string) bool { _, ok := given[id]; return ok }))
	}
	e.rules = next
	out := make([]Rule, len(next))
	for i, st := range next {
		out[i] = st.rule.clone()
	}
	return out, nil
}

// idTaken reports whether a rule of the engine has the id, under e.mu.
func (e *Engine) idTaken(id string) bool {
	for _, st := range e.rules {
		if st.rule.ID == id {
			return true
		}
	}
	return false
}

// newState prepares a validated rule, under e.mu. A rule without an id
// gets the next "r<N>" that is not taken.
func (e *Engine) newState(r Rule, taken func(string) bool) *ruleState {
	r = r.normalized()
	for r.ID == "" {
		e.lastID++
		if id := "r" + strconv.Itoa(e.lastID); !taken(id) {
			r.ID = id
		}
	}
	return &ruleState{rule: r, key: ruleKey(e.seed, r.ID)}
}

// Remove deletes the rule with the given id and reports whether there
// was one.
func (e *Engine) Remove(id string) bool {
	defer e.changed()
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, st := range e.rules {
		if st.rule.ID == id {
			e.rules = append(e.rules[:i:i], e.rules[i+1:]...)
			return true
		}
	}
	return false
}

// Clear removes every rule; ids are numbered from r1 again.
func (e *Engine) Clear() {
	defer e.changed()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rules = nil
	e.lastID = 0
}

// ResetCounters restarts every rule's sequence at n = 1, so the same
// requests get the same faults and delays again.
func (e *Engine) ResetCounters() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, st := range e.rules {
		st.count = 0
	}
}

// Decide counts req against every rule and returns what to do with it.
// The error, for a malformed Prefer header or __ query parameter, names
// the culprit; the request then counts for no rule.
func (e *Engine) Decide(req Request) (Decision, error) {
	header, err := ParsePrefer(req.Header.Values("Prefer"))
	if err != nil {
		return Decision{}, err
	}
	query, _, err := ParseQuery(req.Query)
	if err != nil {
		return Decision{}, err
	}
	q := request{Request: &req}
	var d Decision
	e.mu.Lock()
	for _, st := range e.rules {
		r := &st.rule
		if r.Disabled || !r.Match.matches(&q) {
			continue
		}
		st.count++
		n := st.count
		if !r.When.holds(st.key, n) {
			continue
		}
		d.Rules = append(d.Rules, r.ID)
		a := &r.Action
		if !a.Latency.IsZero() {
			u1, u2 := uniform(st.key, n, drawLatency1), uniform(st.key, n, drawLatency2)
			d.Delay = addDelay(d.Delay, a.Latency.Draw(u1, u2))
		}
		if a.Bandwidth > 0 && (d.Bandwidth == 0 || a.Bandwidth < d.Bandwidth) {
			d.Bandwidth = a.Bandwidth
		}
		if d.Status == 0 && d.Fault == "" && (a.Status != 0 || a.Fault != "") {
			d.setAnswer(a.Status, a.Message, a.Fault, time.Duration(a.Hold))
		}
	}
	e.mu.Unlock()
	d.applyPreferences(header, query)
	return d, nil
}

// holds reports whether the conditions hold for the n-th matching request
// of the rule with the given key.
func (w *When) holds(key, n uint64) bool {
	switch {
	case w.Every > 0 && n%uint64(w.Every) != 0:
		return false
	case w.First > 0 && n > uint64(w.First):
		return false
	case w.After > 0 && n <= uint64(w.After):
		return false
	case w.Probability != nil && !(uniform(key, n, drawProbability) < *w.Probability):
		return false
	}
	return true
}

// MatchesOnClient reports whether any rule matches on the client, so that
// a caller can skip working out who is calling when no rule asks.
func (e *Engine) MatchesOnClient() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, st := range e.rules {
		if st.rule.Match.Client != "" {
			return true
		}
	}
	return false
}
