package fault

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Bounds on what the engine holds, so that neither memory nor the cost of
// a decision depends on how much a caller sends.
const (
	// MaxRules is the most rules an engine holds.
	MaxRules = 1000
	// MaxTextBytes bounds every text of a rule: its name, match.method,
	// match.path, match.dn, match.client, the names and values of
	// match.headers and action.message.
	MaxTextBytes = 1024
	// MaxHeaders is the most headers one rule matches on.
	MaxHeaders = 16
)

// ErrTooManyRules is wrapped by the error of an Add, AddAll, Replace or
// NewEngine that would leave the engine with more than MaxRules rules.
var ErrTooManyRules = errors.New("too many fault rules")

// tooManyRules reports held rules and adding more passing MaxRules, or nil.
func tooManyRules(held, adding int) error {
	switch {
	case adding <= MaxRules-held:
		return nil
	case held == 0:
		return fmt.Errorf("%w: %d given; the limit is %d", ErrTooManyRules, adding, MaxRules)
	}
	return fmt.Errorf("%w: %d held and %d given make %d; the limit is %d (remove some first)",
		ErrTooManyRules, held, adding, held+adding, MaxRules)
}

// validateSizes reports the first text of r longer than MaxTextBytes, or
// too many headers. It runs before any other check, so that no parser
// ever sees an oversized value.
func (r *Rule) validateSizes() *RuleError {
	m := &r.Match
	for _, f := range []struct{ field, value string }{
		{"name", r.Name},
		{"match.method", m.Method},
		{"match.path", m.Path},
		{"match.dn", m.DN},
		{"match.client", m.Client},
		{"action.message", r.Action.Message},
	} {
		if len(f.value) > MaxTextBytes {
			return ruleErr(f.field, "is %d bytes long; the limit is %d", len(f.value), MaxTextBytes)
		}
	}
	if len(m.Headers) > MaxHeaders {
		return ruleErr("match.headers", "has %d entries; the limit is %d", len(m.Headers), MaxHeaders)
	}
	for _, name := range slices.Sorted(maps.Keys(m.Headers)) {
		switch value := m.Headers[name]; {
		case len(name) > MaxTextBytes:
			return ruleErr("match.headers", "name %.32q... is %d bytes long; the limit is %d", name, len(name), MaxTextBytes)
		case len(value) > MaxTextBytes:
			return ruleErr("match.headers", "value of %s is %d bytes long; the limit is %d", name, len(value), MaxTextBytes)
		}
	}
	return nil
}
