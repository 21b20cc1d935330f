package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// parse reads exactly one YAML (or JSON) document and returns its root
// node, or nil when the input holds no document (empty, or only
// comments). A second document is an error at its start. name labels
// errors only.
func parse(name string, data []byte) (root *yaml.Node, perr *Error) {
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
