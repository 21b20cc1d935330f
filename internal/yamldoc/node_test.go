package yamldoc

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		value string // of the key v
		want  string
		null  bool
	}{
		{"{a: 1}", "a mapping", false},
		{"[1]", "a list", false},
		{"hello", `"hello"`, false},
		{`'with "quotes"'`, `"with \"quotes\""`, false},
		{"5", `"5"`, false},
		{`"5"`, `the string "5"`, false},
		{`'0x1f'`, `the string "0x1f"`, false},
		{`"true"`, `the string "true"`, false},
		{`"~"`, `the string "~"`, false},
		{`"v5"`, `"v5"`, false},
		{`"1.5.3"`, `"1.5.3"`, false},
		{`""`, `""`, false},
		{"~", "null", true},
		{"null", "null", true},
		{"", "null", true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte("v: "+tt.value), &doc); err != nil {
				t.Fatal(err)
			}
			n := doc.Content[0].Content[1]
			if got := Describe(n); got != tt.want {
				t.Errorf("Describe = %q, want %q", got, tt.want)
			}
			if got := IsNull(n); got != tt.null {
				t.Errorf("IsNull = %v, want %v", got, tt.null)
			}
		})
	}
}
