package yamldoc

import (
	"bytes"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"key indented too little", "- id: a\n  match:\n    vendor: segura\n   bad: 1\n", 4, 0, "did not find expected key"},
		{"mapping in a plain value", "- a: b: c\n", 1, 0, "mapping values are not allowed in this context"},
		{"mapping indented under a value", "a: b\n c: d\n", 2, 0, "mapping values are not allowed in this context"},
		{"tab indentation", "segura:\n\tsessions: []\n", 2, 0, "found character that cannot start any token"},
		{"list item out of line", "segura:\n  sessions:\n    - user: a\n    protocol: ssh\n  - user: b\n", 4, 0, "did not find expected '-' indicator"},
		{"mapping after a list", "- a\nb: 1\n", 2, 0, "did not find expected '-' indicator"},
		{"unclosed quote", "segura:\n  sessions:\n    - user: \"a\n    - user: b\n", 3, 0, "found unexpected end of stream"},
		{"unclosed single quote", "key: 'x\n", 1, 0, "found unexpected end of stream"},
		{"key without colon", "\"a\": 1\n\"b\"", 2, 0, "could not find expected ':'"},
		{"invalid UTF-8", "a: 1\nb: \xff\n", 2, 0, "invalid leading UTF-8 octet"},
		{"control character", "a: 1\nb: c\x01\n", 2, 0, "control characters are not allowed"},
		{"unknown anchor", "a: 1\nb: *one\n", 2, 0, "unknown anchor 'one' referenced"},
		{"empty flow value at the end", "a: [\n", 1, 0, "did not find expected node content"},
		// A flow collection is reported where it opens, or where the
		// problem is, never past the last line.
		{"unclosed flow list", "segura:\n  sessions: [\n    {user: a}\n", 2, 0, "did not find expected ',' or ']'"},
		{"unclosed flow list on the first line", "[a, b\n", 1, 0, "did not find expected ',' or ']'"},
		{"unclosed flow mapping", "a: {b: 1\n", 1, 0, "did not find expected ',' or '}'"},
		{"JSON missing a bracket", "{\"a\": [1,\n 2\n}\n", 3, 0, "did not find expected ',' or ']'"},
		// Problems of the parser, which counts lines from 0.
		{"duplicate directive", "%YAML 1.1\n%YAML 1.1\n---\na\n", 2, 0, "found duplicate %YAML directive"},
		{"incompatible version", "%YAML 2.0\n---\na\n", 1, 0, "found incompatible YAML document"},
		{"undefined tag handle", "a: 1\nb: !x!y a\n", 2, 0, "found undefined tag handle"},
		// Lines end as the YAML library ends them.
		{"CR line ends", "a: 1\rb: 2\r  c: 3\r", 3, 0, "mapping values are not allowed in this context"},
		{"CR LF line ends", "a: 1\r\nb: 2\r\n  c: 3\r\nd: 4\r\n", 3, 0, "mapping values are not allowed in this context"},
		{"NEL line ends", "a: 1\u0085b: 2\u0085  c: 3\u0085", 3, 0, "mapping values are not allowed in this context"},
		{"LS line end", "a: 1\u2028b: c: d", 2, 0, "mapping values are not allowed in this context"},
		{"CR and a flow list", "[a, b\r", 1, 0, "did not find expected ',' or ']'"},
		// Not syntax errors, but more than one document.
		{"two documents", "a: 1\n---\nb: 2\n", 2, 1, "only one YAML document is allowed"},
		{"empty second document", "a: 1\n---\n", 2, 1, "only one YAML document is allowed"},
		{"second document after blank lines", "a: 1\n\n\n--- [x]\n", 4, 1, "only one YAML document is allowed"},
		{"second document after CR", "0\r---", 2, 1, "only one YAML document is allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := parse("f.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error (root %v), want %d:%d %q", root, tt.line, tt.col, tt.msg)
			}
			if root != nil {
				t.Errorf("root %v with an error", root)
			}
			want := Error{File: "f.yaml", Line: tt.line, Column: tt.col, Msg: tt.msg}
			if *err != want {
				t.Errorf("error %+v, want %+v", *err, want)
			}
		})
	}
}

func TestParseNoDocument(t *testing.T) {
	for _, in := range []string{"", "\n", "# only a comment\n", "  \n# a\n\n"} {
		root, err := parse("f.yaml", []byte(in))
		if err != nil || root != nil {
			t.Errorf("parse(%q) = %v, %v; want nil, nil", in, root, err)
		}
	}
}

func TestParseRoot(t *testing.T) {
	tests := []struct {
		name, in  string
		kind      yaml.Kind
		tag       string
		line, col int
	}{
		{"mapping", "# head\n\nseed: 1\n", yaml.MappingNode, "!!map", 3, 1},
		{"list", "- a\n- b\n", yaml.SequenceNode, "!!seq", 1, 1},
		{"JSON", "  {\"a\": [1, 2]}", yaml.MappingNode, "!!map", 1, 3},
		{"explicit null", "~\n", yaml.ScalarNode, "!!null", 1, 1},
		{"document marker only", "---\n", yaml.ScalarNode, "!!null", 2, 1},
		{"one document with markers", "---\na: 1\n...\n", yaml.MappingNode, "!!map", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := parse("f.yaml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if root == nil {
				t.Fatal("no root")
			}
			if root.Kind != tt.kind || root.ShortTag() != tt.tag || root.Line != tt.line || root.Column != tt.col {
				t.Errorf("root kind %v tag %s at %d:%d, want kind %v tag %s at %d:%d",
					root.Kind, root.ShortTag(), root.Line, root.Column, tt.kind, tt.tag, tt.line, tt.col)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "c.yaml", Line: 4, Column: 25, Path: "faults[2].when", Msg: "bad"}, "c.yaml:4:25: faults[2].when: bad"},
		{Error{File: "c.yaml", Line: 2, Column: 1, Msg: "only one YAML document is allowed"}, "c.yaml:2:1: only one YAML document is allowed"},
		{Error{File: "c.yaml", Line: 3, Msg: "did not find expected key"}, "c.yaml:3: did not find expected key"},
		{Error{File: "c.yaml", Column: 7, Msg: "no line, so no column"}, "c.yaml: no line, so no column"},
		{Error{Line: 1, Msg: "unnamed"}, "YAML:1: unnamed"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "a: 1\n", "- id: a\n  match:\n    vendor: segura\n   bad: 1\n", "[a, b\n", "a: {b: 1\n",
		"a: 1\n---\nb: 2\n", "x: \"open\n\n\n", "a: &x [*x]\n", "a: *x\n", "%YAML 2.0\n---\na\n",
		"{\"a\": [1,\n 2\n}\n", "a: 1\nb: \xff\n", "\t", "- a\nb: 1\n", "a: 1\rb: 2\r  c: 3\r",
		"a: 1\u2028b: c: d", "\xff\xfea\x00:\x00 \x00[\x00\n\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := parse("fuzz.yaml", data)
		if err == nil {
			return
		}
		if root != nil {
			t.Errorf("root with error %v", err)
		}
		// The library reads UTF-16 as UTF-8, so the breaks of the bytes
		// given bound the line only for UTF-8.
		lines := len(lineBreaks(data)) + 1
		if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
			lines = len(data) + 1
		}
		if err.File != "fuzz.yaml" || err.Msg == "" || err.Line < 1 || err.Line > lines || err.Column < 0 {
			t.Errorf("imprecise error %+v for at most %d lines", *err, lines)
		}
	})
}
