package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRedactQuery(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"x=1&limit=5", "x=1&limit=5"},
		{"client_secret=s3&x=1", "client_secret=[redacted]&x=1"},
		{"x=1&access_token=abc&ACCESS_TOKEN=def", "x=1&access_token=[redacted]&ACCESS_TOKEN=[redacted]"},
		{"api_key=k&Password=p&sessionid=q&auth=a&cookie=c", "api_key=[redacted]&Password=[redacted]&sessionid=[redacted]&auth=[redacted]&cookie=[redacted]"},
		{"client%5Fsecret=s3", "client%5Fsecret=[redacted]"}, // judged by the decoded name
		{"token", "token"}, // a name alone has no value to hide
		{"token=", "token=[redacted]"},
		{"%zz=1&secret=%zz", "%zz=1&secret=[redacted]"},
		{"a=b&&token=x", "a=b&&token=[redacted]"},
		{"__code=503&x=%20y", "__code=503&x=%20y"},
	}
	for _, tt := range tests {
		if got := redactQuery(tt.in); got != tt.want {
			t.Errorf("redactQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactHeadersByName(t *testing.T) {
	t.Parallel()
	in := http.Header{
		"Authorization":       {"Bearer abc", "opaque"},
		"Proxy-Authorization": {"Basic Zm9vOmJhcg=="},
		"Cookie":              {"a=b"},
		"X-Api-Key":           {"k1"},
		"X-Client-Secret":     {"s1"},
		"X-Auth-Token":        {"t1"},
		"X-Session-Id":        {"x1"},
		"Accept":              {"application/json"},
		"Prefer":              {"code=500"},
	}
	got := redactHeaders(in)
	want := http.Header{
		"Authorization":       {"Bearer [redacted]", "[redacted]"},
		"Proxy-Authorization": {"Basic [redacted]"},
		"Cookie":              {"[redacted]"},
		"X-Api-Key":           {"[redacted]"},
		"X-Client-Secret":     {"[redacted]"},
		"X-Auth-Token":        {"[redacted]"},
		"X-Session-Id":        {"[redacted]"},
		"Accept":              {"application/json"},
		"Prefer":              {"code=500"},
	}
	for k, v := range want {
		if strings.Join(got[k], "|") != strings.Join(v, "|") {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if in.Get("X-Api-Key") != "k1" {
		t.Error("the request's own headers were changed")
	}
}

// TestJournalHidesSecrets sends credentials the ways clients really do,
// and some they should not (in the query, in custom headers), and checks
// that none reaches a reader of the journal while the rest stays visible.
func TestJournalHidesSecrets(t *testing.T) {
	m := start(t, nil)
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	secrets := []string{tok, "sessionmock-secret", "q-secret-1", "q-token-2", "h-key-3", "h-secret-4", "c-5", "pw-6"}
	m.call(t, m.request(t, "GET", "/api/session/remotesessions?client_secret=q-secret-1&access_token=q-token-2&limit=7", nil,
		"Authorization", "Bearer "+tok, "X-Api-Key", "h-key-3", "X-Client-Secret", "h-secret-4", "Cookie", "sid=c-5",
		"X-Trace", "visible-8"))
	m.call(t, m.request(t, "GET", "/admin/version?password=pw-6", nil))

	_, body := m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	for _, s := range secrets {
		if strings.Contains(string(body), s) {
			t.Errorf("GET /__mock/requests shows %q:\n%s", s, body)
		}
	}
	var got requestsBody
	mustUnmarshal(t, body, &got)
	if len(got.Requests) != 3 {
		t.Fatalf("%d entries, want 3", len(got.Requests))
	}
	list := got.Requests[1]
	q, err := url.ParseQuery(list.Query)
	if err != nil || q.Get("limit") != "7" || q.Get("client_secret") != redacted || q.Get("access_token") != redacted {
		t.Errorf("query kept as %q (%v)", list.Query, err)
	}
	if h := http.Header(list.Headers); h.Get("X-Trace") != "visible-8" || h.Get("Authorization") != "Bearer "+redacted ||
		h.Get("X-Api-Key") != redacted {
		t.Errorf("headers kept as %v", list.Headers)
	}

	entries, _ := m.srv.Requests()
	for _, e := range entries {
		for _, s := range secrets {
			if strings.Contains(e.Query, s) || strings.Contains(strings.Join(flatten(e.Headers), " "), s) {
				t.Errorf("Requests() shows %q in %+v", s, e)
			}
		}
	}
}

func flatten(h map[string][]string) []string {
	var out []string
	for k, vs := range h {
		out = append(out, k)
		out = append(out, vs...)
	}
	return out
}

// FuzzRedactQuery: whatever the query, redaction never panics and never
// lets the value of a secret-looking parameter through.
func FuzzRedactQuery(f *testing.F) {
	for _, s := range []string{"client_secret=abc", "a=1&token=x&b=2", "%zz=1", "&&=&", "key"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		out := redactQuery(raw)
		for pair := range strings.SplitSeq(out, "&") {
			name, value, ok := strings.Cut(pair, "=")
			if ok && isSecretName(queryName(name)) && value != redacted {
				t.Fatalf("redactQuery(%q) = %q keeps %q", raw, out, pair)
			}
		}
	})
}
