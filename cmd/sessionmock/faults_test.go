package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeFaultFlags starts serve with the short fault flags and an admin
// token and checks what a client sees.
func TestServeFaultFlags(t *testing.T) {
	m := startServe(t, map[string]string{"SESSIONMOCK_ADMIN_TOKEN": "t0k"},
		"serve", "--addr", "127.0.0.1:0", "--error-rate", "1", "--error-status", "503", "--latency", "20ms")
	client := &http.Client{Timeout: 10 * time.Second}
	start := time.Now()
	resp, err := client.Get(m.base + "/admin/version")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || !strings.Contains(string(body), `"id":"service unavailable"`) {
		t.Errorf("with --error-rate 1: %d %s", resp.StatusCode, body)
	}
	if time.Since(start) < 20*time.Millisecond {
		t.Errorf("answered before the 20ms --latency")
	}
	for token, want := range map[string]int{"": 401, "t0k": 200} {
		req, _ := http.NewRequest("GET", m.base+"/__mock/faults", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("admin with token %q: %d %s", token, resp.StatusCode, body)
		}
		if want == 200 && (!strings.Contains(string(body), `"id":"latency"`) || !strings.Contains(string(body), `"id":"error-rate"`)) {
			t.Errorf("rules: %s", body)
		}
	}
}
