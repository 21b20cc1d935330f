package server

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/fault"
)

// TestListStopsWhenClientLeaves reads the start of a very long list and
// hangs up: the server must stop generating, which the journal shows as an
// answer far shorter than the whole list.
func TestListStopsWhenClientLeaves(t *testing.T) {
	// About 340 GB of JSON, many minutes of generation: if the server went
	// on after the client left, the journal entry would not appear below.
	const count = 1_000_000_000
	m := start(t, func(c *Config) { c.World = mustWorld(t, 1, count, 1) })
	tok := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	req := m.request(t, "GET", "/api/session/remotesessions", nil, "Authorization", "Bearer "+tok)
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(resp.Body, make([]byte, 256<<10)); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	deadline := time.Now().Add(60 * time.Second)
	for {
		entries, _ := m.Config.Handler.(*Server).Requests()
		if last := entries[len(entries)-1]; last.Route == fault.RouteRemoteSessions {
			if last.Bytes >= 100<<20 {
				t.Fatalf("the server wrote %d bytes after the client left", last.Bytes)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the list handler is still running a minute after the client left")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
