package words

import "strings"

// Suggest returns the candidate closest to a misspelt name (a flag, a
// variable, a key of a YAML mapping), for a "did you mean", or "" when
// none is close enough to be what was meant. Letter case does not count;
// beyond it, at most one edit for names of up to four letters and two for
// longer ones, where an edit inserts, deletes or changes a letter or swaps
// two neighbours ("--sed" for "--seed", "--timout" for "--timeout",
// "--jounral-size" for "--journal-size", "itsm" for "ITSM"). A name that
// is the start of exactly one candidate suggests it too ("--segura" for
// "--segura-sessions" when no other flag starts so). Ties go to the
// earlier candidate, so the table's order decides. A candidate equal to
// name is never suggested. The cost is bounded by the candidates' length,
// however long name is.
func Suggest(name string, candidates []string) string {
	if name == "" {
		return ""
	}
	limit := 1
	if len(name) > 4 {
		limit = 2
	}
	lower := strings.ToLower(name)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == name {
			continue
		}
		if d := editDistance(lower, strings.ToLower(c), bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	prefixed := ""
	for _, c := range candidates {
		if len(name) >= 3 && len(c) > len(name) && strings.EqualFold(c[:len(name)], name) {
			if prefixed != "" {
				return "" // ambiguous
			}
			prefixed = c
		}
	}
	return prefixed
}

// editDistance is the optimal string alignment distance between a and b
// (Levenshtein plus swaps of neighbouring bytes), or any value >= stop
// once it is clear that the distance reaches stop. Names are compared by
// bytes: the names suggested are ASCII.
func editDistance(a, b string, stop int) int {
	if d := len(a) - len(b); d >= stop || -d >= stop {
		return stop
	}
	// Three rows suffice: the swap looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= stop {
			return stop
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
