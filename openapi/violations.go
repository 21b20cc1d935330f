package openapi

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// MaxViolations bounds the violations reported for one body. A list of
// thousands of records sharing one defect says no more with all of them
// (and most of the time spent validating would go into writing it).
const MaxViolations = 10

// maxValueLen bounds how much of an offending value a violation quotes.
const maxValueLen = 80

// Violation is one way a body departs from its schema. The validators'
// error messages and the contract suite's reports are both rendered from
// it, so a problem reads the same everywhere.
type Violation struct {
	// Path is the offending value's place in the body, one element per
	// key or index; empty is the whole body.
	Path []string
	// Expected says what the schema asks for: "type string",
	// `one of ["Yes","No"]`, "the required property to be present".
	Expected string
	// Got describes the value found, short: 3, "no", an object, nothing.
	Got string
	// Reason is the validator's own sentence for the problem, "value must
	// be a string".
	Reason string
	// line is the one-line form, as String returns it.
	line string
}

// Pointer is Path as an RFC 6901 JSON pointer ("" is the whole body).
func (v Violation) Pointer() string { return JSONPointer(v.Path) }

// String reads "at /remote_sessions/0/id: value must be a string (got 3)",
// the form of the validators' error messages.
func (v Violation) String() string { return v.line }

// Violations returns the problems a validation error of this package
// reports, in order and nested lists flattened: at most MaxViolations of
// them, and how many more there were. A problem that is not about the
// schema of a value (a body that does not parse, say) is one violation
// with the error's text as Got.
func Violations(err error) (vs []Violation, more int) {
	c := collector{max: MaxViolations}
	c.collect(err)
	return c.out, c.more
}

// Summary joins violations into one line, "at /a: ... | at /b: ... | and
// 3 more problems".
func Summary(vs []Violation, more int) string {
	parts := make([]string, 0, len(vs)+1)
	for _, v := range vs {
		parts = append(parts, v.String())
	}
	if more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more problems", more))
	}
	return strings.Join(parts, " | ")
}

// collector gathers the violations of an error: the first max of them
// rendered, the others only counted, since rendering is most of the cost
// of a body with thousands of problems.
type collector struct {
	max  int // 0: no bound
	out  []Violation
	more int
}

func (c *collector) add(render func() Violation) {
	if c.max > 0 && len(c.out) >= c.max {
		c.more++
		return
	}
	c.out = append(c.out, render())
}

func (c *collector) collect(err error) {
	switch e := err.(type) {
	case nil:
		return
	case openapi3.MultiError:
		for _, inner := range e {
			c.collect(inner)
		}
		return
	case *openapi3.SchemaError:
		c.add(func() Violation { return schemaViolation(e) })
		return
	case *openapi3filter.ResponseError:
		if e.Err != nil {
			c.collect(e.Err)
			return
		}
		c.add(func() Violation { return otherViolation("a body valid against the schema", e.Reason, e.Error()) })
		return
	case *openapi3filter.ParseError:
		c.add(func() Violation {
			return otherViolation("a JSON document", "a body that does not parse: "+e.Error(), e.Error())
		})
		return
	}
	if many, ok := err.(interface{ Unwrap() []error }); ok {
		for _, inner := range many.Unwrap() {
			c.collect(inner)
		}
		return
	}
	if inner := errors.Unwrap(err); inner != nil {
		c.collect(inner)
		return
	}
	c.add(func() Violation { return otherViolation("a body valid against the schema", err.Error(), err.Error()) })
}

func otherViolation(expected, got, reason string) Violation {
	return Violation{Expected: expected, Got: got, Reason: reason, line: oneLine(reason)}
}

// schemaViolation renders one schema error. kin-openapi's own rendering
// spans many lines and dumps the whole schema.
func schemaViolation(e *openapi3.SchemaError) Violation {
	v := Violation{Path: e.JSONPointer(), Got: describeValue(e), Reason: e.Reason}
	if v.Reason == "" {
		v.Reason = "doesn't match the schema"
		if e.SchemaField != "" {
			v.Reason = fmt.Sprintf("doesn't match %q", e.SchemaField)
		}
	}
	s := e.Schema
	switch e.SchemaField {
	case "type":
		v.Expected = typeOf(s)
	case "required":
		v.Expected, v.Got = "the required property to be present", "nothing"
	case "pattern":
		v.Expected = fmt.Sprintf("a string matching %s", s.Pattern)
	case "enum":
		enum, _ := json.Marshal(s.Enum)
		v.Expected = "one of " + string(enum)
	case "format":
		v.Expected = fmt.Sprintf("a string of format %q", s.Format)
	case "nullable":
		v.Expected = "a value other than null"
	case "oneOf", "anyOf", "allOf":
		v.Expected = fmt.Sprintf("a value matching the %s alternatives", e.SchemaField)
	default:
		v.Expected = e.Reason
		if v.Expected == "" {
			v.Expected = fmt.Sprintf("a value satisfying %q", e.SchemaField)
		}
	}

	var b strings.Builder
	b.WriteString("at ")
	b.WriteString(cmp.Or(v.Pointer(), "/"))
	b.WriteString(": ")
	b.WriteString(v.Reason)
	switch {
	case (e.SchemaField == "oneOf" || e.SchemaField == "allOf" || e.SchemaField == "anyOf") && e.Origin != nil:
		// The problems of the alternatives tell the reader what to fix;
		// they name the offending values themselves.
		inner := collector{max: MaxViolations}
		inner.collect(e.Origin)
		parts := make([]string, 0, len(inner.out))
		for _, iv := range inner.out {
			parts = append(parts, cmp.Or(iv.Pointer(), "body")+": expected "+iv.Expected+", got "+iv.Got)
		}
		if len(parts) > 0 {
			v.Got += " (" + strings.Join(parts, "; ") + ")"
		}
		if e.SchemaField != "anyOf" {
			b.WriteString(" [")
			b.WriteString(strings.TrimPrefix(oneLine(e.Origin.Error()), "doesn't match schema due to: "))
			b.WriteString("]")
			v.line = b.String()
			return v
		}
	case e.SchemaField == "required":
		v.line = b.String()
		return v
	}
	b.WriteString(" (got ")
	b.WriteString(describeValue(e))
	b.WriteString(")")
	v.line = b.String()
	return v
}

// schemaMessage is the message of a schema error in this package's
// validations (kin-openapi's error message customizer).
func schemaMessage(e *openapi3.SchemaError) string { return schemaViolation(e).line }

func typeOf(s *openapi3.Schema) string {
	if s == nil || s.Type == nil {
		return "another type"
	}
	t := strings.Join(s.Type.Slice(), " or ")
	if s.Nullable {
		t += " or null"
	}
	return "type " + t
}

// JSONPointer renders path as an RFC 6901 pointer ("" is the whole
// document).
func JSONPointer(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(p))
	}
	return b.String()
}

// pointerEscaper escapes a pointer's reference tokens; built once, as a
// Replacer is costly to build and cheap to use.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// describeValue quotes the offending value of a schema error, short
// enough for a one-line message; a password is not shown.
func describeValue(e *openapi3.SchemaError) string {
	if e.Schema != nil && e.Schema.Format == "password" {
		return "a value that is not shown"
	}
	return DescribeValue(e.Value)
}

// DescribeValue quotes a JSON value short enough for a one-line report:
// objects and arrays by their kind, anything else as JSON, cut after
// 80 characters.
func DescribeValue(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	if runes := []rune(string(data)); len(runes) > maxValueLen {
		return string(runes[:maxValueLen]) + "..."
	}
	return string(data)
}
