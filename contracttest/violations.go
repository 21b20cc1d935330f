package contracttest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// maxViolations bounds the violations listed for one exchange: a list of
// thousands of records sharing one defect says no more with all of them.
const maxViolations = 20

// maxGot bounds how much of an offending value a violation quotes.
const maxGot = 120

// schemaViolations turns a validation error of package openapi into one
// Violation per schema problem, each with its JSON pointer.
func schemaViolations(err error) []Violation {
	var out []Violation
	collectViolations(err, &out)
	if len(out) > maxViolations {
		more := len(out) - maxViolations
		out = append(out[:maxViolations], Violation{In: "body", Expected: "no further violations",
			Got: fmt.Sprintf("%d more", more)})
	}
	return out
}

func collectViolations(err error, out *[]Violation) {
	switch e := err.(type) {
	case nil:
		return
	case openapi3.MultiError:
		for _, inner := range e {
			collectViolations(inner, out)
		}
		return
	case *openapi3.SchemaError:
		*out = append(*out, fromSchemaError(e))
		return
	case *openapi3filter.ResponseError:
		if e.Err != nil {
			collectViolations(e.Err, out)
			return
		}
		*out = append(*out, Violation{In: "body", Expected: "a body valid against the schema", Got: e.Reason})
		return
	case *openapi3filter.ParseError:
		*out = append(*out, Violation{In: "body", Expected: "a JSON document", Got: "a body that does not parse: " + e.Error()})
		return
	}
	if many, ok := err.(interface{ Unwrap() []error }); ok {
		for _, inner := range many.Unwrap() {
			collectViolations(inner, out)
		}
		return
	}
	if inner := errors.Unwrap(err); inner != nil {
		collectViolations(inner, out)
		return
	}
	*out = append(*out, Violation{In: "body", Expected: "a body valid against the schema", Got: err.Error()})
}

func fromSchemaError(e *openapi3.SchemaError) Violation {
	v := Violation{In: "body", Pointer: jsonPointer(e.JSONPointer()), Got: describeValue(e.Value)}
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
		if e.Origin != nil {
			var inner []Violation
			collectViolations(e.Origin, &inner)
			parts := make([]string, 0, len(inner))
			for _, iv := range inner {
				parts = append(parts, iv.String())
			}
			if len(parts) > 0 {
				v.Got += " (" + strings.Join(parts, "; ") + ")"
			}
		}
	default:
		v.Expected = e.Reason
		if v.Expected == "" {
			v.Expected = fmt.Sprintf("a value satisfying %q", e.SchemaField)
		}
	}
	return v
}

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

// jsonPointer renders path as an RFC 6901 pointer ("" is the whole document).
func jsonPointer(path []string) string {
	esc := strings.NewReplacer("~", "~0", "/", "~1")
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(esc.Replace(p))
	}
	return b.String()
}

// invalidJSON is the violation of a body that is not one JSON value.
func invalidJSON(body []byte) (Violation, bool) {
	if json.Valid(body) {
		return Violation{}, false
	}
	var v any
	err := json.Unmarshal(body, &v)
	got := "a body that is not JSON"
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		got = fmt.Sprintf("a body that is not JSON (%v, at byte %d)", syn, syn.Offset)
	case err != nil:
		got = fmt.Sprintf("a body that is not JSON (%v)", err)
	}
	return Violation{In: "body", Expected: "one JSON document", Got: got}, true
}

// describeValue quotes a value short enough for a one-line report.
func describeValue(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object with " + plural(len(v), "property", "properties")
	case []any:
		return "an array of " + plural(len(v), "item", "items")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(string(b), maxGot)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}
