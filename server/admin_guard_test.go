package server

import (
	"net/http"
	"strings"
	"testing"
)

const aRule = `{"id":"r1","match":{"route":"version"},"action":{"status":503}}`

// TestAdminWritesNeedJSONOrYAML: the bodies a browser sends to any origin
// without a preflight (text/plain, forms, multipart, or no type at all)
// are refused, and nothing changes; JSON and YAML are taken.
func TestAdminWritesNeedJSONOrYAML(t *testing.T) {
	m := start(t, nil)
	for _, ct := range []string{"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
		"multipart/form-data; boundary=x", "", "application/jsonx", "bad/type/x"} {
		var h []string
		if ct != "" {
			h = []string{"Content-Type", ct}
		}
		resp, body := m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(aRule), h...))
		var e adminErrorBody
		mustUnmarshal(t, body, &e)
		if resp.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(e.Error, "application/json") {
			t.Errorf("Content-Type %q: %d %s, want 415 naming application/json", ct, resp.StatusCode, body)
		}
	}
	if n := len(m.srv.Faults().Rules()); n != 0 {
		t.Fatalf("%d rules added by refused posts", n)
	}
	for i, ct := range []string{"application/json", "application/json; charset=utf-8", "application/yaml", "text/yaml",
		"application/x-yaml", "application/merge-patch+json"} {
		rule := strings.Replace(aRule, `"r1"`, `"r`+string(rune('a'+i))+`"`, 1)
		resp, body := m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(rule), "Content-Type", ct))
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("Content-Type %q: %d %s, want 201", ct, resp.StatusCode, body)
		}
	}
	// A write without a body needs no type, as curl -X POST sends it.
	if resp, body := m.call(t, m.request(t, "POST", "/__mock/reset", nil)); resp.StatusCode != http.StatusOK {
		t.Errorf("reset without a body: %d %s", resp.StatusCode, body)
	}
	if resp, body := m.call(t, m.request(t, "DELETE", "/__mock/requests", nil)); resp.StatusCode != http.StatusNoContent {
		t.Errorf("DELETE without a body: %d %s", resp.StatusCode, body)
	}
}

// TestAdminRefusesOtherOriginsWrites plays a browser that a page on
// another origin makes send admin writes with no preflight (Sec-Fetch-Site
// and Origin are set by the browser, not by the page).
func TestAdminRefusesOtherOriginsWrites(t *testing.T) {
	m := start(t, func(c *Config) { c.CORSOrigins = []string{"*", "http://console.example:5173"} })
	m.addRule(t, aRule)
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example"},
		{"Sec-Fetch-Site", "same-site", "Origin", "http://evil.localhost"},
		{"Origin", "http://evil.example"}, // an older browser: no Sec-Fetch-Site
	} {
		for _, req := range []*http.Request{
			m.request(t, "POST", "/__mock/reset", nil, h...),
			m.request(t, "DELETE", "/__mock/faults", nil, h...),
			m.request(t, "POST", "/__mock/faults", strings.NewReader(`{"action":{"status":500}}`), append(h, "Content-Type", "application/json")...),
		} {
			resp, body := m.call(t, req)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "--cors-origins") {
				t.Errorf("%s %s with %v: %d %s, want 403", req.Method, req.URL.Path, h, resp.StatusCode, body)
			}
		}
	}
	if r := m.srv.Faults().Rules(); len(r) != 1 || r[0].ID != "r1" {
		t.Fatalf("rules after refused writes: %+v", r)
	}
	// The origin named in --cors-origins, and the mock's own pages, may.
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site", "Origin", "http://console.example:5173"},
		{"Sec-Fetch-Site", "same-origin", "Origin", m.URL},
	} {
		if resp, body := m.call(t, m.request(t, "DELETE", "/__mock/faults/r1", nil, h...)); resp.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE from %v: %d %s", h, resp.StatusCode, body)
		}
		m.addRule(t, aRule)
	}
}

// TestAdminCORSOnlyForNamedOrigins: with the default "*", vendor routes
// answer CORS for every origin and the admin API for none; an origin named
// in the list gets both.
func TestAdminCORSOnlyForNamedOrigins(t *testing.T) {
	allowOrigin := func(m *mock, method, path, origin string) string {
		h := []string{"Origin", origin}
		if method == "OPTIONS" {
			h = append(h, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
		}
		resp, err := m.Client().Do(m.request(t, method, path, nil, h...))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Access-Control-Allow-Origin")
	}
	def := start(t, nil)
	if got := allowOrigin(def, "GET", "/admin/version", "http://evil.example"); got != "http://evil.example" {
		t.Errorf("vendor route, default origins: allow-origin %q", got)
	}
	for _, c := range []struct{ method, path string }{
		{"GET", "/__mock/requests"}, {"GET", "/__mock/health"}, {"OPTIONS", "/__mock/faults"}, {"OPTIONS", "/__mock/reset"},
	} {
		if got := allowOrigin(def, c.method, c.path, "http://evil.example"); got != "" {
			t.Errorf("%s %s, default origins: allow-origin %q, want none", c.method, c.path, got)
		}
	}
	named := start(t, func(c *Config) { c.CORSOrigins = []string{"*", "http://console.example:5173"} })
	for _, path := range []string{"/__mock/requests", "/__mock/faults"} {
		if got := allowOrigin(named, "OPTIONS", path, "http://console.example:5173"); got != "http://console.example:5173" {
			t.Errorf("OPTIONS %s from the named origin: allow-origin %q", path, got)
		}
		if got := allowOrigin(named, "GET", path, "http://evil.example"); got != "" {
			t.Errorf("GET %s from another origin: allow-origin %q", path, got)
		}
	}
	if got := allowOrigin(named, "GET", "/admin/version", "http://evil.example"); got != "http://evil.example" {
		t.Errorf("vendor route keeps *: allow-origin %q", got)
	}
}

func TestIsJSONOrYAML(t *testing.T) {
	t.Parallel()
	for mt, want := range map[string]bool{
		"application/json": true, "application/yaml": true, "text/yaml": true, "application/x-yaml": true,
		"text/x-yaml": true, "application/vnd.api+json": true, "application/problem+yaml": true,
		"text/plain": false, "application/x-www-form-urlencoded": false, "multipart/form-data": false,
		"text/json+html": false, "application/jsonp": false, "": false,
	} {
		if got := isJSONOrYAML(mt); got != want {
			t.Errorf("isJSONOrYAML(%q) = %v, want %v", mt, got, want)
		}
	}
}
