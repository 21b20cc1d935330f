package proc

import (
	"os"
	"testing"
)

func TestRSSOfThisProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc here")
	}
	rss, err := RSS(os.Getpid())
	if err != nil || rss < 1<<20 {
		t.Fatalf("RSS = %d, %v; a Go test binary holds more than 1 MiB", rss, err)
	}
	peak, err := PeakRSS(os.Getpid())
	if err != nil || peak < rss {
		t.Fatalf("peak RSS %d (%v) below the current %d", peak, err, rss)
	}
	if _, err := RSS(-1); err == nil {
		t.Fatal("RSS of no process gave no error")
	}
}
