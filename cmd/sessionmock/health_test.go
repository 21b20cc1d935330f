package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"testing"
)

// TestHealthWaitsForServe is the README's recipe, "serve &" and then
// "health --wait": the probe starts before the mock listens, fails, and
// succeeds once serve is up. No sleeping: serve starts when the probe has
// said that it is waiting.
func TestHealthWaitsForServe(t *testing.T) {
	t.Parallel()
	// A port nothing listens on, for now: the first probes are refused,
	// as before a mock started in the background has bound its port.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	pr, pw := io.Pipe()
	var stdout syncBuffer
	done := make(chan error, 1)
	go func() {
		// The wait is a bound for a mock that never comes; this test's
		// mock comes, so it ends as soon as serve answers.
		done <- run(context.Background(), []string{"health", "--wait", "10m", "--addr", addr}, nil, &stdout, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.Contains(line, "probing again for up to 10m") {
		t.Fatalf("health said %q (%v), want that it is waiting", line, err)
	}
	go io.Copy(io.Discard, pr)

	startServe(t, nil, "serve", "--addr", addr)
	if err := <-done; err != nil {
		t.Fatalf("health --wait: %v", err)
	}
	if want := "healthy: http://" + addr + "/__mock/health\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
}

// TestHealthFindsServeFromTheSameFlags: a mock started with --tls on an
// address of its own is found by health given the same flags, or the same
// variables, as a container's health check would be.
func TestHealthFindsServeFromTheSameFlags(t *testing.T) {
	t.Parallel()
	m := startServe(t, nil, "serve", "--addr", "127.0.0.1:0", "--tls")
	if !strings.HasPrefix(m.base, "https://") {
		t.Fatalf("banner URL %q", m.base)
	}
	addr := strings.TrimPrefix(m.base, "https://")

	out, _, err := runCmd(t, "health", "--addr", addr, "--tls")
	if err != nil || out != "healthy: "+m.base+"/__mock/health\n" {
		t.Errorf("health --addr --tls: %v %q", err, out)
	}
	var stdout syncBuffer
	err = run(t.Context(), []string{"health"}, []string{"SESSIONMOCK_ADDR=" + addr, "SESSIONMOCK_TLS=true"}, &stdout, io.Discard)
	if err != nil || !strings.HasPrefix(stdout.String(), "healthy: https://") {
		t.Errorf("health from the variables: %v %q", err, stdout.String())
	}
	// Without --tls the probe speaks HTTP to an HTTPS port: unhealthy,
	// exit status 1, and the answer says why.
	_, _, err = runCmd(t, "health", "--addr", addr)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "HTTP request to an HTTPS server") {
		t.Errorf("health without --tls: exit %d, %v", exitCode(err), err)
	}
}
