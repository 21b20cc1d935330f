package fault

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func statusRules(n int, id func(i int) string) []Rule {
	rules := make([]Rule, n)
	for i := range rules {
		rules[i] = Rule{ID: id(i), Action: Action{Status: 500}}
	}
	return rules
}

func noID(int) string { return "" }

func TestEngineAddAll(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1, Rule{ID: "boot", Match: Match{Vendor: "segura"}, When: When{Every: 2}, Action: Action{Status: 503}})
	// The first request counts for boot, whose counter must survive the
	// changes below.
	if d := mustDecide(t, e, seguraList()); d.Status != 0 {
		t.Fatalf("first request: %+v", d)
	}
	got, err := e.AddAll(context.Background(), []Rule{
		{Match: Match{Vendor: "APPGATE"}, Action: Action{Status: 500}},
		{ID: "r1", Match: Match{Route: "login"}, Action: Action{Status: 401}},
		{Action: Action{Latency: Fixed(ms)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	// r1 is given by a later rule of the list, so the first gets r2.
	if !reflect.DeepEqual(ids, []string{"r2", "r1", "r3"}) || got[0].Match.Vendor != "appgate" {
		t.Errorf("stored %+v, want ids [r2 r1 r3] in canonical form", got)
	}
	if d := mustDecide(t, e, seguraList()); d.Status != 503 || !reflect.DeepEqual(d.Rules, []string{"boot", "r3"}) {
		t.Errorf("second request %+v: boot's count did not go on", d)
	}

	for _, tt := range []struct {
		name  string
		rules []Rule
		index int
		want  string
	}{
		{"invalid rule", []Rule{{Action: Action{Status: 500}}, {When: When{Every: -1}, Action: Action{Status: 500}}}, 1, "when: every -1 is negative"},
		{"id held", []Rule{{Action: Action{Status: 500}}, {ID: "boot", Action: Action{Status: 500}}}, 1, `id: "boot" is already used by another rule`},
		{"id twice in the list", []Rule{{ID: "x", Action: Action{Status: 500}}, {ID: "x", Action: Action{Status: 500}}}, 1, `id: "x" is already used by another rule`},
	} {
		_, err := e.AddAll(context.Background(), tt.rules)
		var item *ItemError
		if !errors.As(err, &item) || item.Index != tt.index || errText(item.Err) != tt.want {
			t.Errorf("%s: error %v, want rule %d: %s", tt.name, err, tt.index+1, tt.want)
		}
	}
	if n := len(e.Rules()); n != 4 {
		t.Errorf("%d rules after failed lists, want 4", n)
	}
}

// A list whose caller has gone is not added, and not even checked.
func TestEngineAddAllStopsWithTheContext(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rules := statusRules(MaxRules, noID)
	rules[1].When.Every = -1 // would be reported if the rules were checked
	if _, err := e.AddAll(ctx, rules); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := len(e.Rules()); n != 0 {
		t.Errorf("%d rules added for a caller that left", n)
	}
}

func TestEngineRuleLimit(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1, statusRules(MaxRules-2, noID)...)
	if _, err := e.AddAll(context.Background(), statusRules(3, noID)); !errors.Is(err, ErrTooManyRules) ||
		errText(err) != "too many fault rules: 998 held and 3 given make 1001; the limit is 1000 (remove some first)" {
		t.Errorf("AddAll past the limit: %v", err)
	}
	if _, err := e.AddAll(context.Background(), statusRules(2, noID)); err != nil {
		t.Fatalf("AddAll up to the limit: %v", err)
	}
	if _, err := e.Add(Rule{Action: Action{Status: 500}}); !errors.Is(err, ErrTooManyRules) {
		t.Errorf("Add past the limit: %v", err)
	}
	if n := len(e.Rules()); n != MaxRules {
		t.Errorf("%d rules, want %d", n, MaxRules)
	}
	// The ids of a full engine are distinct and numbered in order.
	for i, r := range e.Rules() {
		if want := fmt.Sprintf("r%d", i+1); r.ID != want {
			t.Fatalf("rule %d has id %q, want %q", i, r.ID, want)
		}
	}
	e.Remove("r7")
	if _, err := e.Add(Rule{Action: Action{Status: 500}}); err != nil {
		t.Errorf("Add after a Remove below the limit: %v", err)
	}
	for _, err := range []error{
		func() error { _, err := e.Replace(statusRules(MaxRules+1, noID)); return err }(),
		func() error { _, err := NewEngine(1, statusRules(MaxRules+1, noID)...); return err }(),
		func() error {
			_, err := mustEngine(t, 1).AddAll(context.Background(), statusRules(MaxRules+1, noID))
			return err
		}(),
	} {
		if !errors.Is(err, ErrTooManyRules) || errText(err) != "too many fault rules: 1001 given; the limit is 1000" {
			t.Errorf("a list past the limit: %v", err)
		}
	}
	if n := len(e.Rules()); n != MaxRules {
		t.Errorf("a failed Replace changed the rules: %d", n)
	}
}

// TestEngineBatchesAreWhole adds and clears lists of rules while other
// goroutines decide and list: under -race it proves no reader ever sees
// part of a list.
func TestEngineBatchesAreWhole(t *testing.T) {
	t.Parallel()
	const writers, batches, size, readers, reads = 2, 100, 8, 4, 300
	e := mustEngine(t, 1)
	// complete reports whether ids hold every rule of each list they hold
	// part of: list w-b has the ids w-b-0 ... w-b-7.
	complete := func(ids []string) error {
		n := map[string]int{}
		for _, id := range ids {
			n[id[:strings.LastIndexByte(id, '-')]]++
		}
		for list, got := range n {
			if got != size {
				return fmt.Errorf("%d of the %d rules of list %s in %q", got, size, list, ids)
			}
		}
		return nil
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for b := range batches {
				_, err := e.AddAll(context.Background(), statusRules(size, func(i int) string { return fmt.Sprintf("%d-%d-%d", w, b, i) }))
				if err != nil {
					t.Error(err)
					return
				}
				if b%3 == 2 {
					e.Clear()
				}
			}
		})
	}
	for range readers {
		wg.Go(func() {
			for range reads {
				d, err := e.Decide(seguraList())
				if err != nil {
					t.Error(err)
					return
				}
				if err := complete(d.Rules); err != nil {
					t.Errorf("a decision saw %v", err)
					return
				}
				var ids []string
				for _, r := range e.Rules() {
					ids = append(ids, r.ID)
				}
				if err := complete(ids); err != nil {
					t.Errorf("Rules saw %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// A change in progress holds the engine's lock; decisions and listings do
// not wait for it.
func TestEngineReadersTakeNoLock(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1, Rule{Match: Match{Path: "/api/*"}, Action: Action{Status: 500}})
	e.mu.Lock()
	defer e.mu.Unlock()
	done := make(chan Decision)
	go func() {
		d, _ := e.Decide(seguraList())
		_ = e.Rules()
		_ = e.MatchesOnClient()
		done <- d
	}()
	select {
	case d := <-done:
		if d.Status != 500 {
			t.Errorf("decision %+v", d)
		}
	case <-time.After(time.Minute): // only ever reached when readers lock
		t.Fatal("Decide waits for the lock a change holds")
	}
}

// decideByScan is Decide without the index: every rule, in order.
func decideByScan(e *Engine, req Request) Decision {
	q := request{Request: &req}
	var d Decision
	for _, st := range e.set.Load().rules {
		if st.match.matches(&q) {
			d.count(st)
		}
	}
	return d
}

// The index by vendor and route finds the same rules, in the same order,
// as a scan of them all, over rules and requests of every kind.
func TestEngineIndexAgreesWithScan(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	vendors := []string{"", VendorSegura, VendorAppgate}
	routes := append([]string{""}, append(Routes(VendorSegura), Routes(VendorAppgate)...)...)
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var rules []Rule
	for len(rules) < 200 {
		r := Rule{
			Match:  Match{Vendor: pick(vendors), Route: pick(routes), Method: pick([]string{"", "GET", "POST"})},
			When:   When{Every: rng.IntN(3)},
			Action: Action{Status: 500 + rng.IntN(4), Latency: Fixed(time.Duration(rng.IntN(3)) * ms)},
		}
		if r.Validate() == nil { // a route of the other vendor is not
			rules = append(rules, r)
		}
	}
	indexed, scanned := mustEngine(t, 5, rules...), mustEngine(t, 5, rules...)
	for range 2000 {
		vendor := pick(vendors[1:])
		route := pick(append([]string{""}, Routes(vendor)...))
		req := Request{Vendor: vendor, Route: route, Method: pick([]string{"GET", "POST"}), Path: "/x"}
		got, want := mustDecide(t, indexed, req), decideByScan(scanned, req)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%+v:\nindex %+v\nscan  %+v", req, got, want)
		}
	}
}

// A published rule set keeps its rules, in the lists requests read, while
// later sets grow their arrays in place and others replace them.
func TestRuleSetsKeepTheirRules(t *testing.T) {
	t.Parallel()
	e := mustEngine(t, 1)
	ids := func(s *ruleSet) []string {
		var out []string
		s.candidates(VendorSegura, RouteToken, func(st *ruleState) bool {
			out = append(out, st.rule.ID)
			return true
		})
		return out
	}
	add := func(id string) {
		t.Helper()
		if _, err := e.Add(Rule{ID: id, Match: Match{Route: RouteToken}, Action: Action{Status: 500}}); err != nil {
			t.Fatal(err)
		}
	}
	add("a")
	first := e.set.Load()
	add("b")
	add("c")
	second := e.set.Load()
	e.Remove("b")
	add("d")
	add("e")
	if got := ids(first); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("first set: %q", got)
	}
	if got := ids(second); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("second set: %q", got)
	}
	if got := ids(e.set.Load()); !reflect.DeepEqual(got, []string{"a", "c", "d", "e"}) {
		t.Errorf("current set: %q", got)
	}
}
