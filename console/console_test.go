package console

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, p string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, p, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Result()
}

func TestHandlerServesEveryFile(t *testing.T) {
	t.Parallel()
	h := Handler()
	want := map[string]string{
		"/":             "text/html; charset=utf-8",
		"/index.html":   "text/html; charset=utf-8",
		"/console.css":  "text/css; charset=utf-8",
		"/js/main.js":   "text/javascript; charset=utf-8",
		"/js/stream.js": "text/javascript; charset=utf-8",
		"/icon.svg":     "image/svg+xml",
	}
	for p, ct := range want {
		resp := get(t, h, "GET", p)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ct || len(body) == 0 {
			t.Errorf("%s: %d %q, %d bytes", p, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
		for k, v := range map[string]string{
			"Content-Security-Policy": ContentSecurityPolicy, "X-Content-Type-Options": "nosniff",
			"Cache-Control": "no-cache", "Referrer-Policy": "no-referrer",
		} {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s: %s %q, want %q", p, k, got, v)
			}
		}
		etag := resp.Header.Get("ETag")
		if again := get(t, h, "GET", p, "If-None-Match", etag); etag == "" || again.StatusCode != http.StatusNotModified {
			t.Errorf("%s: revalidation with ETag %q answered %d", p, etag, again.StatusCode)
		}
		if head := get(t, h, "HEAD", p); head.StatusCode != 200 {
			t.Errorf("HEAD %s: %d", p, head.StatusCode)
		}
	}
}

func TestHandlerRefuses(t *testing.T) {
	t.Parallel()
	h := Handler()
	for _, tt := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/nothing.js", 404},
		{"GET", "/js/", 404},
		{"GET", "/../go.mod", 404},
		{"POST", "/", 405},
		{"DELETE", "/js/main.js", 405},
	} {
		resp := get(t, h, tt.method, tt.path)
		var e struct{ Error string }
		if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != tt.status || e.Error == "" {
			t.Errorf("%s %s: %d, error %q (%v)", tt.method, tt.path, resp.StatusCode, e.Error, err)
		}
	}
	if allow := get(t, h, "POST", "/").Header.Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("Allow %q", allow)
	}
}

// Every reference in the files is to another embedded file: nothing to
// fetch from elsewhere, nothing missing. The browser tests prove the same
// of what the page does; this names the culprit file.
func TestAssetsReferOnlyToEachOther(t *testing.T) {
	t.Parallel()
	root, err := fs.Sub(assets, "assets")
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"#][^"]*)"|from "([^"]+)"|\burl\(([^)]+)\)|@import`)
	remote := regexp.MustCompile(`(?i)\b(?:https?:|wss?:|ftp:)?//[a-z0-9.-]+`)
	count := 0
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		text := strings.ReplaceAll(string(b), `xmlns="http://www.w3.org/2000/svg"`, "") // a name, not a fetch
		for _, line := range strings.Split(text, "\n") {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "//") || strings.HasPrefix(trimmed, "/*") {
				continue // a comment
			}
			if m := remote.FindString(line); m != "" {
				t.Errorf("%s refers to %s: %s", p, m, trimmed)
			}
		}
		for _, m := range refs.FindAllStringSubmatch(text, -1) {
			ref := m[1] + m[2] + m[3]
			if m[0] == "@import" {
				t.Errorf("%s: @import", p)
				continue
			}
			target := path.Join(path.Dir(p), ref)
			if _, err := fs.Stat(root, target); err != nil {
				t.Errorf("%s refers to %s, which is not embedded", p, ref)
			}
			count++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count < 10 {
		t.Errorf("found only %d references: the pattern no longer sees them", count)
	}
}
