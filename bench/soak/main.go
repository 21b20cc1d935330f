// Command soak holds a mock under a long run of mixed requests with admin
// churn and samples its memory, to show that nothing grows with the number
// of requests served: go run ./bench/soak (1,000,000 requests), or
// go run ./bench/soak -n 100000 for a shorter run.
//
// The mock runs in this process, on a loopback listener, configured as
// "sessionmock serve" configures it (server.DefaultConfig, the same HTTP
// server time-outs); keep-alive workers send a fixed cycle of requests:
// every vendor route, natural and injected errors, preferences, faults
// that cut or drop the answer, credentials in queries and headers, and
// about one request in ten to the admin API, which adds and removes fault
// rules, reads and clears the journal and resets the mock. Every answer
// is checked against what that request must get. Memory is sampled at
// even steps of progress: resident memory (the whole process, the load
// generator's small and fixed share included) and the Go heap after a
// collection. The run fails (exit status 1) on any unexpected answer or
// when the heap after collection grows past the bound the report states.
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
		fmt.Fprintf(os.Stderr, "soak: %v\n", err)
		os.Exit(1)
	}
}

// options are the soak's flags.
type options struct {
	N           int // requests in all, admin ones included
	Concurrency int // workers, each with one keep-alive connection
	Samples     int // memory samples after the one at the start
}

// Bounds of the flags: the run must end, and the cycle of requests must
// come round many times.
const (
	maxRequests    = 100_000_000
	maxConcurrency = 256
	maxSamples     = 100
)

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: go run ./bench/soak [flags]

Sends N mixed requests with admin churn to a mock in this process, checks
every answer, samples memory and prints a markdown report.

Flags:
`)
		fs.PrintDefaults()
	}
	fs.IntVar(&o.N, "n", 1_000_000, fmt.Sprintf("requests in all, admin ones included (1 to %d)", maxRequests))
	fs.IntVar(&o.Concurrency, "c", 16, fmt.Sprintf("workers, each with one keep-alive connection (1 to %d)", maxConcurrency))
	fs.IntVar(&o.Samples, "samples", 10, fmt.Sprintf("memory samples, at even steps of progress (1 to %d)", maxSamples))
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (all settings are flags; see -help)", fs.Arg(0))
	}
	switch {
	case o.N < 1 || o.N > maxRequests:
		return o, fmt.Errorf("-n %d: want 1 to %d requests", o.N, maxRequests)
	case o.Concurrency < 1 || o.Concurrency > maxConcurrency:
		return o, fmt.Errorf("-c %d: want 1 to %d workers", o.Concurrency, maxConcurrency)
	case o.Samples < 1 || o.Samples > maxSamples:
		return o, fmt.Errorf("-samples %d: want 1 to %d", o.Samples, maxSamples)
	}
	return o, nil
}

// run soaks one mock, prints the report on stdout and progress on stderr,
// and returns an error when the mock misbehaved.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	m, err := startMock()
	if err != nil {
		return err
	}
	defer m.stop()
	res, err := soak(ctx, o, m, func(format string, a ...any) { fmt.Fprintf(stderr, "soak: "+format+"\n", a...) })
	if err != nil {
		return err
	}
	if err := res.write(stdout); err != nil {
		return err
	}
	return res.verdict()
}
