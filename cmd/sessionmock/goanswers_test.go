package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestGoAnswersItself pins the requests that never reach the mock's
// handlers, because Go's HTTP server cannot parse them and answers in
// plain text itself, as the README's errors section lists them. Every
// other malformed request gets JSON in the vendor's form (see the server
// package's TestMalformedRequestsGetTheVendorsJSON).
func TestGoAnswersItself(t *testing.T) {
	t.Parallel()
	plain := startServe(t, nil, "serve", "--addr", "127.0.0.1:0")
	tls := startServe(t, nil, "serve", "--addr", "127.0.0.1:0", "--tls")
	tests := []struct {
		name, base, raw string
		status          int
	}{
		{"invalid percent-encoding in the path", plain.base,
			"GET /admin/session-info/CN=%zz,CN=a,OU=b HTTP/1.1\r\nHost: mock\r\n\r\n", 400},
		{"a space in the target", plain.base, "GET /admin/ver sion HTTP/1.1\r\nHost: mock\r\n\r\n", 400},
		{"a header line that is not one", plain.base, "GET /admin/version HTTP/1.1\r\nHost: mock\r\nBad Header: y\r\n\r\n", 400},
		{"no Host header", plain.base, "GET /admin/version HTTP/1.1\r\n\r\n", 400},
		{"two Content-Length headers", plain.base,
			"POST /iso/oauth2/token HTTP/1.1\r\nHost: mock\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", 400},
		{"headers over 64 KB", plain.base,
			"GET /admin/version HTTP/1.1\r\nHost: mock\r\nX-Big: " + strings.Repeat("a", 80<<10) + "\r\n\r\n", 431},
		{"a transfer encoding other than chunked", plain.base,
			"POST /iso/oauth2/token HTTP/1.1\r\nHost: mock\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
		{"an Expect other than 100-continue", plain.base, "GET /admin/version HTTP/1.1\r\nHost: mock\r\nExpect: x\r\n\r\n", 417},
		{"another HTTP version", plain.base, "GET /admin/version HTTP/2.0\r\nHost: mock\r\n\r\n", 505},
		{"plain HTTP to the TLS port", strings.Replace(tls.base, "https://", "http://", 1),
			"GET /admin/version HTTP/1.1\r\nHost: mock\r\n\r\n", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", strings.TrimPrefix(tt.base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(hangGuard))
			if _, err := io.WriteString(conn, tt.raw); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status || strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Errorf("%d %q, want Go's own %d", resp.StatusCode, resp.Header.Get("Content-Type"), tt.status)
			}
		})
	}
}
