package main

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestSlowHeadersAreCutOff opens a connection that sends half a request
// and then nothing: the server must not let it hold the connection, and
// closes it once the header time-out passes. The time-out is shortened
// (the package's other tests run in parallel only after this one).
func TestSlowHeadersAreCutOff(t *testing.T) {
	was := headerTimeout
	t.Cleanup(func() { headerTimeout = was }) // after the server's own clean-up
	headerTimeout = 200 * time.Millisecond
	m := startServe(t, nil, "serve", "--addr", "127.0.0.1:0")
	conn, err := net.Dial("tcp", strings.TrimPrefix(m.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /admin/version HTTP/1.1\r\nHost: mock\r\n"); err != nil {
		t.Fatal(err)
	}
	// Far longer than the header time-out; reaching it means the server
	// kept the connection.
	_ = conn.SetReadDeadline(time.Now().Add(hangGuard))
	start := time.Now()
	rest, err := io.ReadAll(conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the server still held the half-sent request after %v", time.Since(start))
	}
	if len(rest) > 0 && !strings.HasPrefix(string(rest), "HTTP/1.1 408") {
		t.Errorf("answer to a half-sent request: %q", rest)
	}
}

// TestHalfSentBodyIsCutOff: headers in, body not: with --body-timeout the
// mock answers the vendor's 408 and closes the connection, instead of
// waiting for the rest for ever.
func TestHalfSentBodyIsCutOff(t *testing.T) {
	t.Parallel()
	m := startServe(t, nil, "serve", "--addr", "127.0.0.1:0", "--body-timeout", "200ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(m.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /iso/oauth2/token HTTP/1.1\r\nHost: mock\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 80\r\n\r\ngrant_type="); err != nil {
		t.Fatal(err)
	}
	// Far longer than the body time-out; reaching it means the server
	// kept the connection.
	_ = conn.SetReadDeadline(time.Now().Add(hangGuard))
	rest, err := io.ReadAll(conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the server still held the half-sent body after %v", hangGuard)
	}
	if !strings.HasPrefix(string(rest), "HTTP/1.1 408") || !strings.HasSuffix(string(rest), `{"message":"Request timeout"}`) {
		t.Errorf("answer to a half-sent body: %q", rest)
	}
}
