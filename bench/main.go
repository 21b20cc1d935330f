// Command bench is the benchmark harness of sessionmock: go run ./bench.
//
// It builds the mock and a bare net/http baseline server, runs each as its
// own process on loopback, one at a time, and prints one markdown table:
// requests per second, latency and peak memory of the mock with and
// without request validation as a share of the baseline's, for Appgate
// session-info and for pages of the Appgate active-sessions list; the
// time and memory of a long Segura list streamed whole; whether memory
// grows with the list; start-up time with few and many records; and
// whether a client that hangs up stops the list's generation. Every figure
// stands next to the target it is held to. -only runs some of these
// parts alone; -cores measures the throughput at several core counts, the
// servers pinned to the first CPUs and the harness's load generator to
// the others. See docs/benchmarks.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

// run measures everything, prints the report on stdout and progress on
// stderr. Every server it starts is stopped and every file it writes
// removed before it returns, also when ctx is cancelled.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "sessionmock-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	progress := func(format string, a ...any) { fmt.Fprintf(stderr, "bench: "+format+"\n", a...) }
	progress("building the mock and the baseline")
	bin, err := build(ctx, dir)
	if err != nil {
		return err
	}
	m := readMachine(bin.goVersion)
	pin := detectPinning(ctx, readFile("/proc/self/status"))
	m.Pinning = pin.Note
	if msg := prepareNote(o.Only); msg != "" {
		progress("%s", msg)
	}
	prep, err := prepare(ctx, bin, dir, o.Only)
	if err != nil {
		return err
	}
	var runs []runResult
	for i := range o.Runs {
		r, err := runOnce(ctx, o, pin, bin, prep.Workloads, i, func(format string, a ...any) {
			progress(fmt.Sprintf("run %d/%d: ", i+1, o.Runs)+format, a...)
		})
		if err != nil {
			return err
		}
		runs = append(runs, r)
	}
	m.LoadAfter = loadAverage(readFile("/proc/loadavg"))
	rep := newReport(o, args, m, prep, runs)
	if err := writeMarkdown(stdout, rep); err != nil {
		return err
	}
	if o.Out != "" {
		if err := writeFile(o.Out, rep); err != nil {
			return fmt.Errorf("-out: %w", err)
		}
	}
	return nil
}

// prepareNote says what prepare does for the parts, "" when nothing.
func prepareNote(parts partNames) string {
	switch th, li := parts.has(partThroughput), parts.has(partList); {
	case th && li:
		return "fetching the session-info and active-sessions answers and checking the list against the golden file"
	case th:
		return "fetching the session-info and active-sessions answers"
	case li:
		return "checking the list against the golden file"
	}
	return ""
}

// runOnce is one repetition of every measurement of the parts o.Only
// names.
func runOnce(ctx context.Context, o options, pin pinning, bin binaries, workloads []workload, rep int, progress func(string, ...any)) (runResult, error) {
	var r runResult
	if o.Only.has(partThroughput) {
		for _, n := range o.Cores {
			pl := pin.place(n)
			// Each workload is a round of its own: the three servers are
			// interleaved within it, started afresh for the next.
			for _, w := range workloads {
				progress("%s load at %s, %v warm-up + %v per server in %d slices", workloadLabel(w.Name), pl.label(), o.Warmup, o.Duration, o.slices())
				tp, err := measureThroughput(ctx, o, pin, pl, bin, w, rep)
				if err != nil {
					return r, err
				}
				for _, t := range tp {
					progress("  %-12s %7.0f req/s %4.0f%%  %3d µs CPU/req  p50 %s  p99 %s  errors %d",
						t.Scenario, t.RPS, 100*t.Share, t.CPUPerRequest.Microseconds(), millis(t.P50), millis(t.P99), t.Errors)
				}
				r.Throughput = append(r.Throughput, tp...)
			}
		}
	}
	if o.Only.has(partList) {
		if err := measureLists(ctx, o, bin, &r, progress); err != nil {
			return r, err
		}
	}
	if o.Only.has(partStartup) {
		progress("start-up, %d starts per case", o.Starts)
		var err error
		if r.Startup, err = measureStartup(ctx, o, bin); err != nil {
			return r, err
		}
	}
	return r, nil
}

// measureLists is the list part: the long list, a client hanging up on
// it, and the short list, into r.
func measureLists(ctx context.Context, o options, bin binaries, r *runResult, progress func(string, ...any)) error {
	progress("%s list", shortCount(o.Segura))
	list, s, err := measureList(ctx, bin, o.Segura)
	if err != nil {
		return err
	}
	r.List = list
	progress("  %s, %s, %d records, peak RSS %s", seconds(list.Elapsed), megabytes(list.Bytes), list.Records, megabytes(list.PeakRSS))
	progress("client hanging up on the %s list", shortCount(o.Segura))
	r.Disconnect, err = measureDisconnect(ctx, s)
	s.Stop()
	if err != nil {
		return err
	}

	progress("%s list", shortCount(o.smallList()))
	small, s, err := measureList(ctx, bin, o.smallList())
	if err != nil {
		return err
	}
	s.Stop()
	r.SmallList = small
	return nil
}
