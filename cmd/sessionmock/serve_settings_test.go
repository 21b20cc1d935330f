package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeSettingsReachTheServer starts serve with a pinned-records file
// and the settings that only the server sees, and checks each from the
// outside.
func TestServeSettingsReachTheServer(t *testing.T) {
	m := startServe(t, map[string]string{"SESSIONMOCK_SEGURA_TENANT": "senhasegura"},
		"serve", "--addr", "127.0.0.1:0", "--fixtures", "../../fixtures/testdata/pins.yaml",
		"--journal-size", "0", "--cors-origins", "http://app.example:3000")
	client := &http.Client{Timeout: 10 * time.Second}
	token := seguraToken(t, client, m.base)

	get := func(path string, header ...string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", m.base+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(body)
	}
	_, list := get("/api/session/remotesessions", "Authorization", "Bearer "+token)
	for _, want := range []string{`"tenant":"senhasegura"`, `"user":"alice"`, `"id":"1000000"`, `"ITSM":"CHG0034567"`} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %s", want)
		}
	}
	if _, body := get("/__mock/requests"); !strings.Contains(body, `"capacity":0`) || !strings.Contains(body, `"requests":[]`) {
		t.Errorf("journal with --journal-size 0: %s", body)
	}
	resp, _ := get("/admin/version", "Origin", "http://app.example:3000")
	if resp.Header.Get("Access-Control-Allow-Origin") != "http://app.example:3000" {
		t.Errorf("allowed origin: %v", resp.Header)
	}
	resp, _ = get("/admin/version", "Origin", "http://other.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", resp.Header)
	}
}
