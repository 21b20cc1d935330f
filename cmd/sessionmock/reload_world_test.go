package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// seguraListBody is the Segura list a mock answers now, checked against
// the vendor's document.
func seguraListBody(t *testing.T, base string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/session/remotesessions", nil)
	req.Header.Set("Authorization", "Bearer "+seguraToken(t, http.DefaultClient, base))
	resp, body := send(t, req)
	spectest.Check(t, wire.Segura, req, resp, body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d %s", resp.StatusCode, body)
	}
	return body
}

func mockClock(t *testing.T, base string) mockapi.Clock {
	t.Helper()
	resp, err := http.Get(base + mockapi.PathClock)
	if err != nil {
		t.Fatal(err)
	}
	var c mockapi.Clock
	decodeJSON(t, resp, &c)
	return c
}

const (
	worldBefore = "clock: 2026-05-04T09:00:00Z\nsegura-sessions: 30\n"
	worldAfter  = "clock: 2026-06-01T12:00:00Z\nsegura-sessions: 30\nsegura-arrival-rate: 8\nappgate-grace: 1m\n"
)

// TestServeReloadRestartsTheWorld moves the clock of a running serve,
// changes its config file's clock and timeline, and requires the world a
// start with the new file serves: its clock and its list, byte for byte.
func TestServeReloadRestartsTheWorld(t *testing.T) {
	cm := newConfigMap(t, worldBefore)
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--config", cm.file, "--config-poll", "100ms")
	resp, err := http.Post(m.base+mockapi.PathClock, "application/json", strings.NewReader(`{"advance":"2h"}`))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if c := mockClock(t, m.base); c.Now != "2026-05-04T11:00:00Z" {
		t.Fatalf("the clock after an advance of 2h shows %s", c.Now)
	}

	mark := m.stderr.Len()
	cm.update(t, worldAfter)
	out := m.stderr.waitFor(t, mark, "configuration reloaded")
	for _, want := range []string{"the world restarts", "settings=clock,clock-start,segura-arrival-rate,appgate-grace", "now=2026-06-01T12:00:00Z"} {
		if !strings.Contains(out, want) {
			t.Errorf("the reload log does not say %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "need a restart") {
		t.Errorf("a clock change is named as needing a restart:\n%s", out)
	}
	if c := mockClock(t, m.base); c.Now != "2026-06-01T12:00:00Z" || c.Mode != "fixed" {
		t.Errorf("the clock after the reload is %+v, want fixed at the new start", c)
	}

	file := filepath.Join(t.TempDir(), "after.yaml")
	if err := os.WriteFile(file, []byte(worldAfter), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := startServe(t, nil, "--addr", "127.0.0.1:0", "--config", file)
	if got, want := seguraListBody(t, m.base), seguraListBody(t, fresh.base); !bytes.Equal(got, want) {
		t.Errorf("the reloaded list differs from a fresh start's:\n got %s\nwant %s", got, want)
	}
}

// TestServeReloadKeepsTheWorldOnABrokenPinnedFile: a world restart reads
// the --fixtures file again, as a start would; when that file has become
// unreadable as pinned records, the reload is refused whole and the
// running world, clock and all, stays.
func TestServeReloadKeepsTheWorldOnABrokenPinnedFile(t *testing.T) {
	dir := t.TempDir()
	pinned := filepath.Join(dir, "pins.yaml")
	good, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "testdata", "pins.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pinned, good, 0o644); err != nil {
		t.Fatal(err)
	}
	cm := newConfigMap(t, worldBefore)
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--config", cm.file, "--config-poll", "100ms", "--fixtures", pinned)
	before := seguraListBody(t, m.base)
	bad, err := os.ReadFile(filepath.Join("testdata", "bad-pinned.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pinned, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	mark := m.stderr.Len()
	cm.update(t, worldAfter)
	out := m.stderr.waitFor(t, mark, "reload refused")
	if !strings.Contains(out, "pins.yaml") {
		t.Errorf("the refusal does not name the pinned file:\n%s", out)
	}
	if c := mockClock(t, m.base); c.Now != "2026-05-04T09:00:00Z" {
		t.Errorf("the clock after a refused reload shows %s, want the running one", c.Now)
	}
	if got := seguraListBody(t, m.base); !bytes.Equal(got, before) {
		t.Error("a refused reload changed the list")
	}
}
