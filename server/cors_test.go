package server

import (
	"testing"
)

func TestCORS(t *testing.T) {
	m := start(t, func(c *Config) { c.CORSOrigins = []string{"http://app.example:3000"} })
	// Preflight of a browser call to session-info.
	req := m.request(t, "OPTIONS", "/admin/session-info/CN=x,CN=y,OU=z", nil,
		"Origin", "http://app.example:3000",
		"Access-Control-Request-Method", "GET",
		"Access-Control-Request-Headers", "authorization,accept")
	resp, err := m.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := resp.Header
	if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != "http://app.example:3000" ||
		h.Get("Access-Control-Allow-Headers") != "authorization,accept" ||
		h.Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("preflight: %d %v", resp.StatusCode, h)
	}
	// The actual call carries the allow-origin header too, and so do admin calls.
	for _, path := range []string{"/admin/version", "/__mock/health"} {
		resp, _ := m.call(t, m.request(t, "GET", path, nil, "Origin", "http://app.example:3000"))
		if resp.Header.Get("Access-Control-Allow-Origin") != "http://app.example:3000" {
			t.Errorf("%s: no allow-origin: %v", path, resp.Header)
		}
	}
	// Other origins get no CORS headers.
	resp2, _ := m.call(t, m.request(t, "GET", "/admin/version", nil, "Origin", "http://evil.example"))
	if v := resp2.Header.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("foreign origin allowed: %q", v)
	}
}

func TestCORSDefaultAllowsAll(t *testing.T) {
	m := start(t, nil)
	req := m.request(t, "OPTIONS", "/api/session/remotesessions", nil,
		"Origin", "http://localhost:5173", "Access-Control-Request-Method", "GET")
	resp, err := m.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "http://localhost:5173" ||
		resp.Header.Get("Access-Control-Allow-Headers") != corsAllowHeaders {
		t.Errorf("%d %v", resp.StatusCode, resp.Header)
	}
}
