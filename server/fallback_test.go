package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRecovererAnswersVendor500(t *testing.T) {
	var logs bytes.Buffer
	s, err := New(Config{World: mustWorld(t, 1, 1, 1), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	})))
	defer ts.Close()
	for path, want := range map[string]string{
		"/api/session/remotesessions": `{"code":500,"response":{"status":500,"message":"Unexpected error.","error":true,"error_code":5,"detail":"","mensagem":"Unexpected error.","erro":true,"cod_erro":5}}`,
		"/admin/session-info/x":       `{"id":"internal server error","message":"Unexpected server side error."}`,
	} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 500 || string(body) != want {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("panic not logged: %s", logs.String())
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	w := mustWorld(t, 1, 1, 1)
	for name, cfg := range map[string]Config{
		"no world":             {},
		"lowest above current": {World: w, PeerVersion: 20, LowestPeerVersion: 21},
		"negative lowest":      {World: w, PeerVersion: 20, LowestPeerVersion: -1},
		"tiny token lifetime":  {World: w, TokenTTL: time.Millisecond},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDebugLogLine(t *testing.T) {
	var logs bytes.Buffer
	m := start(t, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	m.call(t, m.request(t, "GET", "/admin/version", nil))
	if !strings.Contains(logs.String(), "path=/admin/version status=200") {
		t.Errorf("log: %s", logs.String())
	}
}
