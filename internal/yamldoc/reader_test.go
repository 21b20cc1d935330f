package yamldoc

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var testKeys = &Keys{Names: []string{"name", "port", "tags", "on", "ratio"}}

// readTest reads a mapping of testKeys the way the document readers do.
func readTest(r *Reader, root *yaml.Node) {
	for _, e := range r.Mapping(root, "", testKeys) {
		switch e.Key {
		case "name":
			r.String(e.Value, e.Path)
		case "port":
			r.Int(e.Value, e.Path, 1, 65535, "")
		case "tags":
			for i, it := range r.Sequence(e.Value, e.Path) {
				r.String(it, Index(e.Path, i))
			}
		case "on":
			r.Bool(e.Value, e.Path)
		case "ratio":
			r.Number(e.Value, e.Path, 0, 1, "")
		}
	}
}

func TestReaderReportsEveryMistake(t *testing.T) {
	doc := `name: [a]
prot: 80
port: 70000
tags: [x, {y: 1}]
on: "true"
ratio: 1.5
name: b
[k]: 1
<<: {a: 1}
`
	r := NewReader("t.yaml")
	readTest(r, r.Parse([]byte(doc)))
	want := strings.Join([]string{
		`t.yaml:1:7: name: a list is not a string; want a string`,
		`t.yaml:2:1: unknown key "prot" (did you mean "port"?); want one of name, port, tags, on, ratio`,
		`t.yaml:3:7: port: 70000 is above the maximum; want a whole number from 1 to 65535`,
		`t.yaml:4:11: tags[1]: a mapping is not a string; want a string`,
		`t.yaml:5:5: on: the string "true" is not true or false; want true or false`,
		`t.yaml:6:8: ratio: 1.5 is above the maximum; want a number from 0 to 1`,
		`t.yaml:7:1: duplicate key "name"; each key may appear only once (first at line 1)`,
		`t.yaml:8:1: a list is not a string key; want a string key`,
		`t.yaml:9:1: merge keys (<<) are not supported; write the keys out`,
	}, "\n")
	err := r.Err()
	if err == nil || err.Error() != want {
		t.Fatalf("error\n%v\nwant\n%s", err, want)
	}
	var first *Error
	if !errors.As(err, &first) || first.Line != 1 || first.Column != 7 || first.Path != "name" {
		t.Errorf("errors.As found %+v, want the first mistake", first)
	}
	var list *ErrorList
	if !errors.As(err, &list) || list.Len() != 9 || r.Mistakes() != 9 {
		t.Errorf("list %+v, %d mistakes", list, r.Mistakes())
	}
}

func TestReaderCleanDocument(t *testing.T) {
	r := NewReader("t.yaml")
	readTest(r, r.Parse([]byte("name: a\nport: 0x50\ntags: [x, 2]\non: true\nratio: 1\n")))
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	// YAML 1.2 reads "yes" as a string, so it is no boolean.
	r = NewReader("t.yaml")
	readTest(r, r.Parse([]byte("on: yes\n")))
	if err := r.Err(); err == nil || err.Error() != `t.yaml:1:5: on: "yes" is not true or false; want true or false` {
		t.Fatalf("error %v", err)
	}
}

func TestReaderBound(t *testing.T) {
	var b strings.Builder
	for i := range MaxErrors + 5 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	r := NewReader("t.yaml")
	r.Mapping(r.Parse([]byte(b.String())), "", &Keys{Names: []string{"name"}})
	var list *ErrorList
	if !errors.As(r.Err(), &list) || len(list.Errors) != MaxErrors || list.More != 5 {
		t.Fatalf("got %+v", list)
	}
	lines := strings.Split(list.Error(), "\n")
	if len(lines) != MaxErrors+1 || lines[MaxErrors] != "and 5 more" || lines[0] != `t.yaml:1:1: unknown key "k0"; want name` {
		t.Errorf("text %q ... %q", lines[0], lines[len(lines)-1])
	}
}

