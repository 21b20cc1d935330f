package main

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"testing"
)

// An open console (an event stream) must not make a stop wait out the
// grace period and fail.
func TestServeShutdownEndsEventStreams(t *testing.T) {
	m := startServe(t, nil, "--addr", "127.0.0.1:0")
	resp, err := http.Get(m.base + "/__mock/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	if line, err := r.ReadString('\n'); err != nil || line != "event: hello\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	if err := m.stop(t); err != nil {
		t.Fatalf("run = %v, want nil", err)
	}
	rest, err := io.ReadAll(r)
	if err != nil || !strings.HasPrefix(string(rest), "data: ") {
		t.Errorf("after the stop the stream read %q, %v; want its end", rest, err)
	}
}
