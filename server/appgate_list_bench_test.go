package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"
)

// discard is a ResponseWriter that keeps nothing, so the benchmark measures
// the list and not a recorder's buffer.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkActiveSessionsList pages into lists of 100,000 and 1,000,000
// clients: B/op and the peak heap stay flat as the count grows tenfold,
// and the time per page is that of the passes over the clients.
//
//	go test -run '^$' -bench ActiveSessionsList -benchtime 3x ./server
func BenchmarkActiveSessionsList(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		m := start(b, func(c *Config) { c.World = mustWorld(b, 1, 0, n); c.DisableValidation = true })
		s := m.Config.Handler.(*Server)
		tok := m.appgateToken(b, "admin", "admin")
		for _, q := range []struct{ name, query string }{
			{"first page", "range=0-99"},
			{"middle page", fmt.Sprintf("range=%d-%d", n/2, n/2+99)},
			{"middle page by username", fmt.Sprintf("range=%d-%d&orderBy=username", n/2, n/2+99)},
			{"search", "query=laptop&range=0-99"},
		} {
			b.Run(fmt.Sprintf("%s/%dk", q.name, n/1000), func(b *testing.B) {
				req := httptest.NewRequest("GET", "/admin/stats/active-sessions/dn?"+q.query, nil)
				req.Header.Set("Accept", accept23)
				req.Header.Set("Authorization", "Bearer "+tok)
				var peak uint64
				b.ReportAllocs()
				for b.Loop() {
					stop, done := make(chan struct{}), make(chan struct{})
					go func() { // sample the heap while the page is found
						defer close(done)
						tick := time.NewTicker(20 * time.Millisecond)
						defer tick.Stop()
						var ms runtime.MemStats
						for {
							runtime.ReadMemStats(&ms)
							peak = max(peak, ms.HeapInuse)
							select {
							case <-stop:
								return
							case <-tick.C:
							}
						}
					}()
					s.ServeHTTP(&discard{h: http.Header{}}, req)
					close(stop)
					<-done
				}
				b.ReportMetric(float64(peak)/(1<<20), "MB-heap")
			})
		}
	}
}

// BenchmarkActiveSessionsPage is one page of the default 20 clients, as a
// console or a script pages through them: under the fixed clock a page is
// answered once and then sent as kept.
//
//	go test -run '^$' -bench ActiveSessionsPage -benchmem ./server
func BenchmarkActiveSessionsPage(b *testing.B) {
	m := start(b, nil)
	s := m.Config.Handler.(*Server)
	tok := m.appgateToken(b, "admin", "admin")
	for _, q := range []string{"range=0-9", "range=0-19&orderBy=username"} {
		b.Run(q, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/admin/stats/active-sessions/dn?"+q, nil)
			req.Header.Set("Accept", accept23)
			req.Header.Set("Authorization", "Bearer "+tok)
			d := &discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(d.h)
				s.ServeHTTP(d, req)
			}
		})
	}
}