func TestReaderSortsByPosition(t *testing.T) {
	r := NewReader("t.yaml")
	root := r.Parse([]byte("a: 1\nb: 2\n"))
	r.Failf(root.Content[3], "b", "second")
	r.Failf(root.Content[1], "a", "first")
	r.Failf(root.Content[3], "b", "third")
	if got := r.Err().Error(); got != "t.yaml:1:4: a: first\nt.yaml:2:4: b: second\nt.yaml:2:4: b: third" {
		t.Errorf("order:\n%s", got)
	}
}

func TestReaderSyntaxError(t *testing.T) {
	r := NewReader("t.yaml")
	if root := r.Parse([]byte("a: b: c\n")); root != nil {
		t.Fatal("root for a syntax error")
	}
	if got := r.Err().Error(); got != "t.yaml:1: mapping values are not allowed in this context" {
		t.Errorf("error %q", got)
	}
	r = NewReader("t.yaml")
	if root := r.Parse([]byte("# nothing\n")); root != nil || r.Err() != nil {
		t.Errorf("empty document: %v, %v", root, r.Err())
	}
}

func TestReaderAliases(t *testing.T) {
	r := NewReader("t.yaml")
	root := r.Parse([]byte("base: &b [x, y]\ntags: *b\nname: &n z\nport: *n\n"))
	entries := r.Mapping(root, "", nil)
	if len(entries) != 4 || entries[1].Value.Kind != yaml.SequenceNode || entries[3].Value.Value != "z" {
		t.Fatalf("entries %+v", entries)
	}
	if _, ok := r.Int(entries[3].Value, "port", 0, 1, ""); ok || r.Err().Error() != `t.yaml:3:7: port: "z" is not a whole number; want a whole number from 0 to 1` {
		t.Errorf("alias reported as %v", r.Err())
	}
}

// aliasBomb nests aliases so that a naive walk visits 10^9 nodes.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for k := 1; k <= 9; k++ {
		p := fmt.Sprintf("*a%d", k-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", k, k, strings.Repeat(p+", ", 9)+p)
	}
	return b.String()
}

func TestReaderNodeBound(t *testing.T) {
	r := NewReader("t.yaml")
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		for i, it := range r.Sequence(n, path) {
			if it.Kind == yaml.SequenceNode {
				walk(it, Index(path, i))
			}
		}
	}
	for _, e := range r.Mapping(r.Parse([]byte(aliasBomb())), "", nil) {
		walk(e.Value, e.Path)
	}
	var list *ErrorList
	if !errors.As(r.Err(), &list) || list.Len() != 1 || !strings.HasSuffix(list.Errors[0].Msg, "more than 200000 nodes; use fewer aliases") {
		t.Fatalf("error %v", r.Err())
	}
	if r.nodes != MaxNodes+1 {
		t.Errorf("visited %d nodes", r.nodes)
	}
}

func TestReaderMerge(t *testing.T) {
	inner := NewReader("t.yaml")
	for i := range MaxErrors + 2 {
		inner.Failf(&yaml.Node{Line: 10 + i, Column: 1}, "faults", "bad %d", i)
	}
	r := NewReader("t.yaml")
	r.Failf(&yaml.Node{Line: 2, Column: 1}, "seed", "bad seed")
	r.Merge(inner.Err())
	r.Merge(nil)
	r.Merge(&Error{File: "t.yaml", Line: 1, Msg: "one"})
	r.Merge(errors.New("plain"))
	var list *ErrorList
	if !errors.As(r.Err(), &list) || list.Len() != MaxErrors+5 || len(list.Errors) != MaxErrors || list.More != 5 {
		t.Fatalf("merged %+v", list)
	}
	if list.Errors[0].Msg != "bad seed" || list.Errors[1].Msg != "bad 0" {
		t.Errorf("first %v, %v", list.Errors[0], list.Errors[1])
	}
	// Below the bound, mistakes from elsewhere keep their place.
	r = NewReader("t.yaml")
	r.Failf(&yaml.Node{Line: 2, Column: 1}, "seed", "bad seed")
	r.Merge(&Error{File: "t.yaml", Line: 1, Msg: "one"})
	r.Merge(errors.New("plain"))
	if got := r.Err().Error(); got != "t.yaml: plain\nt.yaml:1: one\nt.yaml:2:1: seed: bad seed" {
		t.Errorf("merged:\n%s", got)
	}
}

