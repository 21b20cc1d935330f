package fault

import (
	"maps"
	"sync/atomic"
)

// ruleState is one rule as the engine holds it: normalized, with its
// matcher compiled and its counter. A ruleState outlives the rule sets it
// is part of, so adding or removing other rules keeps its count.
type ruleState struct {
	rule  Rule // normalized; never changed once stored
	match matcher
	key   uint64
	count atomic.Uint64 // matching requests so far
	// disabled switches the rule off in place (SetDisabled): it is the
	// one part of a stored rule that changes, so it is atomic.
	disabled atomic.Bool
}

// ruleSet is the engine's rules at one moment. What it holds is never
// changed once published: a change builds a new set and swaps it in, so a
// decision reads the whole of one set, without a lock, and never half a
// change.
type ruleSet struct {
	rules []*ruleState // in evaluation order

	// The rules a request may match, by what they name, each list in
	// evaluation order: a request of vendor v on route r can only match
	// the rules of byRoute[r], byVendor[v] and anywhere.
	byRoute  map[string][]indexed // rules that name a route
	byVendor map[string][]indexed // rules that name a vendor and no route
	anywhere []indexed            // rules that name neither

	onClient bool // some rule matches on the client
}

// indexed is a rule with its place in the evaluation order.
type indexed struct {
	pos int
	st  *ruleState
}

var emptySet = &ruleSet{}

// newRuleSet indexes rules.
func newRuleSet(rules []*ruleState) *ruleSet {
	s := &ruleSet{}
	return s.with(rules...)
}

// with returns a new set of s's rules followed by more. The new set's
// lists extend s's in place when their arrays have room: that writes only
// past the end of s's lists, which no reader of s looks at, and since
// every change starts from the current set, no other set ever extends
// the same lists. So adding a rule costs O(1) amortized, not a copy of
// every rule.
func (s *ruleSet) with(more ...*ruleState) *ruleSet {
	next := &ruleSet{
		rules:    append(s.rules, more...),
		byRoute:  maps.Clone(s.byRoute),
		byVendor: maps.Clone(s.byVendor),
		anywhere: s.anywhere,
		onClient: s.onClient,
	}
	if next.byRoute == nil {
		next.byRoute = map[string][]indexed{}
	}
	if next.byVendor == nil {
		next.byVendor = map[string][]indexed{}
	}
	for i, st := range more {
		m := &st.rule.Match
		x := indexed{len(s.rules) + i, st}
		switch {
		case m.Route != "":
			next.byRoute[m.Route] = append(next.byRoute[m.Route], x)
		case m.Vendor != "":
			next.byVendor[m.Vendor] = append(next.byVendor[m.Vendor], x)
		default:
			next.anywhere = append(next.anywhere, x)
		}
		next.onClient = next.onClient || m.Client != ""
	}
	return next
}

// without returns a new set of s's rules but st.
func (s *ruleSet) without(st *ruleState) *ruleSet {
	rules := make([]*ruleState, 0, len(s.rules))
	for _, other := range s.rules {
		if other != st {
			rules = append(rules, other)
		}
	}
	return newRuleSet(rules)
}

// candidates calls yield, in evaluation order, for every rule a request of
// vendor on route may match, until yield returns false. Its cost grows
// with the number of those rules, not with the number of all rules.
func (s *ruleSet) candidates(vendor, route string, yield func(*ruleState) bool) {
	var a []indexed
	if route != "" {
		a = s.byRoute[route]
	}
	b, c := s.byVendor[vendor], s.anywhere
	i, j, k := 0, 0, 0
	for {
		// Take the earliest head of the three lists.
		var st *ruleState
		pos := -1
		if i < len(a) {
			st, pos = a[i].st, a[i].pos
		}
		if j < len(b) && (st == nil || b[j].pos < pos) {
			st, pos = b[j].st, b[j].pos
		}
		if k < len(c) && (st == nil || c[k].pos < pos) {
			st = c[k].st
		}
		switch {
		case st == nil:
			return
		case i < len(a) && st == a[i].st:
			i++
		case j < len(b) && st == b[j].st:
			j++
		default:
			k++
		}
		if !yield(st) {
			return
		}
	}
}
