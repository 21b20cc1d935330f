package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestServeShutdownReleasesSimulations: a request held by fault=timeout
// (60 s by default) and a slow answer (an hour) are in flight when the
// stop comes. The held one is dropped at once, the slow one sends the
// rest of its body at once, and run returns nil (exit status 0) well
// within the 10 s grace, instead of waiting it out and failing.
func TestServeShutdownReleasesSimulations(t *testing.T) {
	m := startServe(t, nil, "--addr", "127.0.0.1:0")
	addr := strings.TrimPrefix(m.base, "http://")

	// The server reads the body right before the fault holds the request.
	conn, held := inFlight(t, addr, fmt.Sprintf("GET /admin/version HTTP/1.1\r\nHost: %s\r\nPrefer: fault=timeout\r\n"+
		"Content-Length: 2\r\nExpect: 100-continue\r\n\r\n", addr))
	io.WriteString(conn, "{}")

	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", m.base+"/admin/version", nil)
	req.Header.Set("Prefer", "fault=slow, hold=1h")
	slow, err := http.DefaultClient.Do(req) // the status comes at once
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Body.Close()

	if err := m.stop(t); err != nil || exitCode(err) != 0 {
		t.Fatalf("run = %v (exit %d), want nil; stderr:\n%s", err, exitCode(err), m.stderr)
	}
	if resp, err := http.ReadResponse(held, nil); err == nil {
		t.Errorf("the held request was answered %d, want it dropped", resp.StatusCode)
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the held request is still held after the mock stopped")
	}
	body, err := io.ReadAll(slow.Body)
	if err != nil || !strings.Contains(string(body), `"peerVersion":`) {
		t.Errorf("slow answer after the stop: %q, %v", body, err)
	}
}
