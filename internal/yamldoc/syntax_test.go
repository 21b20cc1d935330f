package yamldoc

import (
	"errors"
	"slices"
	"testing"
)

func TestFirstFailingLine(t *testing.T) {
	tests := []struct {
		name, data, msg string
		want            int
	}{
		{"line of the problem", "a: 1\nb: 2\n  c: 3\nd: 4\n", "mapping values are not allowed in this context", 3},
		{"parser reports the block start", "a:\n  - x\n  - y\n - z\n", "did not find expected key", 4},
		{"no line fails", "a: 1\n", "did not find expected key", 0},
		{"another problem", "a: 1\nb: [\n", "some other problem", 0},
		{"end of the input", "x: \"open\n\n\n", "found unexpected end of stream", 1},
		{"no newline at the end", "a: 1\nb: c: d", "mapping values are not allowed in this context", 2},
		{"CR LF", "a: 1\r\nb: c: d\r\n", "mapping values are not allowed in this context", 2},
		{"empty", "", "did not find expected key", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstFailingLine([]byte(tt.data), tt.msg); got != tt.want {
				t.Errorf("firstFailingLine(%q, %q) = %d, want %d", tt.data, tt.msg, got, tt.want)
			}
		})
	}
}

func TestLineBreaks(t *testing.T) {
	tests := []struct {
		name, data string
		breaks     []int
		ends       []int
	}{
		{"empty", "", nil, nil},
		{"one line without a break", "a", nil, []int{1}},
		{"LF", "a\nb\n", []int{2, 4}, []int{2, 4}},
		{"last line without a break", "a\nbc", []int{2}, []int{2, 4}},
		{"CR LF is one break", "a\r\nb", []int{3}, []int{3, 4}},
		{"CR alone", "a\rb\r", []int{2, 4}, []int{2, 4}},
		{"LF CR is two breaks", "a\n\rb", []int{2, 3}, []int{2, 3, 4}},
		{"NEL, LS and PS", "a\u0085b\u2028c\u2029", []int{3, 7, 11}, []int{3, 7, 11}},
		{"other bytes", "\xc2\x86\xe2\x80\xa7", nil, []int{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineBreaks([]byte(tt.data)); !slices.Equal(got, tt.breaks) {
				t.Errorf("lineBreaks(%q) = %v, want %v", tt.data, got, tt.breaks)
			}
			if got := lineEnds([]byte(tt.data)); !slices.Equal(got, tt.ends) {
				t.Errorf("lineEnds(%q) = %v, want %v", tt.data, got, tt.ends)
			}
		})
	}
}

func TestSplitYAMLError(t *testing.T) {
	tests := []struct {
		text string
		line int
		msg  string
	}{
		{"yaml: line 3: did not find expected key", 3, "did not find expected key"},
		{"yaml: control characters are not allowed", 0, "control characters are not allowed"},
		{"yaml: line x: odd", 0, "line x: odd"},
	}
	for _, tt := range tests {
		line, msg := splitYAMLError(errors.New(tt.text))
		if line != tt.line || msg != tt.msg {
			t.Errorf("splitYAMLError(%q) = %d, %q; want %d, %q", tt.text, line, msg, tt.line, tt.msg)
		}
	}
}
