package fault

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sessionmock/sessionmock/internal/yamldoc"
)

// ParseError is a problem in a list of rules read from YAML or JSON. Its
// text is "file:line:column: faults[2].when.probability: message".
type ParseError struct {
	File   string // as given to the parser
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when unknown
	Path   string // of the value, such as faults[2].when.probability
	Msg    string
}

func (e *ParseError) Error() string {
	return (&yamldoc.Error{File: cmp.Or(e.File, "faults"), Line: e.Line, Column: e.Column, Path: e.Path, Msg: e.Msg}).Error()
}

// rulesPath is the key of the rules in the config file, and the root of
// every path ParseRules reports.
const rulesPath = "faults"

// ParseRules reads the rules of the config file's faults section. data is
// either the list of rules itself or a whole config file (a mapping whose
// faults key holds the list; its other keys are left alone), so that
// positions can be those of the config file. Empty input is no rules. Each
// rule is validated; ids must be unique. Errors are *ParseError.
func ParseRules(name string, data []byte) ([]Rule, error) {
	root, err := parseDocument(name, data)
	if err != nil || root == nil {
		return nil, err
	}
	d := &ruleDecoder{file: name}
	root, err = d.resolve(root, "")
	if err != nil {
		return nil, err
	}
	switch {
	case yamldoc.IsNull(root):
		return nil, nil
	case root.Kind == yaml.SequenceNode:
		return d.rules(root, rulesPath)
	case root.Kind != yaml.MappingNode:
		return nil, d.errAt(root, "", "must be a list of fault rules, got %s", yamldoc.Describe(root))
	}
	single := false
	for k := 0; k+1 < len(root.Content); k += 2 {
		key, err := d.resolve(root.Content[k], "")
		if err != nil {
			return nil, err
		}
		if key.Kind != yaml.ScalarNode {
			continue
		}
		switch key.Value {
		case rulesPath:
			return d.rules(root.Content[k+1], rulesPath)
		case "match", "when", "action":
			single = true
		}
	}
	if single {
		return nil, d.errAt(root, "", "a rule must be an item of a list (start it with \"- \")")
	}
	return nil, nil
}

// RulesFromNode reads the rules from the value of a config file's faults
// key, already parsed; name is the file's name for errors.
func RulesFromNode(name string, n *yaml.Node) ([]Rule, error) {
	if n == nil {
		return nil, nil
	}
	d := &ruleDecoder{file: name}
	return d.rules(n, rulesPath)
}

// ParseRule reads one rule, a YAML or JSON mapping, as the admin API
// receives it. Paths in errors start at the rule ("when.probability").
func ParseRule(name string, data []byte) (Rule, error) {
	root, err := parseDocument(name, data)
	if err != nil {
		return Rule{}, err
	}
	if root == nil {
		return Rule{}, &ParseError{File: name, Line: 1, Msg: "empty: want a rule"}
	}
	d := &ruleDecoder{file: name}
	return d.rule(root, "")
}

// parseDocument reads exactly one YAML (or JSON) document; nil for none.
func parseDocument(name string, data []byte) (*yaml.Node, error) {
	root, e := yamldoc.Parse(name, data)
	if e != nil {
		return nil, &ParseError{File: e.File, Line: e.Line, Column: e.Column, Msg: e.Msg}
	}
	return root, nil
}

// ruleDecoder walks the YAML nodes of rules. Rules nest to a fixed depth
// and only the top level is a list, so aliases cannot make the walk
// explode: it is linear in the size of the document.
type ruleDecoder struct {
	file string
}

func (d *ruleDecoder) errAt(n *yaml.Node, path, format string, args ...any) *ParseError {
	e := &ParseError{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// resolve follows aliases.
func (d *ruleDecoder) resolve(n *yaml.Node, path string) (*yaml.Node, error) {
	for k := 0; n != nil && n.Kind == yaml.AliasNode && k < 64; k++ {
		n = n.Alias
	}
	if n == nil || n.Kind == yaml.AliasNode {
		return nil, d.errAt(nil, path, "unresolvable alias")
	}
	if n.Kind == yaml.DocumentNode {
		return nil, d.errAt(n, path, "unexpected document")
	}
	return n, nil
}

func join(path, key string) string {
	if path == "" || key == "" {
		return path + key
	}
	return path + "." + key
}

type entry struct {
	key      string
	keyNode  *yaml.Node
	valueRaw *yaml.Node
}

// mapping returns the entries of a mapping, or none for null.
func (d *ruleDecoder) mapping(n *yaml.Node, path string) ([]entry, error) {
	if yamldoc.IsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, d.errAt(n, path, "must be a mapping, got %s", yamldoc.Describe(n))
	}
	out := make([]entry, 0, len(n.Content)/2)
	seen := make(map[string]int, len(n.Content)/2)
	for k := 0; k+1 < len(n.Content); k += 2 {
		kn, err := d.resolve(n.Content[k], path)
		if err != nil {
			return nil, err
		}
		if kn.Kind != yaml.ScalarNode || yamldoc.IsNull(kn) {
			return nil, d.errAt(kn, path, "keys must be strings, got %s", yamldoc.Describe(kn))
		}
		if kn.ShortTag() == "!!merge" {
			return nil, d.errAt(kn, path, "merge keys (<<) are not supported")
		}
		if first, dup := seen[kn.Value]; dup {
			return nil, d.errAt(kn, join(path, kn.Value), "duplicate key (first at line %d)", first)
		}
		seen[kn.Value] = kn.Line
		out = append(out, entry{key: kn.Value, keyNode: kn, valueRaw: n.Content[k+1]})
	}
	return out, nil
}

func (d *ruleDecoder) rules(n *yaml.Node, path string) ([]Rule, error) {
	n, err := d.resolve(n, path)
	if err != nil {
		return nil, err
	}
	if yamldoc.IsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, d.errAt(n, path, "must be a list of rules, got %s", yamldoc.Describe(n))
	}
	out := make([]Rule, 0, len(n.Content))
	ids := map[string]int{}
	for i, item := range n.Content {
		ipath := path + "[" + strconv.Itoa(i) + "]"
		r, err := d.rule(item, ipath)
		if err != nil {
			return nil, err
		}
		if r.ID != "" {
			if first, dup := ids[r.ID]; dup {
				return nil, d.errAt(d.idNode(item), join(ipath, "id"), "%q is already the id of %s[%d]", r.ID, path, first)
			}
			ids[r.ID] = i
		}
		out = append(out, r)
	}
	return out, nil
}

