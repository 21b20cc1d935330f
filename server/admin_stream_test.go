package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// sse is one event as a reader of /__mock/events sees it.
type sse struct {
	name, data string
}

// eventReader reads an event stream; the guard only keeps a broken test
// from hanging, it measures nothing.
type eventReader struct {
	resp *http.Response
	r    *bufio.Reader
}

func openEvents(t *testing.T, url string, header ...string) *eventReader {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", url+"/__mock/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return &eventReader{resp: resp, r: bufio.NewReader(resp.Body)}
}

// next returns the next event, skipping comments (heartbeats).
func (er *eventReader) next(t *testing.T) sse {
	t.Helper()
	e, err := er.read(false)
	if err != nil {
		t.Fatalf("read event: %v", err)
	}
	return e
}

func (er *eventReader) read(comments bool) (sse, error) {
	var e sse
	for {
		line, err := er.r.ReadString('\n')
		if err != nil {
			return e, err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && (e.name != "" || e.data != ""):
			return e, nil
		case strings.HasPrefix(line, ":") && comments:
			return sse{name: line}, nil
		case strings.HasPrefix(line, "event: "):
			e.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			e.data += strings.TrimPrefix(line, "data: ")
		}
	}
}

func (er *eventReader) want(t *testing.T, name string) sse {
	t.Helper()
	e := er.next(t)
	if e.name != name {
		t.Fatalf("event %q (%s), want %q", e.name, e.data, name)
	}
	return e
}

func TestEventsStream(t *testing.T) {
	m := start(t, nil)
	er := openEvents(t, m.URL)
	if ct := er.resp.Header.Get("Content-Type"); er.resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("status %d, Content-Type %q", er.resp.StatusCode, ct)
	}
	wantJSON(t, []byte(er.want(t, "hello").data), `{"seen":0,"capacity":1000}`)

	// A vendor request arrives as its journal entry, credentials hidden.
	req := m.request(t, "POST", "/iso/oauth2/token", strings.NewReader("grant_type=client_credentials"),
		"Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("sessionmock", "sessionmock-secret")
	m.call(t, req)
	e := er.want(t, "request")
	var entry JournalEntry
	mustUnmarshal(t, []byte(e.data), &entry)
	if entry.ID != 1 || entry.Route != "token" || entry.Status != 200 || entry.Method != "POST" {
		t.Errorf("entry %s", e.data)
	}
	if got := entry.Headers["Authorization"]; len(got) != 1 || got[0] != "Basic [redacted]" {
		t.Errorf("Authorization in the stream: %q", got)
	}
	// The list shows the same entry.
	_, body := m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	var list requestsBody
	mustUnmarshal(t, body, &list)
	b, _ := json.Marshal(list.Requests[0])
	wantJSON(t, []byte(e.data), string(b))

	// Fault rules changed through the API, and the journal cleared.
	m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(`{"action":{"status":500}}`), "Content-Type", "application/json"))
	er.want(t, "faults")
	m.call(t, m.request(t, "DELETE", "/__mock/faults/r1", nil))
	er.want(t, "faults")
	m.call(t, m.request(t, "DELETE", "/__mock/requests", nil))
	er.want(t, "cleared")
	m.call(t, m.request(t, "POST", "/__mock/reset", nil))
	er.want(t, "cleared")
	er.want(t, "faults")
	// A rule fired shows in the entry.
	m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(`{"id":"boom","match":{"route":"version"},"action":{"status":503}}`),
		"Content-Type", "application/json"))
	er.want(t, "faults")
	m.call(t, m.request(t, "GET", "/admin/version", nil, "Accept", "application/json"))
	mustUnmarshal(t, []byte(er.want(t, "request").data), &entry)
	if entry.Status != 503 || len(entry.Rules) != 1 || entry.Rules[0] != "boom" || entry.Fault != "status" {
		t.Errorf("faulted entry %+v", entry)
	}
}

func TestEventsNeedTheAdminToken(t *testing.T) {
	m := start(t, func(c *Config) { c.AdminToken = "letmein" })
	if er := openEvents(t, m.URL); er.resp.StatusCode != 401 {
		t.Fatalf("without the token: %d", er.resp.StatusCode)
	}
	er := openEvents(t, m.URL, "Authorization", "Bearer letmein")
	if er.resp.StatusCode != 200 {
		t.Fatalf("with the token: %d", er.resp.StatusCode)
	}
	er.want(t, "hello")
}

func TestEventsHeartbeat(t *testing.T) {
	m := start(t, nil)
	m.srv.events.heartbeat = time.Millisecond
	er := openEvents(t, m.URL)
	er.want(t, "hello")
	e, err := er.read(true)
	if err != nil || e.name != ": ping" {
		t.Fatalf("after hello: %+v, %v; want the heartbeat comment", e, err)
	}
}

func TestEventsBoundedAndClosed(t *testing.T) {
	m := start(t, nil)
	s, url := m.srv, m.URL
	var open []*eventReader
	for range maxStreams {
		er := openEvents(t, url)
		er.want(t, "hello")
		open = append(open, er)
	}
	er := openEvents(t, url)
	body, _ := io.ReadAll(er.resp.Body)
	if er.resp.StatusCode != 503 || !strings.Contains(string(body), "too many event streams") {
		t.Fatalf("stream %d: %d %s", maxStreams+1, er.resp.StatusCode, body)
	}
	// A stream closed by its reader frees its place.
	open[0].resp.Body.Close()
	for {
		er := openEvents(t, url)
		if er.resp.StatusCode == 200 {
			er.want(t, "hello")
			open[0] = er
			break
		}
		er.resp.Body.Close() // the server has not noticed the close yet
		time.Sleep(time.Millisecond)
	}

	s.CloseStreams()
	for i, er := range open {
		if _, err := er.read(false); !errors.Is(err, io.EOF) {
			t.Errorf("stream %d after CloseStreams: %v, want the end of the stream", i, err)
		}
	}
	er = openEvents(t, url)
	if er.resp.StatusCode != 503 {
		t.Errorf("a stream after CloseStreams: %d", er.resp.StatusCode)
	}
}

func TestEventsSlowSubscriberIsDroppedWithoutBlocking(t *testing.T) {
	t.Parallel()
	ev := newEvents()
	slow, err := ev.subscribe()
	if err != nil {
		t.Fatal(err)
	}
	fast, err := ev.subscribe()
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for i := range streamBuffer + 10 {
		ev.added(JournalEntry{ID: uint64(i + 1)}) // would block for good if publish waited
		<-fast.ch
		got++
	}
	select {
	case <-slow.gone:
	default:
		t.Fatal("a subscriber that read nothing is still subscribed")
	}
	select {
	case <-fast.gone:
		t.Fatal("a subscriber that kept up was dropped")
	default:
	}
	if got != streamBuffer+10 || ev.n.Load() != 1 {
		t.Errorf("fast reader got %d events; %d subscribers left", got, ev.n.Load())
	}
	ev.unsubscribe(slow) // twice is harmless
	ev.unsubscribe(fast)
	if ev.n.Load() != 0 {
		t.Errorf("%d subscribers after both left", ev.n.Load())
	}
}

func TestJournalOffStillStreamsFaults(t *testing.T) {
	m := start(t, func(c *Config) { c.JournalSize = 0 })
	er := openEvents(t, m.URL)
	wantJSON(t, []byte(er.want(t, "hello").data), `{"seen":0,"capacity":0}`)
	m.call(t, m.request(t, "GET", "/admin/version", nil, "Accept", "application/json"))
	m.call(t, m.request(t, "DELETE", "/__mock/faults", nil))
	er.want(t, "faults") // and no request event before it
}
