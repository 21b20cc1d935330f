package proc

import (
	"fmt"
	"os"
)

// RSS is the resident memory of the process now, in bytes (VmRSS of
// /proc/<pid>/status), for runs that watch memory over time rather than
// its peak.
func RSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("RSS: %w", err)
	}
	return parseStatusKB(b, "VmRSS")
}
