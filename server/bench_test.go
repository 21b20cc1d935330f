package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchServer returns a server and a ready session-info request.
func benchSessionInfo(b *testing.B, edit func(*Config)) (*Server, func() *http.Request) {
	m := start(b, edit)
	s := m.Config.Handler.(*Server)
	tok := m.appgateToken(b, "admin", "admin")
	set := m.world.Appgate()
	i := 0
	return s, func() *http.Request {
		i++
		req := httptest.NewRequest("GET", "/admin/session-info/"+set.At(i%set.Len()).DN.String(), nil)
		req.Header.Set("Accept", accept23)
		req.Header.Set("Authorization", "Bearer "+tok)
		return req
	}
}

func benchmarkSessionInfo(b *testing.B, edit func(*Config)) {
	s, next := benchSessionInfo(b, edit)
	reqs := make([]*http.Request, 64)
	for i := range reqs {
		reqs[i] = next()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, reqs[i%len(reqs)])
		if w.Code != 200 {
			b.Fatalf("status %d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkSessionInfo is the handler's own cost per session-info answer,
// without the network.
func BenchmarkSessionInfo(b *testing.B) { benchmarkSessionInfo(b, nil) }

func BenchmarkSessionInfoNoValidation(b *testing.B) {
	benchmarkSessionInfo(b, func(c *Config) { c.DisableValidation = true })
}
