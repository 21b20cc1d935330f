package contracttest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedactor(t *testing.T) {
	t.Parallel()
	r := &redactor{}
	r.add("p@ss word/+")      // escapes differently in URLs and JSON
	r.add("abc")              // too short to hunt for
	r.add("token-123")        // a prefix of the next one
	r.add("token-123-longer") // replaced whole, not as token-123 + "-longer"
	tests := []struct{ in, want string }{
		{"password p@ss word/+ here", "password [REDACTED] here"},
		{"form client_secret=p%40ss+word%2F%2B", "form client_secret=[REDACTED]"},
		{`{"password":"p@ss word/+"}`, `{"password":"[REDACTED]"}`},
		{"path p@ss%20word%2F+", "path [REDACTED]"},
		{"abc stays, token-123-longer goes, token-123 too", "abc stays, [REDACTED] goes, [REDACTED] too"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := r.str(tt.in); got != tt.want {
			t.Errorf("str(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := (&redactor{}).str("nothing to hide"); got != "nothing to hide" {
		t.Errorf("an empty redactor changed the text: %q", got)
	}
}

func TestRedactEvidence(t *testing.T) {
	r := &redactor{}
	r.add("sekret-token")
	e := Evidence{
		Request: Request{URL: "https://h/admin/x", Headers: map[string]string{"Authorization": "Bearer " + Redacted}},
		Error:   "dial sekret-token", Note: "redirect to /?t=sekret-token", Body: `{"token":"sekret-token"}`,
		Violations: []Violation{{In: "body", Pointer: "/token", Expected: "not sekret-token", Got: `"sekret-token"`}},
	}
	r.evidence(&e)
	all := e.Error + e.Note + e.Body + e.Violations[0].Expected + e.Violations[0].Got
	if strings.Contains(all, "sekret-token") || strings.Count(all, Redacted) != 5 {
		t.Errorf("evidence not redacted: %+v", e)
	}
}

func TestRedactHeader(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, value, want string }{
		{"Authorization", "Bearer abc.def", "Bearer [REDACTED]"},
		{"authorization", "Basic dXNlcjpwdw==", "Basic [REDACTED]"},
		{"Authorization", "rawtoken", "[REDACTED]"},
		{"Accept", "application/json", "application/json"},
	}
	for _, tt := range tests {
		if got := redactHeader(tt.name, tt.value); got != tt.want {
			t.Errorf("redactHeader(%q, %q) = %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	if got := excerpt([]byte(`{"a":1}`), 7); got != `{"a":1}` {
		t.Errorf("short body changed: %q", got)
	}
	long := strings.Repeat("é", maxExcerpt) // two bytes each: the cut falls inside a character
	got := excerpt([]byte(long)[:maxExcerpt+4], int64(len(long)))
	if !utf8.ValidString(got) || !strings.HasSuffix(got, "more bytes)") || len(got) > maxExcerpt+40 {
		t.Errorf("excerpt of a long body: %d bytes, valid %t, ends %q", len(got), utf8.ValidString(got), got[len(got)-20:])
	}
	if got := excerpt([]byte{0xff, 'a'}, 2); !utf8.ValidString(got) {
		t.Errorf("invalid UTF-8 passed through: %q", got)
	}
}
