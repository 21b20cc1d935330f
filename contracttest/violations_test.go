package contracttest

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
)

func TestSchemaViolations(t *testing.T) {
	t.Parallel()
	seg, err := openapi.NewValidator(openapi.Segura)
	if err != nil {
		t.Fatal(err)
	}
	record := `{"id":"3","user":"Admin","origin_ip":"172.16.20.125","credential":"c","device":"h:22","protocol":"ssh",` +
		`"proxy":"Web Proxy","session_id":"e7acacb6aedbab70073456da5744166939b77527","start":"2024-05-06 16:05:07",` +
		`"end":"2024-05-06 16:07:59","time":"00:02:52","prevent_purge":"No","request":null,"ITSM":null}`
	envelope := `"code":200,"response":{"status":200,"message":"","error":false,"error_code":0,"detail":"","mensagem":"","erro":false,"cod_erro":0},"tenant":"Segura"`
	list := func(rec string) string { return `{` + envelope + `,"remote_sessions":[` + rec + `]}` }
	tests := []struct {
		name     string
		status   int
		body     string
		pointer  string
		expected string
		got      string
	}{
		{"wrong type", 200, list(strings.Replace(record, `"id":"3"`, `"id":3`, 1)), "/remote_sessions/0/id", "type string", "3"},
		{"missing", 200, list(strings.Replace(record, `"time":"00:02:52",`, "", 1)), "/remote_sessions/0/time", "the required property to be present", "nothing"},
		{"pattern", 200, list(strings.Replace(record, `"device":"h:22"`, `"device":"h"`, 1)), "/remote_sessions/0/device", "a string matching ^.+:[0-9]{1,5}$", `"h"`},
		{"enum", 200, list(strings.Replace(record, `"prevent_purge":"No"`, `"prevent_purge":"no"`, 1)), "/remote_sessions/0/prevent_purge", `one of ["Yes","No"]`, `"no"`},
		{"null where not nullable", 200, list(strings.Replace(record, `"user":"Admin"`, `"user":null`, 1)), "/remote_sessions/0/user", "", "null"},
		{"alternatives", 401, `{"code":"401"}`, "", "a value matching the oneOf alternatives", "an object ("},
		{"not JSON", 200, `{"code":`, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/api/session/remotesessions"}, Header: http.Header{}}
			err := seg.ValidateResponse(context.Background(), req, tt.status, http.Header{"Content-Type": {"application/json"}}, []byte(tt.body))
			if err == nil {
				t.Fatal("the body passed")
			}
			vs := schemaViolations(err)
			if len(vs) == 0 {
				t.Fatalf("no violation from %v", err)
			}
			v := vs[0]
			if v.In != "body" || v.Pointer != tt.pointer {
				t.Errorf("violation %+v, want one at %q", v, tt.pointer)
			}
			if tt.expected != "" && v.Expected != tt.expected {
				t.Errorf("expected %q, want %q", v.Expected, tt.expected)
			}
			if tt.got != "" && !strings.HasPrefix(v.Got, tt.got) {
				t.Errorf("got %q, want %q", v.Got, tt.got)
			}
			if v.Expected == "" || v.Got == "" {
				t.Errorf("incomplete violation %+v", v)
			}
		})
	}
}

func TestSchemaViolationsAreCapped(t *testing.T) {
	seg, err := openapi.NewValidator(openapi.Segura)
	if err != nil {
		t.Fatal(err)
	}
	var recs []string
	for range maxViolations * 2 {
		recs = append(recs, `{"id":1}`)
	}
	body := `{"code":200,"response":{},"tenant":"Segura","remote_sessions":[` + strings.Join(recs, ",") + `]}`
	req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/api/session/remotesessions"}, Header: http.Header{}}
	vs := schemaViolations(seg.ValidateResponse(context.Background(), req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(body)))
	if len(vs) != maxViolations+1 || !strings.HasSuffix(vs[maxViolations].Got, "more") {
		t.Errorf("%d violations, last %+v; want %d and a count of the rest", len(vs), vs[len(vs)-1], maxViolations+1)
	}
}
