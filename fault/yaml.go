package fault

import (
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sessionmock/sessionmock/internal/words"
	"github.com/sessionmock/sessionmock/internal/yamldoc"
)

// ParseError is one mistake in fault rules read from YAML or JSON, with
// its position: "file:line:column: faults[2].when.probability: message".
// ParseRules, ParseRule and RulesFromNode report every mistake they find
// (up to 20) in one error; errors.As finds the first as a *ParseError. It
// is the error of every YAML document sessionmock reads, so the config
// file and the pinned records word the same mistakes the same way.
type ParseError = yamldoc.Error

// rulesPath is the key of the rules in the config file, and the root of
// every path ParseRules reports.
const rulesPath = "faults"

// ParseRules reads the rules of the config file's faults section. data is
// either the list of rules itself or a whole config file (a mapping whose
// faults key holds the list; its other keys are left alone), so that
// positions can be those of the config file. Empty input is no rules. Each
// rule is validated; ids must be unique.
func ParseRules(name string, data []byte) ([]Rule, error) {
	r := yamldoc.NewReader(name)
	var rules []Rule
	if root := r.Parse(data); root != nil {
		rules = readRulesDocument(r, root)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return rules, nil
}

// RulesFromNode reads the rules from the value of a config file's faults
// key, already parsed; name is the file's name for errors.
func RulesFromNode(name string, n *yaml.Node) ([]Rule, error) {
	if n == nil {
		return nil, nil
	}
	r := yamldoc.NewReader(name)
	var rules []Rule
	if n = r.Resolve(n, rulesPath); n != nil {
		rules = readRules(r, n, rulesPath)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return rules, nil
}

// ParseRule reads one rule, a YAML or JSON mapping, as the admin API
// receives it. Paths in errors start at the rule ("when.probability").
func ParseRule(name string, data []byte) (Rule, error) {
	r := yamldoc.NewReader(name)
	root := r.Parse(data)
	var rule Rule
	switch {
	case root != nil:
		rule, _, _ = readRule(r, root, "")
	case r.Mistakes() == 0:
		r.Failf(&yaml.Node{Line: 1}, "", "empty; want a fault rule")
	}
	if err := r.Err(); err != nil {
		return Rule{}, err
	}
	return rule, nil
}

// readRulesDocument reads the rules of a whole document: a list of rules,
// or a mapping whose faults key holds them.
func readRulesDocument(r *yamldoc.Reader, root *yaml.Node) []Rule {
	switch {
	case yamldoc.IsNull(root):
		return nil
	case root.Kind == yaml.SequenceNode:
		return readRules(r, root, rulesPath)
	case root.Kind != yaml.MappingNode:
		r.WrongType(root, "", "a list of fault rules")
		return nil
	}
	single := false
	for _, e := range r.Mapping(root, "", nil) {
		switch e.Key {
		case rulesPath:
			return readRules(r, e.Value, rulesPath)
		case "match", "when", "action":
			single = true
		}
	}
	if single {
		r.Failf(root, "", "%s", words.Not("a single rule", "a list of fault rules", `a list of fault rules (start it with "- ")`))
	}
	return nil
}

// readRules reads a list of rules at path; null is none.
func readRules(r *yamldoc.Reader, n *yaml.Node, path string) []Rule {
	if yamldoc.IsNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.WrongType(n, path, "a list of fault rules")
		return nil
	}
	items := r.Sequence(n, path)
	out := make([]Rule, 0, len(items))
	ids := map[string]int{} // line of each id's first use
	for i, item := range items {
		ipath := yamldoc.Index(path, i)
		rule, at, ok := readRule(r, item, ipath)
		if rule.ID != "" {
			if first, dup := ids[rule.ID]; dup {
				r.Duplicate(at["id"], yamldoc.Join(ipath, "id"), "id", strconv.Quote(rule.ID), first)
				continue
			}
			ids[rule.ID] = at["id"].Line
		}
		if ok {
			out = append(out, rule)
		}
	}
	return out
}

// fieldNodes records where each field of a rule was written, so that a
// validation error points at it.
type fieldNodes map[string]*yaml.Node

// find returns the node of field, or of the nearest enclosing one given.
func (at fieldNodes) find(field string) *yaml.Node {
	for {
		if n, ok := at[field]; ok {
			return n
		}
		i := strings.LastIndexByte(field, '.')
		if i < 0 {
			return at[""]
		}
		field = field[:i]
	}
}

// The keys of a rule and of its sections, in the documentation's order.
var (
	ruleKeys   = yamldoc.Keys{Names: []string{"id", "name", "match", "when", "action", "disabled"}, Required: []string{"action"}}
	matchKeys  = yamldoc.Keys{Names: []string{"vendor", "route", "method", "path", "dn", "client", "headers"}}
	whenKeys   = yamldoc.Keys{Names: []string{"probability", "every", "first", "after"}}
	actionKeys = yamldoc.Keys{Names: []string{"status", "message", "fault", "latency", "bandwidth", "hold"}}
)

// readRule reads the rule n at path and validates it. It returns the rule,
// where its fields were written and whether it read without a mistake;
// with one, the rule holds what did read (its id, for duplicates). Rules
// nest to a fixed depth, so the walk is linear in the document.
func readRule(r *yamldoc.Reader, n *yaml.Node, path string) (Rule, fieldNodes, bool) {
	before := r.Mistakes()
	var rule Rule
	at := fieldNodes{"": n}
	for _, e := range r.Mapping(n, path, &ruleKeys) {
		at[e.Key] = e.Value
		if yamldoc.IsNull(e.Value) {
			continue // null is the same as leaving the key out
		}
		switch e.Key {
		case "id":
			rule.ID, _ = r.String(e.Value, e.Path)
		case "name":
			rule.Name, _ = r.String(e.Value, e.Path)
		case "match":
			readSection(r, e, at, &matchKeys, func(f yamldoc.Entry) { readMatch(r, f, &rule.Match) })
		case "when":
			readSection(r, e, at, &whenKeys, func(f yamldoc.Entry) { readWhen(r, f, &rule.When) })
		case "action":
			readSection(r, e, at, &actionKeys, func(f yamldoc.Entry) { readAction(r, f, &rule.Action) })
		case "disabled":
			rule.Disabled, _ = r.Bool(e.Value, e.Path)
		}
	}
	if r.Mistakes() > before {
		return rule, at, false
	}
	if e := rule.validate(); e != nil {
		r.Failf(at.find(e.Field), yamldoc.Join(path, e.Field), "%s", e.Msg)
		return rule, at, false
	}
	return rule, at, true
}

// readSection reads the mapping of section e (match, when or action) with
// one call of read per field given and not null.
func readSection(r *yamldoc.Reader, e yamldoc.Entry, at fieldNodes, keys *yamldoc.Keys, read func(yamldoc.Entry)) {
	for _, f := range r.Mapping(e.Value, e.Path, keys) {
		at[e.Key+"."+f.Key] = f.Value
		if !yamldoc.IsNull(f.Value) {
			read(f)
		}
	}
}

func readMatch(r *yamldoc.Reader, f yamldoc.Entry, m *Match) {
	if f.Key == "headers" {
		m.Headers = readHeaders(r, f.Value, f.Path)
		return
	}
	text := map[string]*string{"vendor": &m.Vendor, "route": &m.Route, "method": &m.Method,
		"path": &m.Path, "dn": &m.DN, "client": &m.Client}[f.Key]
	*text, _ = r.String(f.Value, f.Path)
}

func readWhen(r *yamldoc.Reader, f yamldoc.Entry, w *When) {
	count := func(out *int) {
		v, _ := r.Int(f.Value, f.Path, 0, math.MaxInt32, "")
		*out = int(v)
	}
	switch f.Key {
	case "probability":
		if p, ok := r.Number(f.Value, f.Path, 0, 1, ""); ok {
			w.Probability = &p
		}
	case "every":
		count(&w.Every)
	case "first":
		count(&w.First)
	case "after":
		count(&w.After)
	}
}

func readAction(r *yamldoc.Reader, f yamldoc.Entry, a *Action) {
	switch f.Key {
	case "status":
		// The words of --error-status, which sets the same thing.
		v, _ := r.Int(f.Value, f.Path, MinErrorStatus, MaxErrorStatus, ErrorStatusWhat)
		a.Status = int(v)
	case "message":
		a.Message, _ = r.String(f.Value, f.Path)
	case "fault":
		if s, ok := r.String(f.Value, f.Path); ok {
			var msg string
			if a.Fault, msg = parseKind(s); msg != "" {
				r.Failf(f.Value, f.Path, "%s", msg)
			}
		}
	case "latency":
		if f.Value.Kind != yaml.ScalarNode {
			r.WrongKind(f.Value, f.Path, "a latency", "a latency such as "+latencyForms)
			return
		}
		l, msg := parseLatency(f.Value.Value)
		if msg == msgNoClosingParen {
			// A comma inside {...} ends the value, a common slip.
			msg += ` (in a {...} mapping, quote the value: "lognormal(100ms,0.5)")`
		}
		if msg != "" {
			r.Failf(f.Value, f.Path, "%s", msg)
		}
		a.Latency = l
	case "bandwidth":
		a.Bandwidth, _ = r.Int(f.Value, f.Path, 0, math.MaxInt64, "")
	case "hold":
		if f.Value.Kind != yaml.ScalarNode {
			r.WrongKind(f.Value, f.Path, "a duration", "a duration such as 5s")
			return
		}
		v, msg := parseDelay(f.Value.Value)
		if msg != "" {
			r.Failf(f.Value, f.Path, "%s", msg)
		}
		a.Hold = Duration(v)
	}
}

// readHeaders reads match.headers: header names to values, "*" for any.
func readHeaders(r *yamldoc.Reader, n *yaml.Node, path string) map[string]string {
	entries := r.Mapping(n, path, nil)
	h := make(map[string]string, len(entries))
	for _, e := range entries {
		if e.Value.Kind != yaml.ScalarNode || yamldoc.IsNull(e.Value) {
			r.WrongKind(e.Value, e.Path, words.String, `the header's value, or "*" for any`)
			continue
		}
		h[e.Key] = e.Value.Value
	}
	return h
}
