package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a problem in a document and where it is. Parse returns it for
// the document as a whole (a syntax error, a second document, a failure of
// the parser); callers that check the values inside add the Path of the
// one at fault, and usually copy the fields into their own error type.
type Error struct {
	File   string // as given to Parse
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when unknown, as for syntax errors
	Path   string // of the value, such as faults[2].when; empty for the document
	Msg    string
}

// Error returns "file:line:column: path: message", leaving out what is
// unknown, the form editors and terminals recognise.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.File == "" {
		b.WriteString("YAML")
	}
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Parse reads exactly one YAML (or JSON) document and returns its root
// node, or nil when the input holds no document (empty, or only
// comments). A second document is an error at its start. name labels
// errors only.
func Parse(name string, data []byte) (root *yaml.Node, perr *Error) {
	defer func() {
		// The YAML library reports errors by panicking and recovering
		// inside; this catches any input it does not anticipate.
		if r := recover(); r != nil {
			root, perr = nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("YAML parser failed: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(name, data, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &Error{File: name, Line: next.Line, Column: next.Column, Msg: "only one YAML document is allowed"}
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(name, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}
