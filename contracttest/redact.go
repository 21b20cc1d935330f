package contracttest

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Redacted replaces every secret in a report.
const Redacted = "[REDACTED]"

// minSecretLen is the shortest secret replaced wherever it occurs. Shorter
// ones are still replaced where the suite put them (headers, form fields,
// login bodies); replacing every occurrence of, say, a two-letter password
// would shred the report without protecting anything.
const minSecretLen = 4

// redactor removes secrets from everything that goes into a report: the
// secrets given and every token the server issues during the run.
type redactor struct {
	mu       sync.Mutex
	replacer *strings.Replacer
	secrets  []string
}

func (r *redactor) add(secret string) {
	if len(secret) < minSecretLen {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret)}
	if b, err := json.Marshal(secret); err == nil {
		forms = append(forms, string(b[1:len(b)-1]))
	}
	for _, f := range forms {
		if !slices.Contains(r.secrets, f) {
			r.secrets = append(r.secrets, f)
		}
	}
	// Longer forms first, so that a secret containing another is replaced whole.
	pairs := make([]string, 0, 2*len(r.secrets))
	sorted := append([]string(nil), r.secrets...)
	slices.SortStableFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	for _, s := range sorted {
		pairs = append(pairs, s, Redacted)
	}
	r.replacer = strings.NewReplacer(pairs...)
}

func (r *redactor) str(s string) string {
	r.mu.Lock()
	rep := r.replacer
	r.mu.Unlock()
	if rep == nil || s == "" {
		return s
	}
	return rep.Replace(s)
}

func (r *redactor) result(res *Result) {
	res.Reason = r.str(res.Reason)
	for i := range res.Evidence {
		r.evidence(&res.Evidence[i])
	}
}

// evidence replaces secrets in what the server sent back. The request side
// is built with its secrets already replaced (headers, form fields, login
// bodies) and its URL never holds one; leaving it alone keeps a short
// password that is also a word of the URL ("admin" in /admin) from blotting
// out the URL.
func (r *redactor) evidence(e *Evidence) {
	e.Error = r.str(e.Error)
	e.Note = r.str(e.Note)
	e.Body = r.str(e.Body)
	for i := range e.Violations {
		e.Violations[i].Expected = r.str(e.Violations[i].Expected)
		e.Violations[i].Got = r.str(e.Violations[i].Got)
	}
}

// redactHeader hides the credentials of an Authorization header, keeping
// its scheme so the evidence still says what kind was sent.
func redactHeader(name, value string) string {
	if !strings.EqualFold(name, "Authorization") || value == "" {
		return value
	}
	scheme, _, found := strings.Cut(value, " ")
	if !found {
		return Redacted
	}
	return scheme + " " + Redacted
}
