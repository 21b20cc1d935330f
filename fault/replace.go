package fault

import "fmt"

// ReplaceWhere swaps the rules for which replaced reports true for rules,
// all or nothing, and keeps the others with their counters: the new rules
// come first, in order, with fresh counters, and the kept ones follow in
// their order. Ids are given as by Replace, numbered from r1 again and
// skipping the ids of the kept rules; a given id that a kept rule already
// has is an error. It returns the new rules as stored. An error for one
// rule is an *ItemError ("rule 2: when: ..."); one that would pass
// MaxRules wraps ErrTooManyRules.
//
// A configuration reload uses it to swap the rules of a config file while
// the rules added through the admin API stay.
func (e *Engine) ReplaceWhere(replaced func(Rule) bool, rules []Rule) ([]Rule, error) {
	defer e.changed()
	if err := tooManyRules(0, len(rules)); err != nil {
		return nil, err
	}
	given := make(map[string]int, len(rules))
	for i, r := range rules {
		if err := r.Validate(); err != nil {
			return nil, &ItemError{Index: i, Err: err}
		}
		if r.ID == "" {
			continue
		}
		if first, dup := given[r.ID]; dup {
			return nil, &ItemError{Index: i, Err: &RuleError{Field: "id",
				Msg: fmt.Sprintf("%q is already the id of rule %d", r.ID, first+1)}}
		}
		given[r.ID] = i
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var kept []*ruleState
	keptIDs := map[string]bool{}
	for _, st := range e.set.Load().rules {
		if !replaced(st.rule.clone()) {
			kept = append(kept, st)
			keptIDs[st.rule.ID] = true
		}
	}
	if err := tooManyRules(len(kept), len(rules)); err != nil {
		return nil, err
	}
	for i, r := range rules {
		if keptIDs[r.ID] {
			return nil, &ItemError{Index: i, Err: &RuleError{Field: "id",
				Msg: fmt.Sprintf("%q is already used by a rule that stays", r.ID)}}
		}
	}
	taken := func(id string) bool { _, ok := given[id]; return ok || keptIDs[id] }
	e.lastID = 0
	e.ids = make(map[string]*ruleState, len(rules)+len(kept))
	next := make([]*ruleState, 0, len(rules)+len(kept))
	for _, r := range rules {
		st := e.newState(r, taken)
		e.ids[st.rule.ID] = st
		next = append(next, st)
	}
	for _, st := range kept {
		e.ids[st.rule.ID] = st
	}
	set := newRuleSet(append(next, kept...))
	e.set.Store(set)
	return set.copies()[:len(rules)], nil
}
