package proc

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of the CPU times in /proc/<pid>/stat. Linux fixes
// USER_HZ at 100 for user space whatever the kernel's own tick rate, and
// reading it through sysconf would need cgo.
const clockTick = 10 * time.Millisecond

// PeakRSS is the most resident memory the process has held so far, in
// bytes (VmHWM of /proc/<pid>/status).
func PeakRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("peak RSS: %w", err)
	}
	return parseStatusKB(b, "VmHWM")
}

// parseStatusKB reads a "Name:   1234 kB" line of /proc/<pid>/status.
func parseStatusKB(status []byte, name string) (int64, error) {
	for line := range bytes.Lines(status) {
		key, val, ok := bytes.Cut(line, []byte(":"))
		if !ok || string(key) != name {
			continue
		}
		f := strings.Fields(string(val))
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("status line %q: want \"%s: N kB\"", bytes.TrimSpace(line), name)
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || kb < 0 {
			return 0, fmt.Errorf("status line %q: bad number", bytes.TrimSpace(line))
		}
		if kb > math.MaxInt64>>10 {
			return 0, fmt.Errorf("status line %q: %d kB does not fit in a byte count", bytes.TrimSpace(line), kb)
		}
		return kb << 10, nil
	}
	return 0, fmt.Errorf("status has no %s line", name)
}

// CPUTime is the user plus system CPU time the process has used so far.
func CPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("CPU time: %w", err)
	}
	return parseStatCPU(b)
}

// parseStatCPU reads utime and stime, fields 14 and 15 of
// /proc/<pid>/stat. Field 2, the command name in parentheses, may itself
// hold spaces and parentheses, so counting starts after its last ')'.
func parseStatCPU(stat []byte) (time.Duration, error) {
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, fmt.Errorf("stat %.40q: no command name", stat)
	}
	f := strings.Fields(string(stat[end+1:]))
	// f[0] is field 3 (state), so utime (14) and stime (15) are f[11], f[12].
	if len(f) < 13 {
		return 0, fmt.Errorf("stat has %d fields after the command name, want at least 13", len(f))
	}
	const maxTicks = math.MaxInt64 / int64(clockTick)
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("stat: bad CPU time %q", s)
		}
		if n > maxTicks-ticks {
			return 0, fmt.Errorf("stat: CPU time of %s+%s ticks does not fit in a duration", f[11], f[12])
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}
