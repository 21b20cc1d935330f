package openapi

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sessionmock/sessionmock/wire"
)

// The compiled checks answer most body-less requests without kin-openapi's
// request validation, which routes the request a second time and spends
// most of its time on bookkeeping. They are compiled once per operation from
// the document and mirror what ValidateRequest checks for such a request:
// path, query and header parameters, decoded as kin-openapi decodes them and
// checked against their schemas. Security requirements are not among them
// because ValidateRequest does not check them either (its authentication
// function accepts everything).
//
// The checks are only ever trusted to accept. Anything they do not
// understand (a request body, cookies, arrays other than exploded form
// arrays of plain strings, objects other than exploded form maps of plain
// strings, composed schemas, styles other than the default, an empty value)
// is left to the full
// validation, and so is every request they would reject, so the full
// validation always writes the answer a rejected request gets.

// verdict is what the compiled checks conclude about one request.
type verdict uint8

const (
	// verdictUnknown: the checks cannot tell; the full validation decides.
	verdictUnknown verdict = iota
	// verdictAccept: the full validation accepts the request.
	verdictAccept
	// verdictReject: the full validation rejects the request.
	verdictReject
)

func (v verdict) String() string {
	switch v {
	case verdictAccept:
		return "accept"
	case verdictReject:
		return "reject"
	}
	return "unknown"
}

// paramKind is how a parameter's raw value is decoded, as kin-openapi's
// parsePrimitive does it.
type paramKind uint8

const (
	kindString paramKind = iota
	kindInteger
	kindInt32
	kindBoolean
	// kindStringArray: an exploded form array of plain strings
	// (?query=a&query=b).
	kindStringArray
	// kindStringMap: an exploded form object whose only rule is that its
	// additional properties are plain strings (?providerName=ldap).
	kindStringMap
)

type fastParam struct {
	in, name string
	header   string // canonical header key, for header parameters
	segment  int    // index of the path segment, for path parameters
	required bool
	kind     paramKind
	schema   *openapi3.Schema
	// anyValue: the schema is a plain string schema every value passes.
	anyValue bool
}

// fastOp is the compiled form of one operation.
type fastOp struct {
	// segments are the '/'-separated parts of the absolute path template;
	// a parameter's segment is "" and its parameter names it.
	segments []string
	params   []fastParam
	hasQuery bool
}

type opKey struct{ method, pattern string }

// fastPath holds the compiled operations of one document, keyed by method
// and absolute path template ("/admin/session-info/{distinguished-name}").
type fastPath struct {
	ops  map[opKey]*fastOp
	opts []openapi3.SchemaValidationOption
}

// compileFastPath compiles every operation of doc it can; base is the
// vendor's base path.
func compileFastPath(doc *openapi3.T, base string) *fastPath {
	f := &fastPath{ops: map[opKey]*fastOp{}}
	// The options kin-openapi's ValidateParameter passes to VisitJSON for
	// this validator's request options (MultiError off).
	f.opts = append(f.opts, openapi3.SetSchemaErrorMessageCustomizer(schemaMessage))
	f.opts = append(f.opts, doc.GetSchemaValidationOptions()...)
	if doc.IsOpenAPI31OrLater() {
		f.opts = append(f.opts, openapi3.EnableJSONSchema2020())
	}
	if doc.Paths == nil {
		return f
	}
	prefix := strings.TrimSuffix(base, "/")
	for path, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for method, op := range item.Operations() {
			if compiled, ok := compileOp(prefix+path, item, op); ok {
				f.ops[opKey{method, prefix + path}] = compiled
			}
		}
	}
	return f
}

