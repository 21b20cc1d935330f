package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

// maxCoreCounts bounds how many core counts one run measures: each one
// is a whole round of the three servers per throughput workload.
const maxCoreCounts = 8

// maxCPUIndex bounds the CPU numbers a CPU list may name.
const maxCPUIndex = 4095

// coreList is the -cores flag: the core counts the throughput load is
// measured at, in the order given.
type coreList []int

func (c *coreList) String() string {
	if c == nil {
		return ""
	}
	s := make([]string, len(*c))
	for i, n := range *c {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// Set parses a comma-separated list of core counts.
func (c *coreList) Set(v string) error {
	var out coreList
	for f := range strings.SplitSeq(v, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return fmt.Errorf("core count %q is not a positive integer", f)
		}
		if slices.Contains(out, n) {
			return fmt.Errorf("core count %d is listed twice", n)
		}
		if len(out) == maxCoreCounts {
			return fmt.Errorf("more than %d core counts", maxCoreCounts)
		}
		out = append(out, n)
	}
	*c = out
	return nil
}

// parseCPUList parses a Linux CPU list such as "0-3,8,10-11" (the
// Cpus_allowed_list of /proc/PID/status) into ascending CPU numbers.
func parseCPUList(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty CPU list")
	}
	var cpus []int
	for part := range strings.SplitSeq(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := cpuIndex(lo)
		if err != nil {
			return nil, err
		}
		b := a
		if isRange {
			if b, err = cpuIndex(hi); err != nil {
				return nil, err
			}
			if b < a {
				return nil, fmt.Errorf("CPU range %q runs backwards", part)
			}
		}
		for n := a; n <= b; n++ {
			cpus = append(cpus, n)
		}
	}
	slices.Sort(cpus)
	return slices.Compact(cpus), nil
}

func cpuIndex(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxCPUIndex {
		return 0, fmt.Errorf("CPU number %q is not in 0..%d", s, maxCPUIndex)
	}
	return n, nil
}

// formatCPUList writes ascending CPU numbers as a CPU list, runs folded
// into ranges.
func formatCPUList(cpus []int) string {
	var parts []string
	for i := 0; i < len(cpus); {
		j := i
		for j+1 < len(cpus) && cpus[j+1] == cpus[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(cpus[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", cpus[i], cpus[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// pinning is whether, and onto which CPUs, servers under load and the
// harness that loads them can be pinned.
type pinning struct {
	Taskset string `json:"taskset,omitempty"` // path of taskset; empty when servers are not pinned
	Allowed []int  `json:"allowed_cpus,omitempty"`
	Note    string `json:"note"` // how servers and load generator were placed, for the report
	// pinSelf moves every thread of the harness onto a CPU list; set
	// whenever Taskset is.
	pinSelf selfPinner
}

// Notes of the pinning, for the report.
const (
	pinnedNote   = "servers pinned with taskset to the first N allowed CPUs, the load generator to the rest"
	unpinnedNote = "; servers and load generator share all CPUs"
)

// detectPinning looks for a taskset that works and for the CPUs this
// process may run on; without either, servers only get GOMAXPROCS and
// the load generator stays where it is.
func detectPinning(ctx context.Context, status string) pinning {
	path, err := exec.LookPath("taskset")
	if err != nil {
		return pinning{Note: "not pinned: taskset not found" + unpinnedNote}
	}
	allowed, err := parseCPUList(statusField(status, "Cpus_allowed_list"))
	if err != nil {
		return pinning{Note: "not pinned: allowed CPUs unknown: " + err.Error() + unpinnedNote}
	}
	tctx, cancel := context.WithTimeout(ctx, tasksetTimeout)
	defer cancel()
	if out, err := exec.CommandContext(tctx, path, "-c", strconv.Itoa(allowed[0]), "true").CombinedOutput(); err != nil {
		return pinning{Note: fmt.Sprintf("not pinned: taskset fails: %v %s", err, strings.TrimSpace(string(out))) + unpinnedNote}
	}
	return pinning{Taskset: path, Allowed: allowed, Note: pinnedNote, pinSelf: tasksetSelf(path)}
}

// statusField is the value of name in a /proc/PID/status text.
func statusField(status, name string) string {
	for line := range strings.SplitSeq(status, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// placement is where one server under load runs: GOMAXPROCS set to
// Cores, and pinned to CPUs when the machine allows; and where the load
// generator runs meanwhile.
type placement struct {
	Cores int    // GOMAXPROCS; 0 leaves the server's default
	CPUs  string // CPU list for taskset; empty when not pinned
	// Load is the CPU list the harness, and with it the load generator,
	// runs on while the servers are loaded: the allowed CPUs the servers
	// were not given, or all of them when none are left (LoadShared).
	// Empty when the servers are not pinned: then the harness stays
	// where it is.
	Load       string
	LoadShared bool
	taskset    string
}

// place is the placement of servers measured at n cores, and of the load
// generator beside them.
func (p pinning) place(n int) placement {
	pl := placement{Cores: n}
	if p.Taskset != "" && n <= len(p.Allowed) {
		pl.CPUs, pl.taskset = formatCPUList(p.Allowed[:n]), p.Taskset
		if rest := p.Allowed[n:]; len(rest) > 0 {
			pl.Load = formatCPUList(rest)
		} else {
			pl.Load, pl.LoadShared = formatCPUList(p.Allowed), true
		}
	}
	return pl
}

// command is what to execute for bin with args: bin itself, or taskset
// running it (taskset execs bin, so the process id stays the server's).
func (pl placement) command(bin string, args []string) (string, []string) {
	if pl.CPUs == "" {
		return bin, args
	}
	return pl.taskset, append([]string{"-c", pl.CPUs, bin}, args...)
}

// env is env with GOMAXPROCS set to the placement's cores.
func (pl placement) env(env []string) []string {
	if pl.Cores == 0 {
		return env
	}
	out := slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return strings.HasPrefix(kv, "GOMAXPROCS=") })
	return append(out, "GOMAXPROCS="+strconv.Itoa(pl.Cores))
}
