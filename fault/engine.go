package fault

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// Engine holds the rules and their counters and makes a Decision for
// each request. It is safe for concurrent use. Decisions take no lock:
// each reads the rule set current when it starts, which changes only as a
// whole, so no decision and no Rules call ever sees part of a change.
type Engine struct {
	seed int64

	set atomic.Pointer[ruleSet]

	mu     sync.Mutex            // serializes changes
	ids    map[string]*ruleState // the rules of set by id, under mu
	lastID int                   // the last number used for an "r<N>" id, under mu

	onChange atomic.Pointer[func()] // see OnChange
}

// NewEngine returns an engine drawing from seed, with rules added in
// order.
func NewEngine(seed int64, rules ...Rule) (*Engine, error) {
	e := &Engine{seed: seed, ids: map[string]*ruleState{}}
	e.set.Store(emptySet)
	if _, err := e.Replace(rules); err != nil {
		return nil, err
	}
	return e, nil
}

// Seed returns the seed the engine draws from.
func (e *Engine) Seed() int64 { return e.seed }

// Rules returns copies of the rules, in evaluation order.
func (e *Engine) Rules() []Rule {
	return e.set.Load().copies()
}

func (s *ruleSet) copies() []Rule {
	out := make([]Rule, len(s.rules))
	for i, st := range s.rules {
		out[i] = st.rule.clone()
		out[i].Disabled = st.disabled.Load()
	}
	return out
}

// ItemError is a problem with one rule of a list given to AddAll or
// Replace.
type ItemError struct {
	Index int // from 0
	Err   error
}

// Error reads "rule 2: when: ...", counting from 1.
func (e *ItemError) Error() string { return fmt.Sprintf("rule %d: %v", e.Index+1, e.Err) }

func (e *ItemError) Unwrap() error { return e.Err }

// Add validates r, gives it an id if it has none and appends it after
// the other rules. It returns the rule as stored (in canonical form).
func (e *Engine) Add(r Rule) (Rule, error) {
	defer e.changed()
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	cur := e.set.Load()
	if err := tooManyRules(len(cur.rules), 1); err != nil {
		return Rule{}, err
	}
	if e.has(r.ID) {
		return Rule{}, idUsed(r.ID)
	}
	st := e.newState(r, e.has)
	e.ids[st.rule.ID] = st
	e.set.Store(cur.with(st))
	return st.rule.clone(), nil
}

// AddAll validates rules and appends them after the other rules, all or
// none: a request or a Rules call sees either none of them or all. It
// returns them as stored. An error for one rule is an *ItemError; one that
// would pass MaxRules wraps ErrTooManyRules. AddAll gives up with ctx's
// error, adding nothing, once ctx is done.
func (e *Engine) AddAll(ctx context.Context, rules []Rule) ([]Rule, error) {
	defer e.changed()
	// Fail fast on a list too long for any engine, before validating it;
	// the count is checked again against the rules held below.
	if err := tooManyRules(0, len(rules)); err != nil {
		return nil, err
	}
	given := make(map[string]bool, len(rules))
	for i, r := range rules {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := r.Validate(); err != nil {
			return nil, &ItemError{Index: i, Err: err}
		}
		if r.ID != "" && given[r.ID] {
			return nil, &ItemError{Index: i, Err: idUsed(r.ID)}
		}
		given[r.ID] = r.ID != ""
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cur := e.set.Load()
	if err := tooManyRules(len(cur.rules), len(rules)); err != nil {
		return nil, err
	}
	for i, r := range rules {
		if e.has(r.ID) {
			return nil, &ItemError{Index: i, Err: idUsed(r.ID)}
		}
	}
	taken := func(id string) bool { return given[id] || e.has(id) }
	added := make([]*ruleState, len(rules))
	for i, r := range rules {
		added[i] = e.newState(r, taken)
		e.ids[added[i].rule.ID] = added[i]
	}
	next := cur.with(added...)
	e.set.Store(next)
	return next.copies()[len(cur.rules):], nil
}

func idUsed(id string) *RuleError {
	return &RuleError{Field: "id", Msg: strconv.Quote(id) + " is already used by another rule"}
}

// Replace swaps all the rules for rules, all or nothing, with fresh
// counters and ids numbered from r1 again (skipping the ids the rules
// give themselves). It returns them as stored. An error for one rule is an
// *ItemError, which names it by its position: "rule 2: when: ...".
func (e *Engine) Replace(rules []Rule) ([]Rule, error) {
	return e.ReplaceWhere(func(Rule) bool { return true }, rules)
}

// has reports whether a rule has the id, under e.mu.
func (e *Engine) has(id string) bool {
	_, ok := e.ids[id]
	return ok
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
	st := &ruleState{rule: r, key: ruleKey(e.seed, r.ID)}
	st.match = newMatcher(&st.rule.Match)
	st.disabled.Store(r.Disabled)
	return st
}

// Remove deletes the rule with the given id and reports whether there
// was one.
func (e *Engine) Remove(id string) bool {
	defer e.changed()
	e.mu.Lock()
	defer e.mu.Unlock()
	st, ok := e.ids[id]
	if ok {
		delete(e.ids, id)
		e.set.Store(e.set.Load().without(st))
	}
	return ok
}

// Clear removes every rule; ids are numbered from r1 again.
func (e *Engine) Clear() {
	defer e.changed()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.set.Store(emptySet)
	e.ids = map[string]*ruleState{}
	e.lastID = 0
}

// ResetCounters restarts every rule's sequence at n = 1, so the same
// requests get the same faults and delays again.
func (e *Engine) ResetCounters() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, st := range e.set.Load().rules {
		st.count.Store(0)
	}
}

// MatchesOnClient reports whether any rule matches on the client, so that
// a caller can skip working out who is calling when no rule asks.
func (e *Engine) MatchesOnClient() bool {
	return e.set.Load().onClient
}