func compileOp(pattern string, item *openapi3.PathItem, op *openapi3.Operation) (*fastOp, bool) {
	if op.RequestBody != nil {
		return nil, false
	}
	out := &fastOp{segments: strings.Split(pattern, "/")}
	names := map[string]int{}
	for i, seg := range out.segments {
		if strings.ContainsAny(seg, "{}") {
			name, ok := strings.CutPrefix(seg, "{")
			if name, ok = strings.CutSuffix(name, "}"); !ok || name == "" || strings.ContainsAny(name, "{}") {
				return nil, false // a parameter inside a segment
			}
			names[name] = i
			out.segments[i] = ""
		}
	}
	var params openapi3.Parameters
	for _, ref := range item.Parameters {
		if ref == nil || ref.Value == nil {
			return nil, false
		}
		if op.Parameters != nil && op.Parameters.GetByInAndName(ref.Value.In, ref.Value.Name) != nil {
			continue
		}
		params = append(params, ref)
	}
	params = append(params, op.Parameters...)
	for _, ref := range params {
		if ref == nil || ref.Value == nil {
			return nil, false
		}
		p, keep, ok := compileParam(ref.Value, names)
		if !ok {
			return nil, false
		}
		if keep {
			out.params = append(out.params, p)
			out.hasQuery = out.hasQuery || p.in == openapi3.ParameterInQuery
		}
	}
	return out, true
}

// compileParam compiles one parameter; keep is false for a parameter
// kin-openapi does not check (no schema and no content), ok false for one
// the compiled checks do not handle.
func compileParam(p *openapi3.Parameter, segments map[string]int) (fastParam, bool, bool) {
	if p.Content != nil || p.AllowEmptyValue {
		return fastParam{}, false, false
	}
	if p.Schema == nil {
		return fastParam{}, false, true
	}
	s := p.Schema.Value
	if s == nil || len(s.AllOf) > 0 || len(s.AnyOf) > 0 || len(s.OneOf) > 0 || s.Not != nil {
		return fastParam{}, false, false
	}
	sm, err := p.SerializationMethod()
	if err != nil {
		return fastParam{}, false, false
	}
	out := fastParam{in: p.In, name: p.Name, required: p.Required, schema: s}
	switch p.In {
	case openapi3.ParameterInPath:
		i, found := segments[p.Name]
		if !found || sm.Style != openapi3.SerializationSimple {
			return fastParam{}, false, false
		}
		out.segment = i
	case openapi3.ParameterInHeader:
		if sm.Style != openapi3.SerializationSimple {
			return fastParam{}, false, false
		}
		out.header = http.CanonicalHeaderKey(p.Name)
	case openapi3.ParameterInQuery:
		if sm.Style != openapi3.SerializationForm {
			return fastParam{}, false, false
		}
	default:
		return fastParam{}, false, false // cookies
	}
	types := s.Type.Slice()
	if len(types) != 1 {
		return fastParam{}, false, false
	}
	switch types[0] {
	case openapi3.TypeString:
		out.kind = kindString
		out.anyValue = plainString(s)
	case openapi3.TypeInteger:
		out.kind = kindInteger
		if s.Format == "int32" {
			out.kind = kindInt32
		}
	case openapi3.TypeBoolean:
		out.kind = kindBoolean
	case openapi3.TypeArray, openapi3.TypeObject:
		if p.In != openapi3.ParameterInQuery || !sm.Explode {
			return fastParam{}, false, false
		}
		if types[0] == openapi3.TypeArray && plainStringArray(s) {
			out.kind = kindStringArray
		} else if types[0] == openapi3.TypeObject && plainStringMap(s) && !p.Required {
			// kin-openapi never finds an exploded form object without
			// properties, so a required one is always missing.
			out.kind = kindStringMap
		} else {
			return fastParam{}, false, false
		}
	default:
		return fastParam{}, false, false
	}
	return out, true, true
}

// plainStringArray reports whether s is {type: array, items: {type:
// string}} with nothing else that could reject an array of strings.
func plainStringArray(s *openapi3.Schema) bool {
	if s.Items == nil || s.Items.Value == nil || !stringOnly(s.Items.Value) {
		return false
	}
	c := *s
	c.Items = nil
	return plainString(&c)
}

