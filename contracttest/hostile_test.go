package contracttest

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Servers that answer what no vendor sends, to hold the suite to its
// bounds: what it reads, keeps and decodes is bounded whatever comes back,
// so the time it takes and the memory it needs are too. The tests assert
// the work done (bytes read, values kept), not the time taken.

// wideArray is a JSON array of n empty objects.
func wideArray(n int) string { return "[" + strings.Repeat("{},", n-1) + "{}]" }

// hostile answers the token endpoint and the login with body, and every
// other request with an error of the vendor's shape.
func hostile(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/admin/login" && strings.Contains(r.Header.Get("Accept"), "peer-v5+"):
			w.WriteHeader(http.StatusNotAcceptable)
			_, _ = io.WriteString(w, `{"id":"not acceptable","message":"Invalid 'Accept' header.","minSupportedVersion":21,"maxSupportedVersion":23}`)
		case r.URL.Path == "/iso/oauth2/token", r.URL.Path == "/admin/login":
			_, _ = io.WriteString(w, body)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"id":"not found","message":"no"}`)
		}
	})
}

// heapPeak samples the live heap while f runs and returns the highest
// growth over what it was before.
func heapPeak(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if v := read(); v > base && v-base > peak.Load() {
				peak.Store(v - base)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return peak.Load()
}

// boundedRun runs the suite against h and checks the bounds of its work.
func boundedRun(t *testing.T, vendor string, h http.Handler, opts Options) (Report, *runStats) {
	t.Helper()
	ts := serve(t, h)
	stats := &runStats{}
	opts.stats = stats
	target := targetFor(vendor, ts.URL)
	if vendor == "appgate" {
		target.DNs = []string{"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"}
	}
	rep, err := Run(context.Background(), target, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	limit := cmpOr64(opts.MaxBodyBytes, DefaultMaxBodyBytes)
	if stats.BytesRead > int64(rep.Requests)*limit {
		t.Errorf("read %d bytes in %d requests: more than %d each", stats.BytesRead, rep.Requests, limit)
	}
	if stats.MaxKeptValues > maxKeptValues || stats.MaxKeptBytes > maxKeptBytes || stats.Retained > maxRetainedBytes {
		t.Errorf("kept %d values and %d bytes of one answer, %d bytes in all: beyond the bounds", stats.MaxKeptValues, stats.MaxKeptBytes, stats.Retained)
	}
	if rep.BytesRead != stats.BytesRead {
		t.Errorf("report says %d bytes read, the run counted %d", rep.BytesRead, stats.BytesRead)
	}
	return rep, stats
}

func cmpOr64(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

func TestHostileBodies(t *testing.T) {
	tests := []struct {
		name, vendor, body string
		// fail must be among the failed checks.
		fail []string
	}{
		{"token body of 100,000 empty objects", "segura", wideArray(100_000), []string{CheckTokenIssued, CheckSchemaValid}},
		{"token with an extra array of 100,000 objects", "segura",
			`{"token_type":"Bearer","expires_in":3600,"access_token":"a-token","x":` + wideArray(100_000) + `}`, nil},
		{"login with 100,000 empty privileges", "appgate",
			`{"token":"a-token","expires":"2100-01-01T00:00:00Z","user":{"name":"admin","privileges":` + wideArray(100_000) + `}}`,
			[]string{CheckSchemaValid}},
		{"9 MB of empty privileges", "appgate",
			`{"token":"a-token","expires":"2100-01-01T00:00:00Z","user":{"name":"admin","privileges":` + wideArray(3_000_000) + `}}`,
			[]string{CheckSchemaValid}},
		{"object with 100,000 members", "segura",
			`{"token_type":"Bearer","expires_in":3600,"access_token":"a-token","x":{` + strings.Repeat(`"k":{},`, 100_000) + `"z":0}}`,
			[]string{CheckSchemaValid}},
		{"nested a million deep", "segura", strings.Repeat("[", 1_000_000), []string{CheckTokenIssued, CheckSchemaValid}},
		{"20 MB string", "appgate", `{"token":"` + strings.Repeat("t", 20<<20) + `"}`, []string{CheckTokenIssued, CheckSchemaValid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, stats := boundedRun(t, tt.vendor, hostile(tt.body), Options{})
			if stats.BytesRead < int64(len(tt.body)) {
				t.Errorf("read %d bytes, less than the body", stats.BytesRead)
			}
			for _, id := range tt.fail {
				if c := resultOf(t, rep, id); c.Status != Failed {
					t.Errorf("%s: %s (%s), want failed", id, c.Status, c.Reason)
				}
			}
		})
	}
}

// Memory stays far below 256 MB for the answers that once took gigabytes.
func TestHostileBodiesMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector multiplies memory use")
	}
	body := `{"token":"a-token","expires":"2100-01-01T00:00:00Z","user":{"name":"admin","privileges":` + wideArray(3_000_000) + `}}`
	h := hostile(body)
	var rep Report
	peak := heapPeak(func() { rep, _ = boundedRun(t, "appgate", h, Options{}) })
	t.Logf("peak heap growth %d MiB over %d requests", peak>>20, rep.Requests)
	if peak > 128<<20 {
		t.Errorf("peak heap growth %d MiB, want under 128 MiB", peak>>20)
	}
}

func TestEndlessBody(t *testing.T) {
	const limit = 1 << 20
	endless := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(`{},`, 10_000))
		_, _ = w.Write([]byte(`{"access_token":[`))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	rep, stats := boundedRun(t, "segura", endless, Options{MaxBodyBytes: limit})
	if stats.BytesRead != int64(rep.Requests)*limit {
		t.Errorf("read %d bytes in %d requests, want the limit of %d each", stats.BytesRead, rep.Requests, limit)
	}
	c := resultOf(t, rep, CheckTokenIssued)
	if c.Status != Failed || !strings.Contains(c.Evidence[0].Note, "body longer than 1048576 bytes") {
		t.Errorf("token-issued %s: %s %+v", c.Status, c.Reason, c.Evidence)
	}
}

// A server that stops answering half way through a body is cut off by the
// time-out of the request, and one that never ends a body of the session
// list by the deadline of the run.
func TestStalls(t *testing.T) {
	mock := newCompliant(t)
	stall := func(when func(*http.Request) bool) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !when(r) {
				mock.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"code":200,`)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		})
	}
	t.Run("time-out", func(t *testing.T) {
		rep, _ := boundedRun(t, "segura", stall(and(seguraList, withAuth)), Options{Timeout: 200 * time.Millisecond})
		c := resultOf(t, rep, CheckNoServerError)
		if c.Status != Failed || !strings.Contains(c.Reason, "a 5xx or no answer") {
			t.Errorf("no-server-error %s: %s", c.Status, c.Reason)
		}
		found := false
		for _, e := range failing(c) {
			found = found || strings.Contains(e.Error, "no complete answer within the time-out of 200ms")
		}
		if !found {
			t.Errorf("no evidence of the time-out: %+v", failing(c))
		}
	})
	t.Run("deadline", func(t *testing.T) {
		rep, _ := boundedRun(t, "segura", stall(and(seguraList, withAuth)), Options{Deadline: time.Second})
		skippedForDeadline := 0
		for _, c := range rep.Checks {
			if c.Status == Skipped && strings.Contains(c.Reason, "deadline") {
				skippedForDeadline++
			}
		}
		if skippedForDeadline == 0 {
			t.Error("no check was skipped for the deadline")
		}
	})
}

