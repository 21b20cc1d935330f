package openapi

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// maxValueLen bounds how much of an offending value an error message quotes.
const maxValueLen = 80

// maxProblems bounds how many schema violations one message lists. A list of
// thousands of records sharing one defect would otherwise yield megabytes of text
// (and most of the time spent validating would go into writing it).
const maxProblems = 10

// validationError carries a one-line message while keeping the kin-openapi error
// chain (routers.ErrPathNotFound, *openapi3filter.RequestError, ...) reachable
// through errors.Is and errors.As.
type validationError struct {
	msg string
	err error
}

func (e *validationError) Error() string { return e.msg }
func (e *validationError) Unwrap() error { return e.err }

// readable wraps err, prefixed with context, into a one-line error.
func readable(context string, err error) error {
	if err == nil {
		return nil
	}
	msg := oneLine(message(err))
	if context != "" {
		msg = context + ": " + msg
	}
	return &validationError{msg: msg, err: err}
}

// message is err.Error() with long lists of schema violations cut short.
func message(err error) string {
	switch e := err.(type) {
	case *openapi3filter.ResponseError:
		if me, ok := e.Err.(openapi3.MultiError); ok {
			return e.Reason + ": " + summarize(me)
		}
	case openapi3.MultiError:
		return summarize(e)
	}
	return err.Error()
}

func summarize(me openapi3.MultiError) string {
	problems := flatten(nil, me)
	shown := problems[:min(len(problems), maxProblems)]
	parts := make([]string, 0, len(shown)+1)
	for _, p := range shown {
		parts = append(parts, p.Error())
	}
	if more := len(problems) - len(shown); more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more problems", more))
	}
	return strings.Join(parts, " | ")
}

func flatten(dst []error, me openapi3.MultiError) []error {
	for _, err := range me {
		if nested, ok := err.(openapi3.MultiError); ok {
			dst = flatten(dst, nested)
			continue
		}
		dst = append(dst, err)
	}
	return dst
}

// oneLine joins the lines of s, dropping their indentation; spaces inside a line
// (inside quoted values, say) are kept.
func oneLine(s string) string {
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, line := range lines {
		if line = strings.TrimSpace(line); line != "" {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, " ")
}

// schemaMessage renders a schema violation as the JSON pointer of the offending
// value, what the schema expects and the value that was found. kin-openapi's own
// rendering spans many lines and dumps the whole schema.
func schemaMessage(e *openapi3.SchemaError) string {
	var b strings.Builder
	b.WriteString("at ")
	b.WriteString(pointer(e.JSONPointer()))
	b.WriteString(": ")
	switch {
	case e.Reason != "":
		b.WriteString(e.Reason)
	case e.SchemaField != "":
		fmt.Fprintf(&b, "doesn't match %q", e.SchemaField)
	default:
		b.WriteString("doesn't match the schema")
	}
	if e.SchemaField == "oneOf" || e.SchemaField == "allOf" {
		// The reasons of the alternatives tell the reader what to fix; they name
		// the offending values themselves.
		if e.Origin != nil {
			b.WriteString(" [")
			b.WriteString(strings.TrimPrefix(oneLine(e.Origin.Error()), "doesn't match schema due to: "))
			b.WriteString("]")
			return b.String()
		}
	}
	if e.SchemaField == "required" {
		return b.String()
	}
	b.WriteString(" (got ")
	b.WriteString(describeValue(e))
	b.WriteString(")")
	return b.String()
}

func pointer(path []string) string {
	if len(path) == 0 {
		return "/"
	}
	esc := strings.NewReplacer("~", "~0", "/", "~1")
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(esc.Replace(p))
	}
	return b.String()
}

func describeValue(e *openapi3.SchemaError) string {
	if e.Schema != nil && e.Schema.Format == "password" {
		return "a value that is not shown"
	}
	switch e.Value.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	data, err := json.Marshal(e.Value)
	if err != nil {
		return fmt.Sprintf("%v", e.Value)
	}
	if runes := []rune(string(data)); len(runes) > maxValueLen {
		return string(runes[:maxValueLen]) + "..."
	}
	return string(data)
}
