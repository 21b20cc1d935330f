package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseCPUList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []int
		err  string
	}{
		{"0", []int{0}, ""},
		{"0-1\n", []int{0, 1}, ""},
		{"0-3,8,10-11", []int{0, 1, 2, 3, 8, 10, 11}, ""},
		{"5,1-2,2", []int{1, 2, 5}, ""},
		{"", nil, "empty CPU list"},
		{"1-", nil, `CPU number "" is not in 0..4095`},
		{"a", nil, `CPU number "a" is not in 0..4095`},
		{"-1", nil, `CPU number "" is not in 0..4095`},
		{"3-1", nil, `CPU range "3-1" runs backwards`},
		{"0-4096", nil, `CPU number "4096" is not in 0..4095`},
		{"0,,1", nil, `CPU number "" is not in 0..4095`},
	}
	for _, tt := range tests {
		got, err := parseCPUList(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("parseCPUList(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parseCPUList(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatCPUList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []int
		want string
	}{
		{[]int{0}, "0"},
		{[]int{0, 1}, "0-1"},
		{[]int{0, 1, 2, 3, 8, 10, 11}, "0-3,8,10-11"},
		{[]int{2, 4}, "2,4"},
	}
	for _, tt := range tests {
		if got := formatCPUList(tt.in); got != tt.want {
			t.Errorf("formatCPUList(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlacement(t *testing.T) {
	t.Parallel()
	pin := pinning{Taskset: "/usr/bin/taskset", Allowed: []int{2, 3, 5}}
	pl := pin.place(2)
	if pl.Cores != 2 || pl.CPUs != "2-3" {
		t.Fatalf("place(2) = %+v, want 2 cores on CPUs 2-3", pl)
	}
	path, args := pl.command("/bin/mock", []string{"--addr", "x"})
	if path != "/usr/bin/taskset" || strings.Join(args, " ") != "-c 2-3 /bin/mock --addr x" {
		t.Errorf("command = %s %v", path, args)
	}
	env := pl.env([]string{"HOME=/h", "GOMAXPROCS=7"})
	if strings.Join(env, " ") != "HOME=/h GOMAXPROCS=2" {
		t.Errorf("env = %v, want the user's GOMAXPROCS replaced", env)
	}

	// More cores than allowed CPUs, or no taskset: GOMAXPROCS only.
	for _, pl := range []placement{pin.place(4), (pinning{}).place(1)} {
		if pl.CPUs != "" {
			t.Errorf("%+v: pinned without CPUs to pin to", pl)
		}
		if path, args := pl.command("/bin/mock", []string{"-a"}); path != "/bin/mock" || len(args) != 1 {
			t.Errorf("unpinned command = %s %v", path, args)
		}
	}
	if env := (placement{}).env([]string{"GOMAXPROCS=3"}); len(env) != 1 || env[0] != "GOMAXPROCS=3" {
		t.Errorf("no core count must leave the environment alone: %v", env)
	}
}

func TestStatusField(t *testing.T) {
	t.Parallel()
	status := "Name:\tbench\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed_list:\t0\n"
	if got := statusField(status, "Cpus_allowed_list"); got != "0-1" {
		t.Errorf("Cpus_allowed_list = %q", got)
	}
	if got := statusField(status, "Nope"); got != "" {
		t.Errorf("missing field = %q", got)
	}
}

func TestDetectPinningWithoutCPUs(t *testing.T) {
	t.Parallel()
	p := detectPinning(t.Context(), "Name:\tx\n")
	if p.Taskset != "" || !strings.HasPrefix(p.Note, "not pinned: ") {
		t.Errorf("pinning %+v without an allowed CPU list", p)
	}
}

func FuzzParseCPUList(f *testing.F) {
	for _, s := range []string{"0", "0-3,8,10-11", "", "3-1", "0-4095", "x,-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cpus, err := parseCPUList(s)
		if err != nil {
			return
		}
		if len(cpus) == 0 || !slices.IsSorted(cpus) || cpus[len(cpus)-1] > maxCPUIndex {
			t.Fatalf("parseCPUList(%q) = %v", s, cpus)
		}
		back, err := parseCPUList(formatCPUList(cpus))
		if err != nil || !slices.Equal(back, cpus) {
			t.Fatalf("%v does not survive formatting: %v, %v", cpus, back, err)
		}
	})
}
