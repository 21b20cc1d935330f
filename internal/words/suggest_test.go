package words

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	names := []string{"addr", "seed", "segura-sessions", "segura-tenant", "appgate-sessions", "timeout", "tls", "tls-cert", "journal-size", "wait"}
	tests := []struct{ name, want string }{
		{"sed", "seed"},
		{"seeds", "seed"},
		{"sede", "seed"},
		{"adr", "addr"},
		{"timout", "timeout"},
		{"tiemout", "timeout"},
		{"jounral-size", "journal-size"},
		{"journal_size", "journal-size"},
		{"tsl", "tls"},
		{"appgate", "appgate-sessions"}, // the only flag starting so
		{"segura", ""},                  // two flags start so
		{"port", ""},
		{"verbose", ""},
		{"x", ""},
		{"", ""},
		{"wiat", "wait"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.name, names); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSuggestKeys: the keys of YAML mappings, where case slips happen.
func TestSuggestKeys(t *testing.T) {
	t.Parallel()
	names := []string{"id", "name", "match", "when", "action", "ITSM", "session_id"}
	tests := []struct{ key, want string }{
		{"wen", "when"},
		{"nmae", "name"},
		{"itsm", "ITSM"},
		{"Name", "name"},
		{"actions", "action"},
		{"sesion_ids", "session_id"},
		{"x", ""},
		{"ids", "id"},
		{"matches", "match"},
		{"zzz", ""},
		{"completely different", ""},
		{strings.Repeat("a", 100), ""},
		{strings.Repeat("a", 100_000), ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.key, names); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"seed", "seed", 0}, {"sed", "seed", 1},
		{"ab", "ba", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 100); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.a, tt.b, 1); tt.want >= 1 && got < 1 {
			t.Errorf("editDistance(%q, %q, stop 1) = %d, want at least 1", tt.a, tt.b, got)
		}
	}
}
