package fault

import (
	"fmt"
	"maps"
	"net/textproto"
	"slices"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Match selects the requests a rule concerns. Empty fields match
// anything; all given fields must match.
type Match struct {
	Vendor string `json:"vendor,omitempty" yaml:"vendor,omitempty"` // "segura" | "appgate"
	// Route is a vendor's route name (see Routes): token, remotesessions,
	// remotesession (segura); version, login, session-info (appgate).
	Route  string `json:"route,omitempty" yaml:"route,omitempty"`
	Method string `json:"method,omitempty" yaml:"method,omitempty"`
	// Path is a glob on the request path: '*' matches any run of
	// characters, '/' included; everything else matches itself.
	Path string `json:"path,omitempty" yaml:"path,omitempty"`
	// DN is compared after parsing with appgate.ParseDN, so every
	// spelling ParseDN accepts matches the same client.
	DN string `json:"dn,omitempty" yaml:"dn,omitempty"`
	// Client is the Segura client id or the Appgate username.
	Client string `json:"client,omitempty" yaml:"client,omitempty"`
	// Headers maps a header name (any case) to the exact value one of its
	// values must have, or to "*" for "present".
	Headers map[string]string `json:"headers,omitempty" yaml:"headers,omitempty"`
}

// When selects which matching requests a rule fires on, by the rule's
// sequence number n of the request (1 for the first request it matches).
// Zero fields are not conditions; all given conditions must hold.
type When struct {
	// Probability p fires when a uniform number hashed from the seed, the
	// rule id and n is below p. nil is always.
	Probability *float64 `json:"probability,omitempty" yaml:"probability,omitempty"`
	Every       int      `json:"every,omitempty" yaml:"every,omitempty"` // n is a multiple of Every
	First       int      `json:"first,omitempty" yaml:"first,omitempty"` // n <= First
	After       int      `json:"after,omitempty" yaml:"after,omitempty"` // n > After
}

// Action is what a firing rule does.
type Action struct {
	// Status answers with this status (300-599) and the vendor's error body
	// for it instead of the normal answer.
	Status int `json:"status,omitempty" yaml:"status,omitempty"`
	// Message replaces the vendor's default message of Status or of the
	// gateway-timeout answer.
	Message string `json:"message,omitempty" yaml:"message,omitempty"`
	Fault   Kind   `json:"fault,omitempty" yaml:"fault,omitempty"`
	// Latency is added before answering.
	Latency Latency `json:"latency,omitempty,omitzero" yaml:"latency,omitempty"`
	// Bandwidth caps the body at this many bytes per second.
	Bandwidth int64 `json:"bandwidth,omitempty" yaml:"bandwidth,omitempty"`
	// Hold is how long the fault lasts: the longest a timeout holds the
	// request (default 60s), the upstream time before a gateway-timeout's
	// 504 (default 60s), the time over which slow dribbles the body
	// (default 10s).
	Hold Duration `json:"hold,omitempty,omitzero" yaml:"hold,omitempty"`
}

// Rule is one fault rule.
type Rule struct {
	// ID names the rule in decisions and in the admin API; the engine
	// assigns "r1", "r2"... when it is empty.
	ID     string `json:"id" yaml:"id"`
	Name   string `json:"name,omitempty" yaml:"name,omitempty"` // free text
	Match  Match  `json:"match" yaml:"match"`
	When   When   `json:"when" yaml:"when"`
	Action Action `json:"action" yaml:"action"`
	// Disabled keeps the rule in its place without it counting or firing;
	// enabled again, it resumes its sequence where it stopped.
	Disabled bool `json:"disabled,omitempty" yaml:"disabled,omitempty"`
}

// RuleError is a problem with one field of a rule.
type RuleError struct {
	// Field is the dotted path of the field in the rule, such as
	// "when.probability", or a section ("action") for a problem between
	// fields.
	Field string
	// Msg says what is wrong with the value, without naming the field.
	Msg string
}

// Error reads "when: probability 1.5 is not between 0 and 1".
func (e *RuleError) Error() string {
	section, field, ok := strings.Cut(e.Field, ".")
	if !ok {
		return section + ": " + e.Msg
	}
	return section + ": " + field + " " + e.Msg
}

func ruleErr(field, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Reserved ids, used in Decision.Rules for per-request preferences.
const (
	SourcePrefer = "prefer"
	SourceQuery  = "query"
)

const maxIDLength = 64

// Validate reports the first problem of r as a *RuleError. Names of
// vendors, routes, methods, faults and headers may be in any case.
func (r Rule) Validate() error {
	if e := r.validate(); e != nil {
		return e
	}
	return nil
}

func (r Rule) validate() *RuleError {
	if e := r.validateSizes(); e != nil {
		return e
	}
	if e := validateID(r.ID); e != nil {
		return e
	}
	if e := r.Match.validate(); e != nil {
		return e
	}
	if e := r.When.validate(); e != nil {
		return e
	}
	return r.Action.validate()
}

func validateID(id string) *RuleError {
	if id == "" {
		return nil
	}
	if len(id) > maxIDLength {
		return ruleErr("id", "%q is longer than %d characters", id, maxIDLength)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return ruleErr("id", "%q may hold only letters, digits, '.', '_' and '-'", id)
		}
	}
	if l := strings.ToLower(id); l == SourcePrefer || l == SourceQuery {
		return ruleErr("id", "%q is reserved for per-request preferences", id)
	}
	return nil
}

func (m Match) validate() *RuleError {
	vendor := strings.ToLower(strings.TrimSpace(m.Vendor))
	if vendor != "" && Routes(vendor) == nil {
		return ruleErr("match.vendor", "%q is unknown (want %s)", m.Vendor, orList(wire.Vendors()))
	}
	route := strings.ToLower(strings.TrimSpace(m.Route))
	if route != "" {
		rv := routeVendor(route)
		switch {
		case rv == "" && vendor != "":
			return ruleErr("match.route", "%q is not a route of %s (want %s)", m.Route, vendor, orList(Routes(vendor)))
		case rv == "":
			return ruleErr("match.route", "%q is unknown (want %s)", m.Route, orList(AllRoutes()))
		case vendor != "" && rv != vendor:
			return ruleErr("match.route", "%q is a route of %s, not of %s (want %s)", m.Route, rv, vendor, orList(Routes(vendor)))
		}
		if vendor == "" {
			vendor = rv
		}
	}
	if m.Method != "" && !isToken(m.Method) {
		return ruleErr("match.method", "%q is not an HTTP method", m.Method)
	}
	if m.Path != "" && m.Path[0] != '/' && m.Path[0] != '*' {
		return ruleErr("match.path", "%q must start with / or *", m.Path)
	}
	if m.DN != "" {
		if _, err := appgate.ParseDN(m.DN); err != nil {
			return ruleErr("match.dn", "%q: %s", m.DN, strings.TrimPrefix(err.Error(), "distinguished name: "))
		}
		switch {
		case vendor == VendorSegura:
			return ruleErr("match.dn", "applies only to appgate requests, not segura ones")
		case route != "" && route != RouteSessionInfo:
			return ruleErr("match.dn", "applies only to the %s route, not %s", RouteSessionInfo, route)
		}
	}
	// Sorted, so that the first problem reported does not depend on map
	// order.
	names := slices.Sorted(maps.Keys(m.Headers))
	seen := make(map[string]string, len(names))
	for _, name := range names {
		if !isToken(name) {
			return ruleErr("match.headers", "name %q is not a valid header name", name)
		}
		c := textproto.CanonicalMIMEHeaderKey(name)
		if other, dup := seen[c]; dup {
			return ruleErr("match.headers", "names %q and %q are the same header", other, name)
		}
		seen[c] = name
	}
	return nil
}

func (w When) validate() *RuleError {
	if p := w.Probability; p != nil && !(*p >= 0 && *p <= 1) {
		return ruleErr("when.probability", "%v is not between 0 and 1", *p)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"every", w.Every}, {"first", w.First}, {"after", w.After}} {
		if f.v < 0 {
			return ruleErr("when."+f.name, "%d is negative", f.v)
		}
	}
	if w.First > 0 && w.After >= w.First {
		return ruleErr("when", "first %d and after %d never both hold (after must be below first)", w.First, w.After)
	}
	return nil
}