// plainStringMap reports whether s is {type: object, additionalProperties:
// {type: string}} with nothing else that could reject a map of strings.
func plainStringMap(s *openapi3.Schema) bool {
	ap := s.AdditionalProperties
	if ap.Has != nil || ap.Schema == nil || ap.Schema.Value == nil || !stringOnly(ap.Schema.Value) {
		return false
	}
	c := *s
	c.AdditionalProperties = openapi3.AdditionalProperties{}
	return plainString(&c)
}

// stringOnly reports whether s is exactly {type: string}, annotations
// aside.
func stringOnly(s *openapi3.Schema) bool {
	types := s.Type.Slice()
	return len(types) == 1 && types[0] == openapi3.TypeString && plainString(s)
}

// urlDecoderDelimiter is the byte kin-openapi joins the keys of nested
// object properties with; a query key or value holding it can fail its
// object decoding.
const urlDecoderDelimiter = "\x1F"

// plainString reports whether s is {type: string} with nothing that could
// reject a string: only annotations besides the type.
func plainString(s *openapi3.Schema) bool {
	c := *s
	c.Type = nil
	c.Title, c.Description = "", ""
	c.Example, c.Examples = nil, nil
	c.Extensions = nil
	c.Deprecated = false
	return reflect.DeepEqual(c, openapi3.Schema{})
}

// check judges r, which a router matched to pattern (an absolute path
// template with {name} parameters).
func (f *fastPath) check(r *http.Request, pattern string, query url.Values) verdict {
	if f == nil || r == nil || r.URL == nil {
		return verdictUnknown
	}
	op := f.ops[opKey{r.Method, pattern}]
	if op == nil {
		return verdictUnknown
	}
	// The full validation reads a body even where none is documented, and
	// fails when reading fails.
	if r.Body != nil && r.Body != http.NoBody {
		return verdictUnknown
	}
	var segs [16]string
	path := escapedPath(r.URL)
	n := 0
	for rest, more := path, true; more; n++ {
		if n == len(op.segments) || n == len(segs) {
			return verdictUnknown
		}
		segs[n], rest, more = strings.Cut(rest, "/")
		if lit := op.segments[n]; lit != "" || n == 0 {
			if segs[n] != lit {
				return verdictUnknown
			}
		}
	}
	if n != len(op.segments) {
		return verdictUnknown
	}
	if op.hasQuery && r.URL.RawQuery != "" && query == nil {
		query = r.URL.Query()
	}
	for i := range op.params {
		p := &op.params[i]
		var raw string
		var found bool
		switch p.in {
		case openapi3.ParameterInPath:
			raw = segs[p.segment]
			// A value every string passes needs only its escapes
			// checked, which does not allocate (and a decoded value is
			// empty only when its escaped form is); others are decoded.
			if strings.IndexByte(raw, '%') >= 0 && !(p.anyValue && validEscapes(raw)) {
				decoded, err := url.PathUnescape(raw)
				if err != nil {
					return verdictUnknown
				}
				raw = decoded
			}
			found = raw != ""
		case openapi3.ParameterInQuery:
			switch p.kind {
			case kindStringArray:
				// Every value is an item; kin-openapi takes a lone empty
				// one for no value, which it rejects.
				values := query[p.name]
				if len(values) == 0 && p.required {
					return verdictUnknown
				}
				for _, v := range values {
					if v == "" {
						return verdictUnknown
					}
				}
				continue
			case kindStringMap:
				// Every query parameter is a property: kin-openapi decodes
				// the whole query as the object, whose string values
				// always pass, unless a key or value holds its delimiter
				// or a key is empty (its decoding takes the whole object
				// for the value of the empty name, and fails).
				for k, values := range query {
					if k == "" || strings.Contains(k, urlDecoderDelimiter) {
						return verdictUnknown
					}
					for _, v := range values {
						if strings.Contains(v, urlDecoderDelimiter) {
							return verdictUnknown
						}
					}
				}
				continue
			}
			raw, found = queryValue(query, p.name)
		case openapi3.ParameterInHeader:
			var values []string
			values, found = r.Header[p.header]
			if found {
				if len(values) == 0 {
					return verdictUnknown
				}
				raw = values[0]
			}
		}
		if !found {
			if p.required {
				return verdictReject
			}
			continue
		}
		if raw == "" {
			return verdictUnknown
		}
		if p.anyValue {
			continue
		}
		value, ok := decodePrimitive(p.kind, raw)
		if !ok {
			return verdictReject
		}
		if err := p.schema.VisitJSON(value, f.opts...); err != nil {
			return verdictReject
		}
	}
	return verdictAccept
}

