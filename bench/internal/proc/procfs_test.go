package proc

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseStatusKB(t *testing.T) {
	t.Parallel()
	status := "Name:\tsessionmock\nVmPeak:\t 1300000 kB\nVmHWM:\t   23248 kB\nVmRSS:\t   22948 kB\nThreads:\t7\n"
	tests := []struct {
		name, status, key string
		want              int64
		err               string
	}{
		{"peak", status, "VmHWM", 23248 << 10, ""},
		{"current", status, "VmRSS", 22948 << 10, ""},
		{"missing", status, "VmSwap", 0, "no VmSwap line"},
		{"no unit", "VmHWM:\t12\n", "VmHWM", 0, `want "VmHWM: N kB"`},
		{"not a number", "VmHWM:\tx kB\n", "VmHWM", 0, "bad number"},
		{"negative", "VmHWM:\t-4 kB\n", "VmHWM", 0, "bad number"},
		{"prefix is not the key", "VmHWMX:\t4 kB\n", "VmHWM", 0, "no VmHWM line"},
		{"last line without newline", "VmHWM:\t4 kB", "VmHWM", 4096, ""},
		// A fuzz finding: the byte count overflowed to a negative size.
		{"kB overflow bytes", "VmHWM:9007199270000000 kB", "VmHWM", 0, "does not fit"},
		{"largest that fits", "VmHWM: 9007199254740991 kB", "VmHWM", 9007199254740991 << 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatusKB([]byte(tt.status), tt.key)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}

func TestParseStatCPU(t *testing.T) {
	t.Parallel()
	// Fields 14 and 15 are 250 and 31 ticks.
	rest := " S 1 2 3 4 5 6 7 8 9 10 250 31 0 0 20 0 7 0 100 200 300"
	tests := []struct {
		name, stat string
		want       time.Duration
		err        string
	}{
		{"plain", "1234 (sessionmock)" + rest, 2810 * time.Millisecond, ""},
		{"name with spaces and parens", "1234 (a) b (c)" + rest, 2810 * time.Millisecond, ""},
		{"no name", "1234 sessionmock S 1", 0, "no command name"},
		{"short", "1234 (x) S 1 2 3", 0, "want at least 13"},
		{"bad number", "1234 (x) S 1 2 3 4 5 6 7 8 9 10 x 31", 0, `bad CPU time "x"`},
		{"ticks overflow a duration", "1234 (x) S 1 2 3 4 5 6 7 8 9 10 922337203685 1", 0, "does not fit"},
		{"sum overflows", "1234 (x) S 1 2 3 4 5 6 7 8 9 10 9223372036854775807 9223372036854775807", 0, "does not fit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatCPU([]byte(tt.stat))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestReadersOnThisProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc here")
	}
	rss, err := PeakRSS(os.Getpid())
	if err != nil || rss < 1<<20 {
		t.Fatalf("PeakRSS = %d, %v; a Go test binary holds more than 1 MiB", rss, err)
	}
	// Burn some CPU so the reading has something to show.
	before, err := CPUTime(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// Spin until the counter moves: a loaded machine may give the loop
	// little CPU in any fixed span, so the spin is bounded in rounds only.
	x := 0
	after := before
	for round := 0; round < 1000 && err == nil && after <= before; round++ {
		for start := time.Now(); time.Since(start) < 10*time.Millisecond; {
			x++
		}
		after, err = CPUTime(os.Getpid())
	}
	if err != nil || after <= before {
		t.Fatalf("CPU time went from %v to %v (%v) after a busy loop of %d", before, after, err, x)
	}
	if _, err := PeakRSS(-1); err == nil {
		t.Fatal("PeakRSS of no process gave no error")
	}
}

func FuzzParseStatusKB(f *testing.F) {
	f.Add([]byte("VmHWM:\t   23248 kB\n"))
	f.Add([]byte("VmHWM:\n"))
	f.Add([]byte("VmHWM: 99999999999999999999 kB"))
	f.Add([]byte("VmHWM:9007199270000000 kB"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := parseStatusKB(b, "VmHWM")
		if err == nil && n < 0 {
			t.Fatalf("negative size %d without an error", n)
		}
	})
}

func FuzzParseStatCPU(f *testing.F) {
	f.Add([]byte("1 (x) S 1 2 3 4 5 6 7 8 9 10 250 31 0"))
	f.Add([]byte("1 (x"))
	f.Add([]byte(")"))
	f.Add([]byte("1 (x) S 1 2 3 4 5 6 7 8 9 10 922337203685 1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := parseStatCPU(b)
		if err == nil && d < 0 {
			t.Fatalf("negative CPU time %v without an error", d)
		}
	})
}