// idNode finds the value of a rule's id key, for the position of an error.
func (d *ruleDecoder) idNode(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if n.Content[k].Value == "id" {
			return n.Content[k+1]
		}
	}
	return n
}

// fieldNodes records where each field of a rule was written, so that a
// validation error points at it.
type fieldNodes map[string]*yaml.Node

func (d *ruleDecoder) rule(n *yaml.Node, path string) (Rule, error) {
	n, err := d.resolve(n, path)
	if err != nil {
		return Rule{}, err
	}
	if n.Kind != yaml.MappingNode {
		return Rule{}, d.errAt(n, path, "a rule must be a mapping, got %s", yamldoc.Describe(n))
	}
	var r Rule
	at := fieldNodes{"": n}
	err = d.fields(n, path, "", at, map[string]func(v *yaml.Node, p string) error{
		"id":   func(v *yaml.Node, p string) error { return d.str(v, p, &r.ID) },
		"name": func(v *yaml.Node, p string) error { return d.str(v, p, &r.Name) },
		"match": func(v *yaml.Node, p string) error {
			return d.fields(v, path, "match", at, map[string]func(*yaml.Node, string) error{
				"vendor":  func(v *yaml.Node, p string) error { return d.str(v, p, &r.Match.Vendor) },
				"route":   func(v *yaml.Node, p string) error { return d.str(v, p, &r.Match.Route) },
				"method":  func(v *yaml.Node, p string) error { return d.str(v, p, &r.Match.Method) },
				"path":    func(v *yaml.Node, p string) error { return d.str(v, p, &r.Match.Path) },
				"dn":      func(v *yaml.Node, p string) error { return d.str(v, p, &r.Match.DN) },
				"client":  func(v *yaml.Node, p string) error { return d.str(v, p, &r.Match.Client) },
				"headers": func(v *yaml.Node, p string) error { return d.headers(v, p, &r.Match.Headers) },
			})
		},
		"when": func(v *yaml.Node, p string) error {
			return d.fields(v, path, "when", at, map[string]func(*yaml.Node, string) error{
				"probability": func(v *yaml.Node, p string) error { return d.probability(v, p, &r.When.Probability) },
				"every":       func(v *yaml.Node, p string) error { return d.integer(v, p, &r.When.Every) },
				"first":       func(v *yaml.Node, p string) error { return d.integer(v, p, &r.When.First) },
				"after":       func(v *yaml.Node, p string) error { return d.integer(v, p, &r.When.After) },
			})
		},
		"action": func(v *yaml.Node, p string) error {
			return d.fields(v, path, "action", at, map[string]func(*yaml.Node, string) error{
				"status":    func(v *yaml.Node, p string) error { return d.integer(v, p, &r.Action.Status) },
				"message":   func(v *yaml.Node, p string) error { return d.str(v, p, &r.Action.Message) },
				"fault":     func(v *yaml.Node, p string) error { return d.fault(v, p, &r.Action.Fault) },
				"latency":   func(v *yaml.Node, p string) error { return d.latency(v, p, &r.Action.Latency) },
				"bandwidth": func(v *yaml.Node, p string) error { return d.int64(v, p, &r.Action.Bandwidth) },
				"hold":      func(v *yaml.Node, p string) error { return d.hold(v, p, &r.Action.Hold) },
			})
		},
		"disabled": func(v *yaml.Node, p string) error { return d.boolean(v, p, &r.Disabled) },
	})
	if err != nil {
		return Rule{}, err
	}
	if e := r.validate(); e != nil {
		return Rule{}, d.errAt(at.find(e.Field), join(path, e.Field), "%s", e.Msg)
	}
	return r, nil
}

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

