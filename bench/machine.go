package main

import (
	"bufio"
	"os"
	"runtime"
	"strings"
)

// machine describes where the figures were taken; they mean little
// without it.
type machine struct {
	CPUs        int    `json:"cpus"`
	CPUModel    string `json:"cpu_model"`
	Kernel      string `json:"kernel"`
	GoVersion   string `json:"go_version"`
	LoadBefore  string `json:"load_average_before"`
	LoadAfter   string `json:"load_average_after"`
	GOMAXPROCS  string `json:"gomaxprocs"`
	HarnessArch string `json:"arch"`
	// Pinning says how servers under load were placed on CPUs.
	Pinning string `json:"pinning"`
}

func readMachine(goVersion string) machine {
	return machine{
		CPUs:        runtime.NumCPU(),
		CPUModel:    cpuModel(readFile("/proc/cpuinfo")),
		Kernel:      strings.TrimSpace(readFile("/proc/sys/kernel/osrelease")),
		GoVersion:   goVersion,
		LoadBefore:  loadAverage(readFile("/proc/loadavg")),
		GOMAXPROCS:  gomaxprocsNote(os.Getenv("GOMAXPROCS")),
		HarnessArch: runtime.GOOS + "/" + runtime.GOARCH,
	}
}

// readFile returns the file's text, or "" where it does not exist (not
// Linux): machine facts are shown when they can be had.
func readFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel(cpuinfo string) string {
	sc := bufio.NewScanner(strings.NewReader(cpuinfo))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.Join(strings.Fields(val), " ")
		}
	}
	return "unknown"
}

// loadAverage is the 1, 5 and 15 minute load of /proc/loadavg: on a
// shared machine it tells how much the figures were disturbed.
func loadAverage(loadavg string) string {
	f := strings.Fields(loadavg)
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// gomaxprocsNote records that neither server had GOMAXPROCS set, unless
// the user set it for all of them.
func gomaxprocsNote(env string) string {
	if env == "" {
		return "default"
	}
	return env
}
