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
		{"good", `{"contentType":"application/json","answers":{"/a":{"body":"e30K"}}}`, ""},
		{"not JSON", `{`, "unexpected end of JSON input"},
		{"no content type", `{"answers":{"/a":{"body":"e30K"}}}`, "contentType is empty"},
		{"no answers", `{"contentType":"application/json","answers":{}}`, "no answers"},
		{"relative path", `{"contentType":"application/json","answers":{"a":{"body":"e30K"}}}`, `request URI "a" does not start with /`},
		{"bad escape", `{"contentType":"application/json","answers":{"/a%zz":{"body":"e30K"}}}`, `request URI "/a%zz": parse`},
		{"same path escaped twice", `{"contentType":"application/json","answers":{"/x/a,b":{"body":"e30K"},"/x/a%2Cb":{"body":"e30K"}}}`,
			`request URIs "/x/a%2Cb" and "/x/a,b" match the same requests`},
		{"body not base64", `{"contentType":"application/json","answers":{"/a":{"body":"!!"}}}`, "illegal base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := string(f.Answers["/a"].Body); got != "{}\n" {
				t.Fatalf("body = %q, want the decoded bytes", got)
			}
		})
	}
}

func TestHandlerRefusesWhatParseRefuses(t *testing.T) {
	t.Parallel()
	for _, f := range []File{
		{Answers: map[string]Answer{"/a": {}}},
		{ContentType: "application/json"},
		{ContentType: "application/json", Answers: map[string]Answer{"a": {}}},
	} {
		if h, err := f.Handler(); err == nil || h != nil {
			t.Errorf("Handler of %+v = %v, %v; want an error", f, h, err)
		}
	}
}

const listPath = "/admin/stats/active-sessions/dn"

// testFile holds answers the handler must tell apart: one path with and
// without queries, a DN path with commas, a large body and a chunked one.
func testFile() File {
	return File{ContentType: "application/vnd.test+json", Answers: map[string]Answer{
		"/admin/session-info/CN=abc%2CCN=u@x.example%2COU=local": {Body: []byte("{\"a\":\"\\u003c\"}\n")},
		"/other":                  {Body: bytes.Repeat([]byte("y"), 5000)},
		listPath:                  {Body: []byte(`{"page":"all"}`)},
		listPath + "?range=0-9":   {Body: []byte(`{"page":"first"}`), Chunked: true},
		listPath + "?range=10-19": {Body: []byte(`{"page":"second"}`), Chunked: true},
		listPath + "?orderBy=username&range=0-19": {Body: bytes.Repeat([]byte("z"), 9000), Chunked: true},
	}}
}

func TestHandlerServesExactBytesByRequestURI(t *testing.T) {
	// The file goes through JSON, as between harness and baseline: a body
	// with a trailing newline and HTML-escaped characters must come back
	// byte for byte, no re-encoding on the way.
	data, err := json.Marshal(testFile())
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	want := testFile().Answers
	dn := "/admin/session-info/CN=abc%2CCN=u@x.example%2COU=local"
	tests := []struct {
		name, uri string
		want      string // key of the answer; "" for a 404
	}{
		{"session-info with escaped commas", dn, dn},
		{"session-info with raw commas", "/admin/session-info/CN=abc,CN=u@x.example,OU=local", dn},
		{"large body", "/other", "/other"},
		{"path without query", listPath, listPath},
		{"first page", listPath + "?range=0-9", listPath + "?range=0-9"},
		{"second page", listPath + "?range=10-19", listPath + "?range=10-19"},
		{"large chunked page", listPath + "?orderBy=username&range=0-19", listPath + "?orderBy=username&range=0-19"},
		{"unknown page", listPath + "?range=20-29", ""},
		{"query in another order", listPath + "?range=0-19&orderBy=username", ""},
		{"query on a path without", "/other?range=0-9", ""},
		{"unknown path", "/nope", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.uri)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if tt.want == "" {
				if resp.StatusCode != http.StatusNotFound {
					t.Fatalf("status %d, want 404", resp.StatusCode)
				}
				return
			}
			a := want[tt.want]
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			if !bytes.Equal(got, a.Body) {
				t.Fatalf("body %q, want %q", got, a.Body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/vnd.test+json" {
				t.Fatalf("Content-Type %q", ct)
			}
			// A chunked answer of the mock is chunked from the baseline,
			// however short; any other carries its length.
			chunked := len(resp.TransferEncoding) == 1 && resp.TransferEncoding[0] == "chunked"
			if chunked != a.Chunked {
				t.Fatalf("Transfer-Encoding %q, want chunked %v", resp.TransferEncoding, a.Chunked)
			}
			if !a.Chunked && resp.ContentLength != int64(len(a.Body)) {
				t.Fatalf("Content-Length %d, want %d", resp.ContentLength, len(a.Body))
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"contentType":"application/json","answers":{"/a":{"body":"e30K"}}}`))
	f.Add([]byte(`{"contentType":"application/json","answers":{"/a?b=1":{"body":"e30K","chunked":true},"/a":{"body":""}}}`))
	f.Add([]byte(`{"contentType":"","answers":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data)
		if err != nil {
			return
		}
		if a.ContentType == "" || len(a.Answers) == 0 {
			t.Fatalf("accepted an answers file without content type or answers: %q", data)
		}
		if _, err := a.Handler(); err != nil {
			t.Fatalf("Parse accepted %q, Handler refused it: %v", data, err)
		}
	})
}
