package contracttest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// scanAll feeds body to a scanner in pieces of n bytes.
func scanAll(body []byte, n int, truncated bool) scanned {
	s := newJSONScanner()
	for len(body) > 0 {
		k := min(n, len(body))
		_, _ = s.Write(body[:k])
		body = body[k:]
	}
	return s.finish(truncated)
}

func TestScanKeepsValidJSON(t *testing.T) {
	t.Parallel()
	bodies := []string{
		`{}`, `[]`, `0`, `-0.5e+10`, `"x"`, `true`, `null`, ` { "a" : [ 1 , 2.50 , -3E2 ] , "b" : { } } `,
		`{"s":"\u00e9\n\"\\\/","n":null,"t":true,"f":false,"x":[[],[{}]]}`,
		"{\n  \"pretty\": [\n    1,\n    2\n  ]\n}\n",
		`{"key order":2,"a":1}`, `"caf\u00e9 \ud83d\ude00"`, "\"\xff invalid UTF-8 is JSON to Go\"",
	}
	for _, b := range bodies {
		for _, n := range []int{1, 3, 1 << 20} {
			res := scanAll([]byte(b), n, false)
			if res.syntax != "" || res.bound != "" || res.kept == nil {
				t.Fatalf("%q in pieces of %d: syntax %q bound %q", b, n, res.syntax, res.bound)
			}
			var want, got any
			if err := json.Unmarshal([]byte(b), &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(res.kept, &got); err != nil {
				t.Fatalf("%q: kept %q is not JSON: %v", b, res.kept, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: kept %q decodes to %v, want %v", b, res.kept, got, want)
			}
			if res.size != int64(len(b)) {
				t.Fatalf("%q: size %d", b, res.size)
			}
		}
	}
}

func TestScanSyntaxErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ body, want string }{
		{`{"a":1`, "unexpected end of the body after 6 bytes"},
		{`{"a" 1}`, "invalid character '1' after an object key at byte 6"},
		{`[1,]`, "invalid character ']' looking for the beginning of a value at byte 4"},
		{`{"a":1,}`, "invalid character '}' looking for an object key at byte 8"},
		{`[1 2]`, "invalid character '2' after a value in an array at byte 4"},
		{`{"a":1} x`, "invalid character 'x' after the JSON value at byte 9"},
		{`01`, "invalid character '1' after the JSON value at byte 2"},
		{`-`, "unexpected end of the body after 1 bytes"},
		{`1.`, "unexpected end of the body after 2 bytes"},
		{`[1.e5]`, "invalid character 'e' in a number at byte 4"},
		{`tru`, "unexpected end of the body after 3 bytes"},
		{`trux`, "invalid character 'x' in literal true at byte 4"},
		{`"a\qb"`, `invalid escape \q in a string at byte 4`},
		{`"\u12g4"`, "invalid character 'g' in a \\u escape at byte 6"},
		{"\"a\tb\"", "control character byte 0x09 in a string at byte 3"},
		{"<html>", "invalid character '<' looking for the beginning of a value at byte 1"},
		{"\xef\xbb\xbf{}", "invalid character byte 0xef looking for the beginning of a value at byte 1"},
	}
	for _, tt := range tests {
		res := scanAll([]byte(tt.body), 2, false)
		if res.syntax != tt.want {
			t.Errorf("%q: syntax %q, want %q", tt.body, res.syntax, tt.want)
		}
		if res.kept != nil || json.Valid([]byte(tt.body)) {
			t.Errorf("%q: kept %q, or the case is valid JSON", tt.body, res.kept)
		}
	}
	if res := scanAll(nil, 1, false); res.syntax != "" || res.kept != nil || res.size != 0 {
		t.Errorf("empty body: %+v", res)
	}
}

