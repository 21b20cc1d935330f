package fault

import (
	"slices"
	"strings"
	"testing"
)

func ruleIDs(rules []Rule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.ID
	}
	return out
}

// TestReplaceWhere swaps the rules of a file and keeps the others, with
// their counters, after the new ones.
func TestReplaceWhere(t *testing.T) {
	e := mustEngine(t, 1,
		Rule{Action: Action{Status: 503}},                          // r1, from the file
		Rule{ID: "file-named", Action: Action{Latency: Fixed(ms)}}, // from the file
	)
	third := Rule{When: When{Every: 3}, Action: Action{Status: 500}} // added later: r2
	added, err := e.Add(third)
	if err != nil {
		t.Fatal(err)
	}
	if added.ID != "r2" {
		t.Fatalf("added rule got id %q, want r2", added.ID)
	}
	// Two requests: the kept rule counts 2, so the third request after
	// the swap is its third, on which it fires.
	mustDecide(t, e, seguraList())
	mustDecide(t, e, seguraList())

	fromFile := map[string]bool{"r1": true, "file-named": true}
	stored, err := e.ReplaceWhere(func(r Rule) bool { return fromFile[r.ID] }, []Rule{
		{Action: Action{Latency: Fixed(2 * ms)}}, // r1 again
		{Action: Action{Latency: Fixed(3 * ms)}}, // r2 is kept, so r3
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleIDs(stored); !slices.Equal(got, []string{"r1", "r3"}) {
		t.Errorf("new rules got ids %v, want [r1 r3]", got)
	}
	if got := ruleIDs(e.Rules()); !slices.Equal(got, []string{"r1", "r3", "r2"}) {
		t.Errorf("rules are %v, want the new ones first: [r1 r3 r2]", got)
	}
	d := mustDecide(t, e, seguraList())
	if d.Status != 500 || d.AnsweredBy != "r2" {
		t.Errorf("kept rule lost its count: decision %+v, want its every-3 status 500 on its third request", d)
	}
	if d.Delay != 5*ms {
		t.Errorf("delay %v, want the new rules' 2ms + 3ms", d.Delay)
	}
	// A rule added after the swap takes the next free id.
	if r, err := e.Add(Rule{Action: Action{Status: 502}}); err != nil || r.ID != "r4" {
		t.Errorf("next added rule: %q, %v; want r4", r.ID, err)
	}
}

// TestReplaceWhereAllOrNothing leaves the rules as they were when one of
// the new rules is bad or takes the id of a kept rule.
func TestReplaceWhereAllOrNothing(t *testing.T) {
	t.Parallel()
	ok := Rule{Action: Action{Status: 500}}
	tests := []struct {
		name  string
		rules []Rule
		want  string
	}{
		{"invalid rule", []Rule{ok, {Action: Action{Status: 200}}}, "rule 2: action: status 200 is not an error status"},
		{"id of a kept rule", []Rule{ok, {ID: "admin", Action: Action{Status: 500}}}, `rule 2: id: "admin" is already used by a rule that stays`},
		{"id twice", []Rule{{ID: "x", Action: ok.Action}, {ID: "x", Action: ok.Action}}, `rule 2: id: "x" is already the id of rule 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := mustEngine(t, 1, Rule{ID: "file", Action: Action{Status: 503}}, Rule{ID: "admin", Action: Action{Status: 502}})
			_, err := e.ReplaceWhere(func(r Rule) bool { return r.ID == "file" }, tt.rules)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if got := ruleIDs(e.Rules()); !slices.Equal(got, []string{"file", "admin"}) {
				t.Errorf("rules after a refused swap: %v, want [file admin]", got)
			}
		})
	}
}
