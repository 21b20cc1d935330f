package main

import (
	"context"
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/proc"
)

// TestHangUpTellsStoppingFromContinuing runs the check against two
// in-process servers: one that ends its stream when a write fails, and
// one that keeps generating regardless. The CPU read is this process's,
// which then holds both servers.
func TestHangUpTellsStoppingFromContinuing(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	if testing.Short() {
		t.Skip("takes two seconds")
	}
	chunk := make([]byte, 32<<10)
	for i := range chunk {
		chunk[i] = 'x'
	}
	// keepGoing is how long the careless server generates after it
	// started: longer than the settle time and the window together.
	const keepGoing = 1500 * time.Millisecond
	tests := []struct {
		name        string
		stopOnError bool
		wantStopped bool
	}{
		{"stops on a failed write", true, true},
		{"ignores failed writes", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				start := time.Now()
				sum := sha256.Sum256(chunk)
				for time.Since(start) < keepGoing {
					// Each chunk costs some CPU to make, as a record does.
					for range 20 {
						sum = sha256.Sum256(append(chunk[:0:0], sum[:]...))
					}
					if _, err := w.Write(chunk); err != nil && tt.stopOnError {
						return
					}
				}
			}))
			defer srv.Close()
			req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := hangUp(context.Background(), req, func() (time.Duration, error) { return proc.CPUTime(os.Getpid()) })
			if err != nil {
				t.Fatal(err)
			}
			if got.Read != disconnectAfter {
				t.Errorf("read %d bytes before hanging up, want %d", got.Read, disconnectAfter)
			}
			if got.Stopped != tt.wantStopped {
				t.Fatalf("Stopped = %v with %v of CPU in %v, want %v", got.Stopped, got.CPU, got.Window, tt.wantStopped)
			}
		})
	}
}

func TestHangUpReportsAnErrorAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusUnauthorized)
	}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	_, err := hangUp(context.Background(), req, func() (time.Duration, error) { return 0, nil })
	if err == nil {
		t.Fatal("a 401 answer was measured as a list")
	}
}
