package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
)

// syncBuffer lets the test read what run prints while run still runs.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunServesUntilCancelled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "answers.json")
	data, _ := json.Marshal(answers.File{ContentType: "application/json", Answers: map[string]answers.Answer{
		"/x":        {Body: []byte(`{"ok":true}`)},
		"/x?page=2": {Body: []byte(`{"page":2}`), Chunked: true},
	}})
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", addr, "-bodies", file}, &out, io.Discard) }()

	get := func(uri string) (string, error) {
		resp, err := http.Get("http://" + addr + uri)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	var body string
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if body, err = get("/x"); err == nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if body != `{"ok":true}` {
		t.Fatalf("body %q", body)
	}
	// A page of the same path is another answer.
	if body, err = get("/x?page=2"); err != nil || body != `{"page":2}` {
		t.Fatalf("page 2: %q, %v", body, err)
	}
	if !strings.Contains(out.String(), "listening on http://"+addr+", 2 answers") {
		t.Fatalf("stdout %q does not name the address", out.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"contentType":"a"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		err  string
	}{
		{"no bodies flag", nil, "-bodies is required"},
		{"missing file", []string{"-bodies", filepath.Join(dir, "none.json")}, "no such file"},
		{"bad file", []string{"-bodies", bad}, "bad.json: answers: no answers"},
		{"unknown flag", []string{"-x"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
		})
	}
}