func TestScanCutsLongArrays(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`{"code":200,"list":[`)
	for i := range 2000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id":"` + strings.Repeat("7", i%5+1) + `","tags":[1,2]}`)
	}
	b.WriteString(`],"tail":{"k/~":[` + strings.Repeat("0,", 700) + `0]}}`)
	res := scanAll([]byte(b.String()), 4096, false)
	if res.syntax != "" || res.bound != "" {
		t.Fatalf("syntax %q bound %q", res.syntax, res.bound)
	}
	var doc struct {
		Code int
		List []map[string]any
		Tail map[string][]int
	}
	if err := json.Unmarshal(res.kept, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.List) != maxKeptItems || len(doc.Tail["k/~"]) != maxKeptItems || doc.Code != 200 {
		t.Fatalf("kept %d records and %d numbers", len(doc.List), len(doc.Tail["k/~"]))
	}
	want := []arrayCut{{"/list", 2000}, {"/tail/k~1~0", 701}}
	if !reflect.DeepEqual(res.cuts, want) || res.ncuts != 2 {
		t.Fatalf("cuts %+v (%d), want %+v", res.cuts, res.ncuts, want)
	}
}

// A list cut short by the reading limit keeps its first records.
func TestScanTruncatedList(t *testing.T) {
	t.Parallel()
	body := `{"code":200,"list":[` + strings.Repeat(`{"a":[1]},`, maxKeptItems+50)
	res := scanAll([]byte(body), 100, true)
	var doc struct{ List []any }
	if err := json.Unmarshal(res.kept, &doc); err != nil || len(doc.List) != maxKeptItems {
		t.Fatalf("kept %.80q: %v, %d records", res.kept, err, len(doc.List))
	}
	if !res.truncated || res.ncuts != 1 || res.cuts[0].Pointer != "/list" {
		t.Fatalf("%+v", res)
	}
	// Cut short elsewhere: nothing is kept.
	if res := scanAll([]byte(`{"code":200,"list":[1,2`), 3, true); res.kept != nil || res.bound == "" {
		t.Fatalf("%+v", res)
	}
}

func TestScanBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), "nested more than 64 levels deep"},
		{"deep inside a cut element", "[" + strings.Repeat("0,", 600) + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "]",
			"nested more than 64 levels deep"},
		{"wide object", "{" + strings.Repeat(`"k":{},`, maxKeptValues) + `"z":1}`, "more than 30000 values to judge"},
		{"huge string", `{"a":"` + strings.Repeat("x", maxKeptBytes) + `"}`, "more than 4194304 bytes to judge"},
	}
	for _, tt := range tests {
		res := scanAll([]byte(tt.body), 1<<16, false)
		if !strings.HasPrefix(res.bound, tt.want) || res.kept != nil {
			t.Errorf("%s: bound %q, want %q", tt.name, res.bound, tt.want)
		}
		if res.size != int64(len(tt.body)) {
			t.Errorf("%s: size %d of %d", tt.name, res.size, len(tt.body))
		}
	}
	// An array of a million empty objects keeps 500 of them.
	body := "[" + strings.Repeat("{},", 1_000_000) + "{}]"
	res := scanAll([]byte(body), 32<<10, false)
	if res.bound != "" || res.values != maxKeptItems+1 || res.cuts[0].Total != 1_000_001 {
		t.Fatalf("%+v", res.bound)
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `[`, `"\u00zz"`, `1e`, `{"a":1}}`, ` [ true , false ] `, "[" + strings.Repeat("1,", 600) + "1]"} {
		f.Add([]byte(s), 7)
	}
	f.Fuzz(func(t *testing.T, body []byte, n int) {
		if n <= 0 || n > 1<<16 {
			n = 1 + n&0xff
		}
		res := scanAll(body, n, false)
		valid := json.Valid(body)
		switch {
		case len(body) == 0:
			if res.kept != nil {
				t.Fatal("kept an empty body")
			}
		case res.bound != "":
			if res.kept != nil {
				t.Fatal("kept a body beyond the bounds")
			}
		case valid != (res.syntax == ""):
			t.Fatalf("json.Valid %t, scan syntax %q", valid, res.syntax)
		case valid:
			if !json.Valid(res.kept) {
				t.Fatalf("kept %q is not JSON", res.kept)
			}
			if res.ncuts == 0 {
				var a, b bytes.Buffer
				if json.Compact(&a, body) != nil || json.Compact(&b, res.kept) != nil || a.String() != b.String() {
					t.Fatalf("kept %q differs from %q", res.kept, body)
				}
			}
		}
	})
}