func TestRedirectLoop(t *testing.T) {
	mock := newCompliant(t)
	var hops atomic.Int64
	loop := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/session/remotesessions" {
			hops.Add(1)
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
			return
		}
		mock.ServeHTTP(w, r)
	})
	rep, _ := boundedRun(t, "segura", loop, Options{})
	c := resultOf(t, rep, CheckNoServerError)
	if c.Status != Failed {
		t.Fatalf("no-server-error %s: %s", c.Status, c.Reason)
	}
	if rep.Requests > DefaultMaxRequests || hops.Load() > int64(rep.Requests) {
		t.Errorf("%d hops in %d requests", hops.Load(), rep.Requests)
	}
	found := false
	for _, e := range failing(c) {
		found = found || strings.Contains(e.Error, "stopped after 5 redirects")
	}
	if !found {
		t.Errorf("no evidence of the loop: %+v", failing(c))
	}
}

// BenchmarkHostileLogin runs the suite against a controller whose login
// answer is 9 MB of empty privileges; it reports the peak heap growth.
func BenchmarkHostileLogin(b *testing.B) {
	body := `{"token":"a-token","expires":"2100-01-01T00:00:00Z","user":{"name":"admin","privileges":` + wideArray(3_000_000) + `}}`
	ts := serve(b, hostile(body))
	target := Target{Vendor: "appgate", BaseURL: ts.URL + appgate.BasePath, Username: "a", Password: "b",
		DNs: []string{"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=user,OU=ldap"}}
	var peak uint64
	b.ResetTimer()
	for b.Loop() {
		p := heapPeak(func() {
			if _, err := Run(context.Background(), target, Options{}); err != nil {
				b.Fatal(err)
			}
		})
		peak = max(peak, p)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}
