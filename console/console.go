package console

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed assets
var assets embed.FS

// ContentSecurityPolicy is sent with every file: the page may load and
// call only its own origin, so it works, and can only work, offline.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

type file struct {
	name        string
	body        []byte
	contentType string
	etag        string
}

type handler struct {
	files map[string]*file // by path below the console's root, "/" for the page
}

// Handler serves the console. Mount it so that it sees paths below the
// console's root: "/" is the page, "/js/main.js" a script.
func Handler() http.Handler {
	h := &handler{files: map[string]*file{}}
	root, _ := fs.Sub(assets, "assets") // the directory is embedded above
	_ = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		f := &file{
			name: p, body: body,
			contentType: contentType(p),
			etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
		}
		h.files["/"+p] = f
		return nil
	})
	h.files["/"] = h.files["/index.html"]
	return h
}

// contentType names the type of an embedded file; the few extensions
// used are spelled out, so that the answer does not depend on the
// system's MIME tables.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on the console's files")
		return
	}
	p := r.URL.Path
	if p == "" {
		p = "/"
	}
	f, ok := h.files[p]
	if !ok {
		writeError(w, http.StatusNotFound, "no console file "+strings.TrimPrefix(p, "/"))
		return
	}
	hd.Set("Content-Type", f.contentType)
	hd.Set("Content-Security-Policy", ContentSecurityPolicy)
	hd.Set("Cache-Control", "no-cache") // revalidated by ETag: a new binary shows its own page
	hd.Set("ETag", f.etag)
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.body))
}

// writeError answers as the admin API does: {"error": "..."}.
func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
