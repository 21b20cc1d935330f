package openapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const seguraRecord = `{"id":"3","user":"Admin","origin_ip":"172.16.20.125","credential":"c","device":"h:22","protocol":"ssh",` +
	`"proxy":"Web Proxy","session_id":"e7acacb6aedbab70073456da5744166939b77527","start":"2024-05-06 16:05:07",` +
	`"end":"2024-05-06 16:07:59","time":"00:02:52","prevent_purge":"No","request":null,"ITSM":null}`

// Each violation says where, what the schema wants and what was found,
// and its one-line form is the validator's message.
func TestViolations(t *testing.T) {
	t.Parallel()
	v := mustValidator(t, Segura)
	tests := []struct {
		name, record  string
		path          string
		expected, got string
		line          string
	}{
		{"wrong type", strings.Replace(seguraRecord, `"id":"3"`, `"id":3`, 1),
			"/id", "type string", "3", `at /id: value must be a string (got 3)`},
		{"missing", strings.Replace(seguraRecord, `"time":"00:02:52",`, "", 1),
			"/time", "the required property to be present", "nothing", `at /time: property "time" is missing`},
		{"pattern", strings.Replace(seguraRecord, `"device":"h:22"`, `"device":"h"`, 1),
			"/device", "a string matching ^.+:[0-9]{1,5}$", `"h"`, `at /device: string doesn't match the regular expression "^.+:[0-9]{1,5}$" (got "h")`},
		{"enum", strings.Replace(seguraRecord, `"prevent_purge":"No"`, `"prevent_purge":"no"`, 1),
			"/prevent_purge", `one of ["Yes","No"]`, `"no"`, `at /prevent_purge: value is not one of the allowed values ["Yes","No"] (got "no")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v.ValidateSchema("RemoteSession", []byte(tt.record))
			vs, more := Violations(err)
			if len(vs) != 1 || more != 0 {
				t.Fatalf("violations %+v (%d more) of %v", vs, more, err)
			}
			got := vs[0]
			if got.Pointer() != tt.path || got.Expected != tt.expected || got.Got != tt.got {
				t.Errorf("violation at %q, expected %q, got %q; want %q, %q, %q", got.Pointer(), got.Expected, got.Got, tt.path, tt.expected, tt.got)
			}
			if got.String() != tt.line {
				t.Errorf("line %q, want %q", got.String(), tt.line)
			}
			if want := "openapi: segura: RemoteSession: " + tt.line; err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
		})
	}
}

func TestViolationsOfOtherProblems(t *testing.T) {
	t.Parallel()
	v := mustValidator(t, Segura)
	req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/api/session/remotesessions"}, Header: http.Header{}}
	err := v.ValidateResponse(context.Background(), req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(`{"code":`))
	vs, _ := Violations(err)
	if len(vs) != 1 || vs[0].Pointer() != "" || vs[0].Expected == "" || !strings.Contains(vs[0].Got, "not a single valid JSON value") {
		t.Fatalf("violations %+v of %v", vs, err)
	}
	if vs, more := Violations(nil); vs != nil || more != 0 {
		t.Fatalf("Violations(nil) = %v, %d", vs, more)
	}
	vs, _ = Violations(errors.New("plain"))
	if len(vs) != 1 || vs[0].String() != "plain" || vs[0].Got != "plain" {
		t.Fatalf("violations of a plain error %+v", vs)
	}
}

func TestViolationsAreCapped(t *testing.T) {
	t.Parallel()
	v := mustValidator(t, Segura)
	rec := strings.Replace(seguraRecord, `"id":"3"`, `"id":3`, 1)
	body := `{"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":"Segura","remote_sessions":[` +
		strings.TrimSuffix(strings.Repeat(rec+",", MaxViolations+7), ",") + `]}`
	vs, more := Violations(v.ValidateSchema("RemoteSessionsResponse", []byte(body)))
	if len(vs) != MaxViolations || more != 7 {
		t.Fatalf("%d violations and %d more, want %d and 7", len(vs), more, MaxViolations)
	}
	if s := Summary(vs, more); !strings.HasSuffix(s, " | and 7 more problems") || strings.Count(s, " | ") != MaxViolations {
		t.Fatalf("summary %q", s)
	}
}

func TestDescribeValue(t *testing.T) {
	t.Parallel()
	for v, want := range map[any]string{"x": `"x"`, 3.5: "3.5", nil: "null", true: "true"} {
		if got := DescribeValue(v); got != want {
			t.Errorf("DescribeValue(%v) = %q, want %q", v, got, want)
		}
	}
	if got := DescribeValue(map[string]any{"a": 1}); got != "an object" {
		t.Errorf("object described as %q", got)
	}
	if got := DescribeValue([]any{1}); got != "an array" {
		t.Errorf("array described as %q", got)
	}
	if got := DescribeValue(strings.Repeat("a", 200)); len(got) != maxValueLen+3 || !strings.HasSuffix(got, "...") {
		t.Errorf("long value described as %q", got)
	}
}
