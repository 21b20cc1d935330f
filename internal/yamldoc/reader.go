package yamldoc

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sessionmock/sessionmock/internal/words"
)

// MaxNodes bounds the nodes a Reader visits, so that a small file of
// nested aliases cannot make a walk exponential.
const MaxNodes = 200_000

// Reader reads one document: it parses it, hands its nodes to the caller
// with aliases followed, checks their kinds and collects every mistake
// with its position. Nodes it hands out (the root, mapping values, list
// items) have been counted against MaxNodes; once that is spent the
// reader hands out nothing more, so the walk ends.
//
// Methods that read a value report a mistake and return false (or no
// entries) instead of failing, so the caller reads on; a caller that must
// know whether a part read cleanly compares Mistakes before and after.
type Reader struct {
	file  string
	errs  ErrorList
	nodes int
	spent bool
}

// NewReader returns a reader of a document named file (in its errors).
func NewReader(file string) *Reader { return &Reader{file: file} }

// File is the name errors carry.
func (r *Reader) File() string { return r.file }

// Parse parses data, exactly one YAML or JSON document, and returns its
// root with aliases followed, or nil when there is no document or it does
// not parse (a mistake then).
func (r *Reader) Parse(data []byte) *yaml.Node {
	root, err := parse(r.file, data)
	if err != nil {
		r.errs.add(err)
		return nil
	}
	if root == nil {
		return nil
	}
	return r.Resolve(root, "")
}