func (a Action) validate() *RuleError {
	if a.Status != 0 {
		if a.Status < 100 || a.Status > 599 {
			return ruleErr("action.status", "%d is not an HTTP status", a.Status)
		}
		if a.Status < 300 {
			return ruleErr("action.status", "%d is not an error status (use 300-599)", a.Status)
		}
	}
	k, msg := parseKind(string(a.Fault))
	if msg != "" {
		return ruleErr("action.fault", "%s", msg)
	}
	if a.Status != 0 && k != "" {
		return ruleErr("action", "status %d and fault %s exclude each other: give one", a.Status, k)
	}
	if a.Message != "" && a.Status == 0 && k != GatewayTimeout {
		return ruleErr("action.message", "needs a status or the gateway-timeout fault")
	}
	if a.Bandwidth < 0 {
		return ruleErr("action.bandwidth", "%d is negative", a.Bandwidth)
	}
	switch {
	case a.Hold < 0:
		return ruleErr("action.hold", "%v is negative", a.Hold)
	case a.Hold > Duration(MaxDelay):
		return ruleErr("action.hold", "%v is above the %v limit", a.Hold, MaxDelay)
	case a.Hold != 0 && !k.UsesHold():
		return ruleErr("action.hold", "applies only to the timeout, gateway-timeout and slow faults")
	}
	if a.Status == 0 && k == "" && a.Latency.IsZero() && a.Bandwidth == 0 {
		return ruleErr("action", "does nothing: give a status, fault, latency or bandwidth")
	}
	return nil
}

// normalized returns a valid rule in canonical form: lower-case vendor,
// route and fault, upper-case method, the DN in canonical form and header
// names in canonical MIME form.
func (r Rule) normalized() Rule {
	m := &r.Match
	m.Vendor = strings.ToLower(strings.TrimSpace(m.Vendor))
	m.Route = strings.ToLower(strings.TrimSpace(m.Route))
	m.Method = strings.ToUpper(m.Method)
	if m.DN != "" {
		if dn, err := appgate.ParseDN(m.DN); err == nil {
			m.DN = dn.String()
		}
	}
	if m.Headers != nil {
		h := make(map[string]string, len(m.Headers))
		for k, v := range m.Headers {
			h[textproto.CanonicalMIMEHeaderKey(k)] = v
		}
		m.Headers = h
	}
	if r.When.Probability != nil {
		p := *r.When.Probability
		r.When.Probability = &p
	}
	r.Action.Fault, _ = parseKind(string(r.Action.Fault))
	return r
}

// clone returns a copy that shares no maps or pointers with r.
func (r Rule) clone() Rule {
	if r.Match.Headers != nil {
		h := make(map[string]string, len(r.Match.Headers))
		for k, v := range r.Match.Headers {
			h[k] = v
		}
		r.Match.Headers = h
	}
	if r.When.Probability != nil {
		p := *r.When.Probability
		r.When.Probability = &p
	}
	return r
}

// isToken reports whether s is an RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
