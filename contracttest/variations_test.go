package contracttest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Variations the vendors' documents allow, or that HTTP and JSON allow: a
// server that differs from the compliant one by any of them passes every
// check. Each is a false alarm the suite must not raise.

// reencode rewrites every JSON body with f.
func reencode(f func(v any) ([]byte, error)) func(testing.TB, *answer) {
	return func(t testing.TB, a *answer) {
		if !openapi.IsJSON(a.header.Get("Content-Type")) || len(a.body) == 0 {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(a.body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return
		}
		b, err := f(v)
		if err != nil {
			t.Errorf("variation: %v", err)
			return
		}
		a.body = b
	}
}

// chunked sends every answer in pieces, without a Content-Length.
func chunked(_ testing.TB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		body := rec.Body.Bytes()
		for len(body) > 0 {
			n := min(len(body), 7)
			_, _ = w.Write(body[:n])
			w.(http.Flusher).Flush()
			body = body[n:]
		}
	})
}

// closeDelimited ends every body by closing the connection, as HTTP/1.0
// servers do: no Content-Length, no chunks.
func closeDelimited(_ testing.TB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", rec.Code, http.StatusText(rec.Code))
		h := rec.Header().Clone()
		h.Del("Content-Length")
		h.Set("Connection", "close")
		_ = h.Write(buf)
		buf.WriteString("\r\n")
		if r.Method != http.MethodHead && rec.Code != http.StatusNoContent {
			_, _ = buf.Write(rec.Body.Bytes())
		}
		_ = buf.Flush()
	})
}

// gzipped compresses every answer to a client that accepts gzip.
func gzipped(_ testing.TB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		_, _ = zw.Write(rec.Body.Bytes())
		_ = zw.Close()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(b.Bytes())
	})
}

// opaqueTokens hands out tokens of another form for the server's own, and
// takes them back: an opaque string for Segura, standard base64 as the
// controller's real tokens are for Appgate.
func opaqueTokens(vendor string) defect {
	return func(t testing.TB, next http.Handler) http.Handler {
		var mu sync.Mutex
		real := map[string]string{}
		field := map[string]string{"segura": "access_token", "appgate": "token"}[vendor]
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
				mu.Lock()
				if rt, known := real[tok]; known {
					r.Header.Set("Authorization", "Bearer "+rt)
				}
				mu.Unlock()
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			a := &answer{status: rec.Code, header: rec.Header().Clone(), body: rec.Body.Bytes()}
			if a.status == http.StatusOK {
				var v map[string]any
				if json.Unmarshal(a.body, &v) == nil {
					if tok, ok := v[field].(string); ok && tok != "" {
						mu.Lock()
						opaque := fmt.Sprintf("opaque-token-%d", len(real)+1)
						if vendor == "appgate" {
							opaque = base64.StdEncoding.EncodeToString([]byte(opaque))
						}
						real[opaque] = tok
						mu.Unlock()
						v[field] = opaque
						a.body, _ = json.Marshal(v)
					}
				}
			}
			for k, vs := range a.header {
				w.Header()[k] = vs
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
			w.WriteHeader(a.status)
			_, _ = w.Write(a.body)
		})
	}
}

// newerController advertises versions up to 30, served as 23.
func newerController(t testing.TB, next http.Handler) http.Handler {
	const newest = 30
	inner := alter(all, func(t testing.TB, a *answer) {
		switch a.status {
		case http.StatusNotAcceptable:
			editJSON(func(v map[string]any) { v["maxSupportedVersion"] = json.Number(strconv.Itoa(newest)) })(t, a)
		case http.StatusOK:
			editJSON(func(v map[string]any) {
				if _, ok := v["peerVersion"]; ok {
					v["peerVersion"] = json.Number(strconv.Itoa(newest))
				}
			})(t, a)
		}
	})(t, next)
	return rewrite(all, func(_ http.Handler, r *http.Request) {
		if v, ok := appgate.ParsePeerAccept(r.Header.Values("Accept")); ok && v > 23 && v <= newest {
			r.Header.Set("Accept", appgate.PeerMediaType(23))
		}
	})(t, inner)
}

// legacyShapes answers as a senhasegura 3.x appliance: the list names the
// old tenant, one session names none, and the envelopes lack code,
// error_code, detail and cod_erro.
func legacyShapes(t testing.TB, a *answer) {
	editJSON(func(v map[string]any) {
		resp, ok := v["response"].(map[string]any)
		if !ok {
			return
		}
		delete(v, "code")
		for _, k := range []string{"error_code", "detail", "cod_erro"} {
			delete(resp, k)
		}
		if _, list := v["remote_sessions"]; list {
			v["tenant"] = "senhasegura"
		} else {
			delete(v, "tenant")
		}
	})(t, a)
}