func TestUnknownKeyHint(t *testing.T) {
	keys := &Keys{Names: []string{"clients"}, Hint: func(key string) string {
		if key == "seed" {
			return "it is a top-level key"
		}
		return ""
	}}
	for key, want := range map[string]string{
		"seed":   `unknown key "seed" (it is a top-level key); want clients`,
		"client": `unknown key "client" (did you mean "clients"?); want clients`,
		"other":  `unknown key "other"; want clients`,
	} {
		if got := unknownKey(key, keys); got != want {
			t.Errorf("unknownKey(%q) = %q, want %q", key, got, want)
		}
	}
	if got := unknownKey("port", &Keys{Names: []string{"addr"}, Want: "a flag name"}); got != `unknown key "port"; want a flag name` {
		t.Errorf("with Want: %q", got)
	}
}

func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"name: [a]\nprot: 80\nport: 70000\n", "tags: [x, {y: 1}]\non: \"true\"\n", aliasBomb(),
		"<<: {a: 1}\n[k]: 1\n", "ratio: .nan\nport: 0x10\n", "a: &a [*a]\n", "{\"name\": 1, \"name\": 2}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader("fuzz.yaml")
		if root := r.Parse(data); root != nil {
			readTest(r, root)
		}
		err := r.Err()
		if err == nil {
			return
		}
		var list *ErrorList
		if !errors.As(err, &list) || len(list.Errors) == 0 || len(list.Errors) > MaxErrors {
			t.Fatalf("error %T %v", err, err)
		}
		for _, e := range list.Errors {
			if e.File != "fuzz.yaml" || e.Line < 1 || e.Msg == "" {
				t.Fatalf("imprecise mistake %+v", *e)
			}
		}
	})
}

// TestReaderNumberWords: numbers are refused in the words of the flags'
// parsers (package cli), whatever the YAML library makes of them.
func TestReaderNumberWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, wantInt, wantNumber string }{
		{"[1]", "a list is not a whole number; want a whole number from 0 to 10", "a list is not a number; want a number from 0 to 1"},
		{"lots", `"lots" is not a whole number; want a whole number from 0 to 10`, `"lots" is not a number; want a number from 0 to 1`},
		{`"5"`, `the string "5" is not a whole number; want a whole number from 0 to 10`, `the string "5" is not a number; want a number from 0 to 1`},
		{"1.5", `"1.5" is not a whole number; want a whole number from 0 to 10`, "1.5 is above the maximum; want a number from 0 to 1"},
		{"-1", "-1 is below the minimum; want a whole number from 0 to 10", "-1 is below the minimum; want a number from 0 to 1"},
		{"99999999999999999999", "99999999999999999999 is above the maximum; want a whole number from 0 to 10", "99999999999999999999 is above the maximum; want a number from 0 to 1"},
		{"-99999999999999999999", "-99999999999999999999 is below the minimum; want a whole number from 0 to 10", "-99999999999999999999 is below the minimum; want a number from 0 to 1"},
		{".inf", `".inf" is not a whole number; want a whole number from 0 to 10`, `".inf" is not a number; want a number from 0 to 1`},
		{".nan", `".nan" is not a whole number; want a whole number from 0 to 10`, `".nan" is not a number; want a number from 0 to 1`},
	}
	for _, tt := range tests {
		r := NewReader("t.yaml")
		n := r.Parse([]byte("v: " + tt.in + "\n")).Content[1]
		if _, ok := r.Int(n, "v", 0, 10, ""); ok {
			t.Errorf("Int(%s) accepted", tt.in)
		}
		if _, ok := r.Number(n, "v", 0, 1, ""); ok {
			t.Errorf("Number(%s) accepted", tt.in)
		}
		var list *ErrorList
		if !errors.As(r.Err(), &list) || len(list.Errors) != 2 {
			t.Fatalf("%s: %v", tt.in, r.Err())
		}
		if got := list.Errors[0].Msg; got != tt.wantInt {
			t.Errorf("Int(%s): %q, want %q", tt.in, got, tt.wantInt)
		}
		if got := list.Errors[1].Msg; got != tt.wantNumber {
			t.Errorf("Number(%s): %q, want %q", tt.in, got, tt.wantNumber)
		}
	}
}