// fields decodes the mapping n at field (relative to the rule at path)
// with one setter per known key.
func (d *ruleDecoder) fields(n *yaml.Node, path, field string, at fieldNodes, set map[string]func(*yaml.Node, string) error) error {
	full := join(path, field)
	n, err := d.resolve(n, full)
	if err != nil {
		return err
	}
	if field != "" {
		at[field] = n
	}
	entries, err := d.mapping(n, full)
	if err != nil {
		return err
	}
	for _, e := range entries {
		f, ok := set[e.key]
		if !ok {
			return d.errAt(e.keyNode, full, "unknown key %q (want %s)", e.key, orList(keysOf(set)))
		}
		v, err := d.resolve(e.valueRaw, join(full, e.key))
		if err != nil {
			return err
		}
		at[join(field, e.key)] = v
		if yamldoc.IsNull(v) {
			continue // null is the same as leaving the key out
		}
		if err := f(v, join(full, e.key)); err != nil {
			return err
		}
	}
	return nil
}

// keyOrder lists the keys of each section as the documentation does, for
// "want ..." messages.
var keyOrder = []string{
	"id", "name", "match", "when", "action",
	"vendor", "route", "method", "path", "dn", "client", "headers",
	"probability", "every", "first", "after",
	"status", "message", "fault", "latency", "bandwidth", "hold",
}

func keysOf(set map[string]func(*yaml.Node, string) error) []string {
	var out []string
	for _, k := range keyOrder {
		if _, ok := set[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// scalar returns the text of a scalar; numbers and booleans as written.
func (d *ruleDecoder) scalar(n *yaml.Node, path, want string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", d.errAt(n, path, "must be %s, got %s", want, yamldoc.Describe(n))
	}
	return n.Value, nil
}

func (d *ruleDecoder) str(n *yaml.Node, path string, out *string) error {
	s, err := d.scalar(n, path, "a string")
	*out = s
	return err
}

func (d *ruleDecoder) boolean(n *yaml.Node, path string, out *bool) error {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(out) != nil {
		return d.errAt(n, path, "must be true or false, got %s", yamldoc.Describe(n))
	}
	return nil
}

func (d *ruleDecoder) int64(n *yaml.Node, path string, out *int64) error {
	var v int64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		return d.errAt(n, path, "must be a whole number, got %s", yamldoc.Describe(n))
	}
	*out = v
	return nil
}

func (d *ruleDecoder) integer(n *yaml.Node, path string, out *int) error {
	var v int64
	if err := d.int64(n, path, &v); err != nil {
		return err
	}
	if v > math.MaxInt32 || v < math.MinInt32 {
		return d.errAt(n, path, "%d is too large", v)
	}
	*out = int(v)
	return nil
}

func (d *ruleDecoder) probability(n *yaml.Node, path string, out **float64) error {
	var v float64
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || tag != "!!int" && tag != "!!float" || n.Decode(&v) != nil {
		return d.errAt(n, path, "must be a number between 0 and 1, got %s", yamldoc.Describe(n))
	}
	*out = &v
	return nil
}

func (d *ruleDecoder) fault(n *yaml.Node, path string, out *Kind) error {
	s, err := d.scalar(n, path, "a fault name")
	if err != nil {
		return err
	}
	k, msg := parseKind(s)
	if msg != "" {
		return d.errAt(n, path, "%s", msg)
	}
	*out = k
	return nil
}

func (d *ruleDecoder) latency(n *yaml.Node, path string, out *Latency) error {
	s, err := d.scalar(n, path, "a latency such as "+latencyForms)
	if err != nil {
		return err
	}
	l, msg := parseLatency(s)
	if msg == msgNoClosingParen {
		// A comma inside {...} ends the value, a common slip.
		msg += ` (in a {...} mapping, quote the value: "lognormal(100ms,0.5)")`
	}
	if msg != "" {
		return d.errAt(n, path, "%s", msg)
	}
	*out = l
	return nil
}

func (d *ruleDecoder) hold(n *yaml.Node, path string, out *Duration) error {
	s, err := d.scalar(n, path, "a duration such as 5s")
	if err != nil {
		return err
	}
	v, msg := parseDelay(s)
	if msg != "" {
		return d.errAt(n, path, "%s", msg)
	}
	*out = Duration(v)
	return nil
}

func (d *ruleDecoder) headers(n *yaml.Node, path string, out *map[string]string) error {
	entries, err := d.mapping(n, path)
	if err != nil {
		return err
	}
	h := make(map[string]string, len(entries))
	for _, e := range entries {
		v, err := d.resolve(e.valueRaw, join(path, e.key))
		if err != nil {
			return err
		}
		if yamldoc.IsNull(v) {
			return d.errAt(v, join(path, e.key), `must be the header's value, or "*" for any`)
		}
		if h[e.key], err = d.scalar(v, join(path, e.key), `the header's value, or "*" for any`); err != nil {
			return err
		}
	}
	*out = h
	return nil
}
