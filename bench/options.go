package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"
)

// options are the harness's flags.
type options struct {
	Duration    time.Duration // counted time of each throughput run
	Warmup      time.Duration // uncounted time before it
	Concurrency int           // load workers and keep-alive connections
	Segura      int           // records of the big list; the small one has a tenth
	Runs        int           // repetitions of everything; figures are medians
	Out         string        // copy of the report: .json or markdown
	Quick       bool          // short smoke run
	// Cores are the core counts the throughput is measured at: GOMAXPROCS
	// of every server, which is also pinned to that many CPUs where
	// taskset allows.
	Cores coreList
	// Only are the parts to run: throughput, list, startup.
	Only partNames
	// maxCores is the most a core count may be: the CPUs of the machine.
	maxCores int

	StartupSegura  int // Segura records of the big start-up
	StartupAppgate int // Appgate records of the big start-up
	Starts         int // starts per start-up case
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	o := options{maxCores: runtime.NumCPU()}
	o.Cores = coreList{o.maxCores}
	o.Only = slices.Clone(allParts)
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: go run ./bench [flags]

Builds the mock and a bare net/http baseline, runs them one after the other
on loopback, and prints one markdown table of throughput, latency, memory,
the long-list time, start-up times and whether a dropped client stops the
list, each next to its target.

Flags:
`)
		fs.PrintDefaults()
	}
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "counted `time` of each throughput run")
	fs.DurationVar(&o.Warmup, "warmup", 2*time.Second, "uncounted warm-up `time` before each throughput run")
	fs.IntVar(&o.Concurrency, "concurrency", 32, "load workers, each with one keep-alive connection")
	fs.IntVar(&o.Segura, "segura", 1_000_000, "Segura records of the long list (the memory comparison uses a tenth)")
	fs.IntVar(&o.Runs, "runs", 1, "repeat every measurement `N` times and report medians")
	fs.Var(&o.Cores, "cores", "comma-separated core `counts` the throughput (session-info and active-sessions pages) is measured at (GOMAXPROCS of each server, pinned with taskset where available to the first allowed CPUs, the load generator to the rest)")
	fs.Var(&o.Only, "only", "comma-separated `parts` to run: throughput, list (long and short list, hang-up, golden comparison), startup")
	fs.StringVar(&o.Out, "out", "", "also write the report to `FILE` (JSON if it ends in .json, else markdown)")
	fs.BoolVar(&o.Quick, "quick", false, "short smoke run: sub-second load, small counts, one start each")
	fs.IntVar(&o.StartupSegura, "startup-segura", 10_000_000, "Segura records of the large start-up case")
	fs.IntVar(&o.StartupAppgate, "startup-appgate", 1_000_000, "Appgate records of the large start-up case")
	fs.IntVar(&o.Starts, "starts", 5, "starts per start-up case (the median is reported)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (all settings are flags; see -help)", fs.Arg(0))
	}
	if o.Quick {
		// Only what the user did not set is shortened.
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		shorten := func(name string, apply func()) {
			if !set[name] {
				apply()
			}
		}
		shorten("duration", func() { o.Duration = 300 * time.Millisecond })
		shorten("warmup", func() { o.Warmup = 100 * time.Millisecond })
		shorten("concurrency", func() { o.Concurrency = 4 })
		shorten("segura", func() { o.Segura = 20_000 })
		shorten("startup-segura", func() { o.StartupSegura = 100_000 })
		shorten("startup-appgate", func() { o.StartupAppgate = 10_000 })
		shorten("starts", func() { o.Starts = 1 })
	}
	return o, o.check()
}

func (o options) check() error {
	switch {
	case o.Duration <= 0:
		return fmt.Errorf("-duration %v must be positive", o.Duration)
	case o.Warmup < 0:
		return fmt.Errorf("-warmup %v must not be negative", o.Warmup)
	case o.Concurrency < 1:
		return fmt.Errorf("-concurrency %d must be at least 1", o.Concurrency)
	case o.Segura < 10:
		return fmt.Errorf("-segura %d must be at least 10 (its tenth is the small list)", o.Segura)
	case o.Runs < 1:
		return fmt.Errorf("-runs %d must be at least 1", o.Runs)
	case o.StartupSegura < 1 || o.StartupAppgate < 1:
		return errors.New("-startup-segura and -startup-appgate must be at least 1")
	case o.Starts < 1:
		return fmt.Errorf("-starts %d must be at least 1", o.Starts)
	case len(o.Cores) == 0:
		return errors.New("-cores needs at least one core count")
	}
	for _, n := range o.Cores {
		if n > o.maxCores {
			return fmt.Errorf("-cores %d is more than the %d CPUs of this machine", n, o.maxCores)
		}
	}
	return nil
}

// smallList is the record count the long list's memory is compared with.
func (o options) smallList() int { return o.Segura / 10 }