// escapedPath is u.EscapedPath() without its allocations in the common
// case: the path as the client sent it (RawPath), when that spelling is
// made only of characters a path may hold and decodes to Path. Otherwise
// EscapedPath decides, as it would have.
func escapedPath(u *url.URL) string {
	if u.RawPath != "" && plainPathChars(u.RawPath) && unescapesTo(u.RawPath, u.Path) {
		return u.RawPath
	}
	return u.EscapedPath()
}

// plainPathChars reports whether s holds only unreserved characters,
// sub-delimiters, ':', '@', '/' and '%': a subset of what EscapedPath
// accepts in RawPath.
func plainPathChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !pathChar[s[i]] {
			return false
		}
	}
	return true
}

// pathChar marks the bytes plainPathChars accepts.
var pathChar = func() (t [256]bool) {
	for c := range 256 {
		b := byte(c)
		t[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			strings.IndexByte("-._~!$&'()*+,;=:@/%", b) >= 0
	}
	return t
}()

// unescapesTo reports whether the percent-escapes of raw are well formed
// and raw decodes to want, without building the decoded string.
func unescapesTo(raw, want string) bool {
	j := 0
	for i := 0; i < len(raw); j++ {
		c := raw[i]
		if c == '%' {
			var ok bool
			if c, ok = wire.HexPair(raw, i+1); !ok {
				return false
			}
			i += 3
		} else {
			i++
		}
		if j >= len(want) || want[j] != c {
			return false
		}
	}
	return j == len(want)
}

// validEscapes reports whether url.PathUnescape accepts s: every '%'
// starts two hexadecimal digits.
func validEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if _, ok := wire.HexPair(s, i+1); !ok {
				return false
			}
			i += 2
		}
	}
	return true
}

// queryValue is the value kin-openapi takes for a primitive query
// parameter: the first one, or the first non-empty one when the first is
// empty.
func queryValue(q url.Values, name string) (string, bool) {
	values := q[name]
	if len(values) == 0 {
		return "", false
	}
	for _, v := range values {
		if v != "" {
			return v, true
		}
	}
	return "", true
}

func decodePrimitive(kind paramKind, raw string) (any, bool) {
	switch kind {
	case kindInteger:
		v, err := strconv.ParseInt(raw, 10, 64)
		return v, err == nil
	case kindInt32:
		v, err := strconv.ParseInt(raw, 10, 32)
		return int32(v), err == nil
	case kindBoolean:
		v, err := strconv.ParseBool(raw)
		return v, err == nil
	}
	return raw, true
}

// ValidateRouted is ValidateRequest for a request a router has already
// matched to pattern, the absolute path template of its operation with
// {name} parameters ("/admin/session-info/{distinguished-name}"). Its answer
// is always ValidateRequest's: the compiled checks of the operation answer
// the requests they can tell are valid, and every other request, the
// rejected ones included, goes through ValidateRequest.
func (v *Validator) ValidateRouted(ctx context.Context, r *http.Request, pattern string) error {
	return v.ValidateRoutedQuery(ctx, r, pattern, nil)
}

// ValidateRoutedQuery is ValidateRouted for a caller that has parsed the
// request's query already: query is r.URL.Query(), or nil to have it
// parsed here when it is needed.
func (v *Validator) ValidateRoutedQuery(ctx context.Context, r *http.Request, pattern string, query url.Values) error {
	if v.fast.check(r, pattern, query) == verdictAccept {
		return nil
	}
	return v.ValidateRequest(ctx, r)
}
