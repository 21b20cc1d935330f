package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestConsoleIsServedWithoutTheAdminToken(t *testing.T) {
	m := start(t, func(c *Config) { c.AdminToken = "letmein" })
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(m.URL + "/__mock/ui")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != ConsolePath {
		t.Errorf("/__mock/ui: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for path, ct := range map[string]string{
		ConsolePath:                 "text/html; charset=utf-8",
		ConsolePath + "js/main.js":  "text/javascript; charset=utf-8",
		ConsolePath + "console.css": "text/css; charset=utf-8",
	} {
		resp, err := client.Get(m.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ct || len(body) == 0 {
			t.Errorf("%s: %d %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	page, _ := client.Get(m.URL + ConsolePath)
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(body), `<script type="module" src="js/main.js">`) {
		t.Errorf("page %.200s", body)
	}
	// What the page reads still needs the token, and the page's own files
	// are not vendor requests.
	resp, _ = client.Get(m.URL + "/__mock/config")
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("config without the token: %d", resp.StatusCode)
	}
	if resp, _ := client.Get(m.URL + ConsolePath + "nothing.js"); resp.StatusCode != 404 {
		t.Errorf("a missing file: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", m.URL+"/__mock/requests", nil)
	req.Header.Set("Authorization", "Bearer letmein")
	_, out := m.call(t, req)
	if !strings.Contains(string(out), `"requests":[]`) {
		t.Errorf("the console's files were journaled: %s", out)
	}
}