// Failf records a mistake at n (the document when n is nil) and path.
func (r *Reader) Failf(n *yaml.Node, path, format string, args ...any) {
	e := &Error{File: r.file, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	r.errs.add(e)
}

// WrongType records that n at path is not what it must be: "a list is
// not a string; want a string".
func (r *Reader) WrongType(n *yaml.Node, path, want string) {
	r.WrongKind(n, path, want, want)
}

// WrongKind records that n at path is not of the kind wanted, with what
// is valid worded apart: "a list is not a whole number; want an HTTP
// error status from 300 to 599".
func (r *Reader) WrongKind(n *yaml.Node, path, kind, want string) {
	r.Failf(n, path, "%s", words.Not(Describe(n), kind, want))
}

// Duplicate records that n repeats the what (a key, an id) with the given
// value (as it should be shown) first given at line first.
func (r *Reader) Duplicate(n *yaml.Node, path, what, value string, first int) {
	r.Failf(n, path, "%s", duplicate(what, value, first))
}

// Missing records that the mapping n at path lacks the required key.
func (r *Reader) Missing(n *yaml.Node, path, key string) {
	r.Failf(n, path, "%s", missing(key))
}

// Merge records the mistakes of err, an *ErrorList or *Error from another
// reader (such as the one of a section read by another package), or any
// other error as a mistake of the document.
func (r *Reader) Merge(err error) {
	var list *ErrorList
	var one *Error
	switch {
	case err == nil:
	case errors.As(err, &list):
		for _, e := range list.Errors {
			r.errs.add(e)
		}
		r.errs.More += list.More
	case errors.As(err, &one):
		r.errs.add(one)
	default:
		r.errs.add(&Error{File: r.file, Msg: err.Error()})
	}
}

// Mistakes is the number of mistakes recorded so far.
func (r *Reader) Mistakes() int { return r.errs.Len() }

// Err returns every mistake recorded, as an *ErrorList sorted by position,
// or nil when there is none.
func (r *Reader) Err() error { return r.errs.err() }

// Resolve follows n's aliases and counts the node it reaches against
// MaxNodes; nil once those are spent (a mistake the first time).
func (r *Reader) Resolve(n *yaml.Node, path string) *yaml.Node {
	if r.spent {
		return nil
	}
	n = deref(n)
	if n == nil {
		r.Failf(nil, path, "an alias that leads nowhere")
		return nil
	}
	r.nodes++
	if r.nodes > MaxNodes {
		r.spent = true
		r.Failf(n, path, "the document expands to more than %d nodes; use fewer aliases", MaxNodes)
		return nil
	}
	return n
}

// deref follows aliases; nil for an alias to nothing. The library lets an
// alias point only at an anchored node, never at another alias, but the
// bound keeps a hand-built tree from looping.
func deref(n *yaml.Node) *yaml.Node {
	for k := 0; n != nil && n.Kind == yaml.AliasNode; k++ {
		if k == 8 {
			return nil
		}
		n = n.Alias
	}
	return n
}

// Keys are the keys a mapping takes.
type Keys struct {
	Names []string // in the order the documentation gives them
	// Want says what is valid when listing Names would not help (too
	// many, or described elsewhere); "" lists them.
	Want string
	// Hint, when set, may remark on an unknown key ("it is a top-level
	// key") instead of the "did you mean" drawn from Names.
	Hint func(key string) string
	// Required keys must be given. Their absence is reported only when
	// every key given was taken, since a misspelt or merged key would
	// otherwise be reported twice.
	Required []string
}

// Entry is one key and value of a mapping.
type Entry struct {
	Key     string
	KeyNode *yaml.Node
	Value   *yaml.Node // aliases followed
	Path    string     // of the value
}

// Mapping returns the entries of the mapping n at path in document order.
// It reports, and leaves out, keys that are not strings, merge keys (<<),
// duplicate keys and, unless keys is nil, keys it does not list, and it
// reports required keys left out. A node that is not a mapping (null
// included) is reported and gives none.
func (r *Reader) Mapping(n *yaml.Node, path string, keys *Keys) []Entry {
	if n = deref(n); n == nil || n.Kind != yaml.MappingNode {
		if n != nil {
			r.WrongType(n, path, "a mapping")
		}
		return nil
	}
	out := make([]Entry, 0, len(n.Content)/2)
	seen := make(map[string]int, len(n.Content)/2)
	before := r.Mistakes()
	for k := 0; k+1 < len(n.Content); k += 2 {
		kn := r.Resolve(n.Content[k], path)
		if kn == nil {
			return out
		}
		switch {
		case kn.Kind != yaml.ScalarNode || IsNull(kn):
			r.WrongType(kn, path, "a string key")
			continue
		case kn.ShortTag() == "!!merge":
			r.Failf(kn, path, "merge keys (<<) are not supported; write the keys out")
			continue
		}
		key := kn.Value
		if first, dup := seen[key]; dup {
			r.Duplicate(kn, path, "key", strconv.Quote(key), first)
			continue
		}
		seen[key] = kn.Line
		if keys != nil && !slices.Contains(keys.Names, key) {
			r.Failf(kn, path, "%s", unknownKey(key, keys))
			continue
		}
		vpath := Join(path, key)
		v := r.Resolve(n.Content[k+1], vpath)
		if v == nil {
			return out
		}
		out = append(out, Entry{Key: key, KeyNode: kn, Value: v, Path: vpath})
	}
	if keys != nil && r.Mistakes() == before {
		for _, req := range keys.Required {
			if _, ok := seen[req]; !ok {
				r.Missing(n, path, req)
			}
		}
	}
	return out
}

// Sequence returns the items of the list n at path, aliases followed. A
// node that is not a list (null included) is reported and gives none.
func (r *Reader) Sequence(n *yaml.Node, path string) []*yaml.Node {
	if n = deref(n); n == nil || n.Kind != yaml.SequenceNode {
		if n != nil {
			r.WrongType(n, path, "a list")
		}
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for i, it := range n.Content {
		it = r.Resolve(it, Index(path, i))
		if it == nil {
			break
		}
		out = append(out, it)
	}
	return out
}

// String returns the text of a scalar other than null; numbers and
// booleans as written.
func (r *Reader) String(n *yaml.Node, path string) (string, bool) {
	if n = deref(n); n == nil || n.Kind != yaml.ScalarNode || IsNull(n) {
		if n != nil {
			r.WrongType(n, path, words.String)
		}
		return "", false
	}
	return n.Value, true
}

// Bool returns a YAML boolean.
func (r *Reader) Bool(n *yaml.Node, path string) (bool, bool) {
	var b bool
	if n = deref(n); n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		if n != nil {
			r.WrongType(n, path, words.TrueOrFalse)
		}
		return false, false
	}
	return b, true
}

// Int returns a YAML integer from lo to hi. what names the value in the
// words of what is valid ("an HTTP error status" gives "want an HTTP
// error status from 300 to 599"); "" is a whole number. The words are
// those of the flags' parser of whole numbers.
func (r *Reader) Int(n *yaml.Node, path string, lo, hi int64, what string) (int64, bool) {
	if n = deref(n); n == nil {
		return 0, false
	}
	want := words.IntRange(what, lo, hi)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" && !(n.ShortTag() == "!!float" && isDigits(n.Value)) {
		r.WrongKind(n, path, words.WholeNumber, want)
		return 0, false
	}
	var v int64
	if err := n.Decode(&v); err != nil {
		// Digits, but beyond 64 bits (which YAML reads as a float): far
		// outside any range.
		if strings.HasPrefix(n.Value, "-") {
			r.Failf(n, path, "%s", words.Below(n.Value, want))
		} else {
			r.Failf(n, path, "%s", words.Above(n.Value, want))
		}
		return 0, false
	}
	if msg := words.OutOfRange(v, lo, hi, n.Value, want); msg != "" {
		r.Failf(n, path, "%s", msg)
		return 0, false
	}
	return v, true
}

// isDigits reports whether s is decimal digits with an optional sign.
func isDigits(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Number returns a YAML integer or float from lo to hi; what as for Int,
// "" is a number. NaN and infinities are not numbers here.
func (r *Reader) Number(n *yaml.Node, path string, lo, hi float64, what string) (float64, bool) {
	if n = deref(n); n == nil {
		return 0, false
	}
	want := words.NumberRange(what, lo, hi)
	var v float64
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || tag != "!!int" && tag != "!!float" || n.Decode(&v) != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.WrongKind(n, path, words.Number, want)
		return 0, false
	}
	if msg := words.OutOfRange(v, lo, hi, n.Value, want); msg != "" {
		r.Failf(n, path, "%s", msg)
		return 0, false
	}
	return v, true
}
