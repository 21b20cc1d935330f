package yamldoc

import (
	"fmt"
	"strconv"
	"strings"
)

// The words of the mistakes every document kind can make, in one place so
// that the config file, the pinned records and the fault rules say the
// same thing for the same mistake.

// MustBe is the message for a value of the wrong type or out of range:
// "must be a string, got a list", "must be a number from 0 to 1, got
// "1.5"". got is usually Describe of the node.
func MustBe(want, got string) string { return "must be " + want + ", got " + got }

// unknownKey is the message for a key a mapping does not take.
func unknownKey(key string, keys *Keys) string {
	remark := ""
	if keys.Hint != nil {
		remark = keys.Hint(key)
	}
	if remark == "" {
		if s := Suggest(key, keys.Names); s != "" {
			remark = "did you mean " + strconv.Quote(s) + "?"
		}
	}
	msg := "unknown key " + strconv.Quote(key)
	if remark != "" {
		msg += " (" + remark + ")"
	}
	want := keys.Want
	if want == "" {
		want = oneOf(keys.Names)
	}
	return msg + "; want " + want
}

// oneOf lists the valid choices for a "want ..." part: "id", "one of id,
// name, match".
func oneOf(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return "one of " + strings.Join(names, ", ")
}

// duplicate is the message for a key or value given a second time, such
// as what "id" and value `"a"`.
func duplicate(what, value string, firstLine int) string {
	return fmt.Sprintf("duplicate %s %s; each %s may appear only once (first at line %d)", what, value, what, firstLine)
}

// missing is the message for a required key left out.
func missing(key string) string { return "missing required key " + strconv.Quote(key) }

// Suggest returns the name among names nearest to key, for a "did you
// mean": one that differs only in case, or else by at most two edits
// (one for short keys), the first in names on a tie; "" when none is near.
func Suggest(key string, names []string) string {
	if len(key) > 64 {
		return "" // a long key is no misspelling, and the distance is quadratic
	}
	best, bestD := "", 0
	limit := 2
	if len([]rune(key)) <= 3 {
		limit = 1
	}
	for _, n := range names {
		d := editDistance(strings.ToLower(key), strings.ToLower(n))
		if d <= limit && (best == "" || d < bestD) && n != key {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
