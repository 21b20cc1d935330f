package fault

import (
	"fmt"
	"strings"
	"testing"
)

func TestRuleBounds(t *testing.T) {
	t.Parallel()
	ok := Action{Status: 500}
	long := strings.Repeat("a", MaxTextBytes+1)
	headers := func(n int) map[string]string {
		h := map[string]string{}
		for i := range n {
			h[fmt.Sprintf("X-H%d", i)] = "*"
		}
		return h
	}
	tests := []struct {
		name    string
		r       Rule
		wantErr string
	}{
		{"every text at the limit", Rule{Name: long[1:],
			Match: Match{Method: strings.Repeat("G", MaxTextBytes), Path: "/" + long[2:], Client: long[1:],
				Headers: map[string]string{strings.Repeat("X", MaxTextBytes): long[1:]}},
			Action: Action{Status: 500, Message: long[1:]}}, ""},
		{"headers at the limit", Rule{Match: Match{Headers: headers(MaxHeaders)}, Action: ok}, ""},

		// The pattern that stalled the engine for seconds.
		{"path", Rule{Match: Match{Path: "*" + strings.Repeat("a", 20000) + "b"}, Action: ok}, "match: path is 20002 bytes long; the limit is 1024"},
		{"name", Rule{Name: long, Action: ok}, "name: is 1025 bytes long; the limit is 1024"},
		{"method", Rule{Match: Match{Method: long}, Action: ok}, "match: method is 1025 bytes long; the limit is 1024"},
		{"dn", Rule{Match: Match{DN: long}, Action: ok}, "match: dn is 1025 bytes long; the limit is 1024"},
		{"client", Rule{Match: Match{Client: long}, Action: ok}, "match: client is 1025 bytes long; the limit is 1024"},
		{"message", Rule{Action: Action{Status: 500, Message: long}}, "action: message is 1025 bytes long; the limit is 1024"},
		{"header value", Rule{Match: Match{Headers: map[string]string{"X-A": "1", "X-B": long}}, Action: ok},
			"match: headers value of X-B is 1025 bytes long; the limit is 1024"},
		{"header name", Rule{Match: Match{Headers: map[string]string{long: "1"}}, Action: ok},
			`match: headers name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... is 1025 bytes long; the limit is 1024`},
		{"headers", Rule{Match: Match{Headers: headers(MaxHeaders + 1)}, Action: ok}, "match: headers has 17 entries; the limit is 16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.r.Validate(); errText(err) != tt.wantErr {
				t.Fatalf("Validate() = %.200v, want %q", err, tt.wantErr)
			}
		})
	}
}
