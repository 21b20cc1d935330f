package main

import (
	"errors"
	"flag"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, o options)
	}{
		{"defaults", nil, func(t *testing.T, o options) {
			if o.Duration != 10*time.Second || o.Warmup != 2*time.Second || o.Concurrency != 32 ||
				o.Segura != 1_000_000 || o.Runs != 1 || o.Quick || o.Out != "" ||
				o.StartupSegura != 10_000_000 || o.StartupAppgate != 1_000_000 || o.Starts != 5 ||
				len(o.Cores) != 1 || o.Cores[0] != runtime.NumCPU() {
				t.Fatalf("defaults: %+v", o)
			}
			if o.smallList() != 100_000 {
				t.Fatalf("small list %d, want a tenth", o.smallList())
			}
		}},
		{"quick shortens everything", []string{"-quick"}, func(t *testing.T, o options) {
			if o.Duration >= time.Second || o.Warmup >= time.Second || o.Segura > 100_000 ||
				o.StartupSegura > 100_000 || o.Starts != 1 {
				t.Fatalf("quick: %+v", o)
			}
		}},
		{"quick keeps what was set", []string{"-quick", "-segura", "50000", "-concurrency", "8"}, func(t *testing.T, o options) {
			if o.Segura != 50_000 || o.Concurrency != 8 || o.Duration >= time.Second {
				t.Fatalf("quick with flags: %+v", o)
			}
		}},
		{"cores in the order given", []string{"-cores", " 1, " + strconv.Itoa(runtime.NumCPU())}, func(t *testing.T, o options) {
			want := coreList{1}
			if n := runtime.NumCPU(); n > 1 {
				want = append(want, n)
			}
			if o.Cores.String() != want.String() {
				t.Fatalf("cores %v, want %v", o.Cores, want)
			}
		}},
		{"flags", []string{"-duration", "3s", "-runs", "3", "-out", "r.json"}, func(t *testing.T, o options) {
			if o.Duration != 3*time.Second || o.Runs != 3 || o.Out != "r.json" {
				t.Fatalf("flags: %+v", o)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(tt.args, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, o)
		})
	}
}

func TestParseOptionsRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-duration", "0s"}, "-duration 0s must be positive"},
		{[]string{"-warmup", "-1s"}, "-warmup -1s must not be negative"},
		{[]string{"-concurrency", "0"}, "-concurrency 0 must be at least 1"},
		{[]string{"-segura", "5"}, "-segura 5 must be at least 10"},
		{[]string{"-runs", "0"}, "-runs 0 must be at least 1"},
		{[]string{"-starts", "0"}, "-starts 0 must be at least 1"},
		{[]string{"-startup-segura", "0"}, "must be at least 1"},
		{[]string{"-cores", "0"}, `core count "0" is not a positive integer`},
		{[]string{"-cores", "1,x"}, `core count "x" is not a positive integer`},
		{[]string{"-cores", ""}, `core count "" is not a positive integer`},
		{[]string{"-cores", "1,1"}, "core count 1 is listed twice"},
		{[]string{"-cores", "1,2,3,4,5,6,7,8,9"}, "more than 8 core counts"},
		{[]string{"-cores", strconv.Itoa(runtime.NumCPU() + 1)}, "is more than the"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseOptions(tt.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseOptionsHelp(t *testing.T) {
	var out strings.Builder
	_, err := parseOptions([]string{"-help"}, &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err = %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{"go run ./bench", "-duration", "-concurrency", "-runs", "-quick", "-out", "-cores", "-only"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help does not mention %q", want)
		}
	}
}

func TestSlices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want int
	}{
		{300 * time.Millisecond, 1},
		{2 * time.Second, 1},
		{3 * time.Second, 2},
		{10 * time.Second, 5},
		{11 * time.Second, 6},
	}
	for _, tt := range tests {
		if got := (options{Duration: tt.d}).slices(); got != tt.want {
			t.Errorf("slices for %v = %d, want %d", tt.d, got, tt.want)
		}
	}
}
