package openapi

import "testing"

func TestIsJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"application/json", true},
		{"application/json; charset=utf-8", true},
		{"Application/JSON", true},
		{"application/vnd.appgate.peer-v23+json", true},
		{"application/vnd.appgate.peer-v23+json; charset=UTF-8", true},
		{"application/problem+json", true},
		{"", false},
		{"text/html; charset=utf-8", false},
		{"text/plain", false},
		{"application/jsonx", false},
		{"text/x+json", false},
		{"application/", false},
		{"application/json; charset", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsJSON(tt.in); got != tt.want {
				t.Fatalf("IsJSON(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAsDocumentedJSON(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"application/vnd.appgate.peer-v22+json", "application/json"},
		{"application/vnd.appgate.peer-v22+json; charset=utf-8", "application/json; charset=utf-8"},
		{"application/json; charset=utf-8", "application/json; charset=utf-8"},
		{"text/html", "text/html"},
		{"", ""},
		{"not a media type", "not a media type"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := asDocumentedJSON(tt.in); got != tt.want {
				t.Fatalf("asDocumentedJSON(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
