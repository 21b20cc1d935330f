package answers

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, err string
	}{
		{"good", `{"contentType":"application/json","bodies":{"/a":"e30K"}}`, ""},
		{"not JSON", `{`, "unexpected end of JSON input"},
		{"no content type", `{"bodies":{"/a":"e30K"}}`, "contentType is empty"},
		{"no bodies", `{"contentType":"application/json","bodies":{}}`, "no bodies"},
		{"relative path", `{"contentType":"application/json","bodies":{"a":"e30K"}}`, `path "a"`},
		{"body not base64", `{"contentType":"application/json","bodies":{"/a":"!!"}}`, "illegal base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse([]byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := string(a.Bodies["/a"]); got != "{}\n" {
				t.Fatalf("body = %q, want the decoded bytes", got)
			}
		})
	}
}

func TestHandlerServesExactBytes(t *testing.T) {
	// A body with a trailing newline and HTML-escaped characters must come
	// back byte for byte: no re-encoding on the way.
	bodies := map[string][]byte{
		"/admin/session-info/CN=abc,CN=u@x.example,OU=local": []byte("{\"a\":\"\\u003c\"}\n"),
		"/other": bytes.Repeat([]byte("y"), 5000),
	}
	data, err := json.Marshal(Answers{ContentType: "application/vnd.test+json", Bodies: bodies})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	tests := []struct {
		name, path string
		status     int
		body       []byte
	}{
		{"session-info with raw commas", "/admin/session-info/CN=abc,CN=u@x.example,OU=local", 200, bodies["/admin/session-info/CN=abc,CN=u@x.example,OU=local"]},
		{"session-info with escaped commas", "/admin/session-info/CN=abc%2CCN=u@x.example%2COU=local", 200, bodies["/admin/session-info/CN=abc,CN=u@x.example,OU=local"]},
		{"large body", "/other", 200, bodies["/other"]},
		{"unknown path", "/nope", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if !bytes.Equal(got, tt.body) {
				t.Fatalf("body %q, want %q", got, tt.body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/vnd.test+json" {
				t.Fatalf("Content-Type %q", ct)
			}
			if resp.ContentLength != int64(len(tt.body)) {
				t.Fatalf("Content-Length %d, want %d", resp.ContentLength, len(tt.body))
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"contentType":"application/json","bodies":{"/a":"e30K"}}`))
	f.Add([]byte(`{"contentType":"","bodies":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data)
		if err != nil {
			return
		}
		if a.ContentType == "" || len(a.Bodies) == 0 {
			t.Fatalf("accepted an answers file without content type or bodies: %q", data)
		}
	})
}
