package openapi

import (
	"errors"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

func TestJSONPointerRendering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"data", "gw/1", "a~b"}, "/data/gw~11/a~0b"},
		{[]string{"remote_sessions", "0", "id"}, "/remote_sessions/0/id"},
	}
	for _, tt := range tests {
		if got := JSONPointer(tt.in); got != tt.want {
			t.Errorf("JSONPointer(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSchemaMessage(t *testing.T) {
	t.Parallel()
	str := &openapi3.Schema{Type: &openapi3.Types{"string"}}
	long := strings.Repeat("é", 100)
	tests := []struct {
		name   string
		schema *openapi3.Schema
		value  any
		want   string
	}{
		{"type", str, 443.0, `at /: value must be a string (got 443)`},
		{"long value is cut", &openapi3.Schema{Type: &openapi3.Types{"integer"}}, long,
			`at /: value must be an integer (got "` + strings.Repeat("é", maxValueLen-1) + `...)`},
		{"password is not shown", &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "password"}, 1.0,
			`at /: value must be a string (got a value that is not shown)`},
		{"object", str, map[string]any{"a": 1.0}, `at /: value must be a string (got an object)`},
		{"array", str, []any{1.0}, `at /: value must be a string (got an array)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.schema.VisitJSON(tt.value, openapi3.SetSchemaErrorMessageCustomizer(schemaMessage))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Fatalf("message\n%q, want\n%q", err.Error(), tt.want)
			}
		})
	}
}

func TestReadable(t *testing.T) {
	if readable("x", nil) != nil {
		t.Fatal("readable(nil) is not nil")
	}
	inner := errors.Join(errors.New("first\nline"), routers.ErrPathNotFound)
	err := readable("ctx", inner)
	if err.Error() != "ctx: first line no matching operation was found" {
		t.Fatalf("message %q", err.Error())
	}
	if !errors.Is(err, routers.ErrPathNotFound) {
		t.Fatal("the wrapped error is not reachable")
	}
}

// A list whose every record has the same defect is reported with its first
// problems and a count, not with one line per record.
func TestLongProblemListsAreCut(t *testing.T) {
	v := mustValidator(t, Segura)
	record := `{"id":3,"user":"Admin","origin_ip":"172.16.20.125","credential":"c","device":"h:22","protocol":"ssh","proxy":"Web Proxy","session_id":"e7acacb6aedbab70073456da5744166939b77527","start":"2024-05-06 16:05:07","end":"2024-05-06 16:07:59","time":"00:02:52","prevent_purge":"No","request":null,"ITSM":null}`
	body := `{"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":"Segura","remote_sessions":[` +
		strings.TrimSuffix(strings.Repeat(record+",", 50), ",") + `]}`
	err := v.ValidateSchema("RemoteSessionsResponse", []byte(body))
	if err == nil {
		t.Fatal("integer ids accepted")
	}
	msg := err.Error()
	if got := strings.Count(msg, "value must be a string (got 3)"); got != MaxViolations {
		t.Errorf("%d problems listed, want %d", got, MaxViolations)
	}
	if !strings.HasSuffix(msg, "and 40 more problems") {
		t.Errorf("message does not end with the count of the rest: %q", msg)
	}
	if !strings.Contains(msg, "at /remote_sessions/0/id:") || !strings.Contains(msg, "at /remote_sessions/9/id:") {
		t.Errorf("message does not start with the first records: %q", msg)
	}
}

func TestOneLine(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a\n  b\n\n", "a b"},
		{`value "x  y"`, `value "x  y"`},
		{"Schema:\n  {\n    \"type\": \"string\"\n  }", `Schema: { "type": "string" }`},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
