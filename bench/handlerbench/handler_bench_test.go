package handlerbench

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/logformat"
	"github.com/sessionmock/sessionmock/server"
)

const peerAccept = "application/vnd.appgate.peer-v23+json"

// discard is a ResponseWriter that keeps only the status and the number
// of body bytes, so a benchmark measures the handler and not a buffer.
type discard struct {
	h      http.Header
	status int
	n      int64
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(s int)   { d.status = s }
func (d *discard) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	d.n += int64(len(p))
	return len(p), nil
}

func (d *discard) reset() {
	clear(d.h)
	d.status, d.n = 0, 0
}

func newMock(b testing.TB, segura, appgate int, validate bool) *server.Server {
	b.Helper()
	w, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: segura, AppgateClients: appgate})
	if err != nil {
		b.Fatal(err)
	}
	s, err := server.New(server.Config{World: w, DisableValidation: !validate, JournalSize: server.DefaultJournalSize})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// serve runs one request through h and returns the answer.
func serve(b testing.TB, h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	b.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func appgateToken(b testing.TB, h http.Handler) string {
	b.Helper()
	body := `{"providerName":"local","username":"admin","password":"admin","deviceId":"00000000-0000-4000-8000-000000000001"}`
	r := httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader(body))
	r.Header.Set("Accept", peerAccept)
	r.Header.Set("Content-Type", "application/json")
	rec := serve(b, h, r)
	var out struct{ Token string }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Token == "" {
		b.Fatalf("login: %d %s", rec.Code, rec.Body)
	}
	return out.Token
}

func seguraToken(b testing.TB, h http.Handler) string {
	b.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"sessionmock"}, "client_secret": {"sessionmock-secret"}}
	r := httptest.NewRequest(http.MethodPost, "/iso/oauth2/token", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := serve(b, h, r)
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.AccessToken == "" {
		b.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
	return out.AccessToken
}

// sessionInfoRequests are session-info requests for the first n DNs, as
// the load generator of the harness sends them.
func sessionInfoRequests(b testing.TB, w *fixtures.World, token string, n int) []*http.Request {
	b.Helper()
	var out []*http.Request
	for i := range min(n, w.Appgate().Len()) {
		dn := w.Appgate().At(i).DN.String()
		r := httptest.NewRequest(http.MethodGet, "/admin/session-info/"+url.PathEscape(dn), nil)
		r.Header.Set("Accept", peerAccept)
		r.Header.Set("Authorization", "Bearer "+token)
		out = append(out, r)
	}
	return out
}

func mustWorld(b testing.TB, segura, appgate int) *fixtures.World {
	b.Helper()
	w, err := fixtures.NewWorld(fixtures.Options{Seed: 1, SeguraSessions: segura, AppgateClients: appgate})
	if err != nil {
		b.Fatal(err)
	}
	return w
}

// BenchmarkSessionInfo is one GET /admin/session-info/{dn} through the
// whole handler chain, cycling over 20 DNs, with the journal and the
// request log line of serve's defaults (text, to io.Discard); "bare"
// serves the same bytes from a map, as the harness's baseline server
// does.
func BenchmarkSessionInfo(b *testing.B) {
	w := mustWorld(b, 50, 20)
	for _, tc := range []struct {
		name     string
		validate bool
	}{{"validate=on", true}, {"validate=off", false}} {
		b.Run(tc.name, func(b *testing.B) {
			h, err := server.New(server.Config{World: w, DisableValidation: !tc.validate, JournalSize: server.DefaultJournalSize,
				Logger: slog.New(logformat.New(io.Discard, "text", nil))})
			if err != nil {
				b.Fatal(err)
			}
			reqs := sessionInfoRequests(b, w, appgateToken(b, h), 20)
			benchRequests(b, h, reqs)
		})
	}
	b.Run("bare", func(b *testing.B) {
		h, err := server.New(server.Config{World: w, JournalSize: server.DefaultJournalSize})
		if err != nil {
			b.Fatal(err)
		}
		reqs := sessionInfoRequests(b, w, appgateToken(b, h), 20)
		a := answers.File{ContentType: "application/json", Answers: map[string]answers.Answer{}}
		for _, r := range reqs {
			rec := serve(b, h, r)
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: %d %s", r.URL.Path, rec.Code, rec.Body)
			}
			a.Answers[r.URL.RequestURI()] = answers.Answer{Body: rec.Body.Bytes()}
		}
		bare, err := a.Handler()
		if err != nil {
			b.Fatal(err)
		}
		benchRequests(b, bare, reqs)
	})
}

func benchRequests(b *testing.B, h http.Handler, reqs []*http.Request) {
	d := &discard{h: http.Header{}}
	var total int64
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.reset()
		h.ServeHTTP(d, reqs[i%len(reqs)])
		if d.status != http.StatusOK {
			b.Fatalf("%s: status %d", reqs[i%len(reqs)].URL.Path, d.status)
		}
		total += d.n
		i++
	}
	b.SetBytes(total / int64(max(i, 1)))
}

// BenchmarkSeguraList streams the whole list once per operation and
// reports the cost per record: what GET /api/session/remotesessions
// costs the server for each of a million records, without the network.
// allocs/record must stay small for a long list to stream in constant
// memory: what is allocated per record is garbage the collector must keep
// up with.
//
// With age=week the clock is a week past the start instant: the list then
// holds the week's new sessions too, and finding what has begun by the
// clock is a binary search, so the cost per record stays the same.
func BenchmarkSeguraList(b *testing.B) {
	for _, c := range []struct {
		n   int
		age time.Duration
	}{{1_000, 0}, {100_000, 0}, {100_000, 7 * 24 * time.Hour}} {
		name := "records=" + strconv.Itoa(c.n)
		if c.age > 0 {
			name += "/age=week"
		}
		b.Run(name, func(b *testing.B) {
			h := newMock(b, c.n, 20, true)
			if _, err := h.Clock().Advance(c.age); err != nil {
				b.Fatal(err)
			}
			n := h.View().Segura().Len()
			r := httptest.NewRequest(http.MethodGet, "/api/session/remotesessions", nil)
			r.Header.Set("Authorization", "Bearer "+seguraToken(b, h))
			d := &discard{h: http.Header{}}
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			ops := 0
			for b.Loop() {
				d.reset()
				h.ServeHTTP(d, r)
				if d.status != http.StatusOK {
					b.Fatalf("status %d", d.status)
				}
				ops++
			}
			runtime.ReadMemStats(&after)
			records := float64(ops) * float64(n)
			b.SetBytes(d.n)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/records, "ns/record")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/records, "allocs/record")
			b.ReportMetric(float64(d.n)/float64(n), "bytes/record")
		})
	}
}
