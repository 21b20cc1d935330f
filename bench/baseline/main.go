// Command baseline is the yardstick of the benchmark harness: a bare
// net/http server that answers each known request (path and query) with
// bytes encoded before it started. It does what any Go HTTP server must do for an answer of
// that size and nothing more, so the mock's throughput is quoted as a
// share of it.
//
// The harness fetches the mock's real answers first and hands them over
// in a file, so both servers send exactly the same bytes for the same
// request.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "baseline: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	bodiesFile := fs.String("bodies", "", "JSON file of the answers to serve (see package answers)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *bodiesFile == "" {
		return errors.New("-bodies is required")
	}
	data, err := os.ReadFile(*bodiesFile)
	if err != nil {
		return err
	}
	a, err := answers.Parse(data)
	if err != nil {
		return fmt.Errorf("%s: %w", *bodiesFile, err)
	}
	h, err := a.Handler()
	if err != nil {
		return fmt.Errorf("%s: %w", *bodiesFile, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(stdout, "baseline listening on http://%s, %d answers\n", ln.Addr(), len(a.Answers))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