func TestHarmlessVariationsPass(t *testing.T) {
	const s, a = "segura", "appgate"
	refuseTrace := respond(func(r *http.Request) bool { return r.Method == http.MethodTrace }, http.StatusNotImplemented,
		"text/plain; charset=utf-8", "Not Implemented\n")
	tests := []struct {
		name    string
		vendors []string
		defect  defect
		target  func(*Target)
		// seen, when set, proves the variation reached the checks.
		seen func(t *testing.T, rep Report)
	}{
		{"501 for TRACE, as text", []string{s, a}, refuseTrace, nil, reasonHas(CheckMethodNotAllowed, "501")},
		{"charset parameters", []string{s, a}, alter(all, func(_ testing.TB, a *answer) {
			if ct := a.header.Get("Content-Type"); openapi.IsJSON(ct) && !strings.Contains(ct, "charset") {
				a.header.Set("Content-Type", ct+"; charset=utf-8")
			}
		}), nil, nil},
		{"pretty printing", []string{s, a}, alter(all, func(_ testing.TB, a *answer) {
			var b bytes.Buffer
			if openapi.IsJSON(a.header.Get("Content-Type")) && json.Indent(&b, a.body, "", "    ") == nil {
				a.body = append(b.Bytes(), '\n')
			}
		}), nil, nil},
		{"keys in another order", []string{s, a}, alter(all, reencode(func(v any) ([]byte, error) { return json.Marshal(v) })), nil, nil},
		{"extra fields", []string{s, a}, alter(all, reencode(func(v any) ([]byte, error) {
			if m, ok := v.(map[string]any); ok {
				m["x-extra"] = map[string]any{"added": "by a newer release"}
				for _, r := range records(m) {
					r["recording"] = true
				}
			}
			return json.Marshal(v)
		})), nil, nil},
		{"chunked bodies", []string{s, a}, chunked, nil, nil},
		{"bodies ended by closing the connection", []string{s, a}, closeDelimited, nil, nil},
		{"gzip", []string{s, a}, gzipped, nil, nil},
		{"opaque tokens", []string{s, a}, nil, nil, nil},
		{"a day's token", []string{s}, alterOK(seguraTok, editJSON(func(v map[string]any) { v["expires_in"] = json.Number("86400") })), nil, nil},
		{"lower-case token type", []string{s}, alterOK(seguraTok, editJSON(func(v map[string]any) { v["token_type"] = "bearer" })), nil, nil},
		{"empty list", []string{s}, alterOK(seguraList, editJSON(func(v map[string]any) { v["remote_sessions"] = []any{} })), nil,
			reasonHas(CheckSeguraTime, "the session list is empty")},
		{"senhasegura 3 shapes with --segura-release 3", []string{s}, alter(all, legacyShapes),
			func(t *Target) { t.SeguraRelease = 3 }, reasonHas(CheckSeguraRelease, "release 3")},
		{"vendor media types", []string{a}, alter(all, func(_ testing.TB, a *answer) {
			if openapi.IsJSON(a.header.Get("Content-Type")) {
				a.header.Set("Content-Type", appgate.PeerMediaType(23))
			}
		}), nil, nil},
		{"device id in upper case", []string{a}, alterOK(appgateDN, editJSON(func(v map[string]any) {
			if id, ok := v["deviceId"].(string); ok {
				v["deviceId"] = strings.ToUpper(id)
			}
		})), nil, nil},
		{"newer controller", []string{a}, newerController, nil, func(t *testing.T, rep Report) {
			if rep.APIVersion != 30 {
				t.Errorf("version %d, want the newest, 30", rep.APIVersion)
			}
		}},
		{"no active session", []string{a}, alterOK(path(http.MethodGet, activeSessionsRoute.Pattern), editJSON(func(v map[string]any) {
			v["data"], v["totalCount"], v["range"] = []any{}, json.Number("0"), "0-0/0"
		})), nil, reasonHas(CheckAppgateIdentity, "lists no active session")},
	}
	server := newCompliant(t)
	for _, tt := range tests {
		for _, vendor := range tt.vendors {
			t.Run(vendor+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				d := tt.defect
				if d == nil {
					d = opaqueTokens(vendor)
				}
				ts := serve(t, d(t, server))
				target := targetFor(vendor, ts.URL)
				if tt.target != nil {
					tt.target(&target)
				}
				rep, err := Run(context.Background(), target, Options{})
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				if tt.seen != nil {
					tt.seen(t, rep)
				}
				for _, c := range rep.Checks {
					if c.Status == Failed && !slices.Contains(specLag[vendor], c.ID) {
						for _, e := range failing(c) {
							t.Logf("%s %s -> %d %v", e.Request.Method, e.Purpose, e.Status, e.Violations)
						}
						t.Errorf("%s failed: %s", c.ID, c.Reason)
					}
				}
			})
		}
	}
}

func reasonHas(id, text string) func(*testing.T, Report) {
	return func(t *testing.T, rep Report) {
		if c := resultOf(t, rep, id); !strings.Contains(c.Reason, text) {
			t.Errorf("%s: %s %q does not show the variation (%q)", id, c.Status, c.Reason, text)
		}
	}
}
