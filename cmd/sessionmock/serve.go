package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/internal/logformat"
	"github.com/sessionmock/sessionmock/internal/logwriter"
	"github.com/sessionmock/sessionmock/server"
)

const (
	// shutdownGrace bounds how long a stop waits for requests in flight.
	shutdownGrace = 10 * time.Second
	// readHeaderTimeout keeps a client that trickles its headers from
	// holding a connection for ever.
	readHeaderTimeout = 5 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
)

// headerTimeout is readHeaderTimeout, in a variable so that a test can shorten it.
var headerTimeout = readHeaderTimeout

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	s, err := config.Load(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		config.ServeUsage(stdout)
		return nil
	}
	if err != nil {
		return usageError(err)
	}
	level := new(slog.LevelVar) // a reload may change it
	level.Set(s.EffectiveLevel())
	// The log goes out in batches: one write per line would cost a busy
	// mock a system call per request. Close writes the rest, also when
	// serve fails.
	logOut := logwriter.New(stderr, logwriter.DefaultInterval, logwriter.DefaultLimit)
	defer logOut.Close()
	logger := newLogger(logOut, s.LogFormat, level)
	configFile := watchFile(s.ConfigFile, logger)

	world, err := s.NewWorld()
	if err != nil {
		return usageError(err)
	}
	handler, err := server.New(s.ServerConfig(world, logger))
	if err != nil {
		return usageError(err)
	}

	var cert *tls.Certificate
	if s.TLS {
		if cert, err = serverCertificate(s); err != nil {
			return usageError(err)
		}
	}
	// Listen before anything is announced, so a taken port fails at once
	// and the banner shows the real port even for port 0.
	ln, err := listen(s.Addr)
	if err != nil {
		return usageError(err)
	}
	defer ln.Close()

	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: headerTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		// No WriteTimeout: the vendor documents that the session list can
		// take minutes, and the mock streams long lists just as slowly
		// when asked to; a write deadline would cut those answers off.
		ErrorLog:  slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		ConnState: handler.ConnState,
	}
	// Delays and held answers are simulations: a stop releases them at
	// once instead of waiting the grace out, while real answers finish.
	srv.RegisterOnShutdown(handler.StopSimulations)
	srv.RegisterOnShutdown(handler.CloseStreams) // an open console must not hold a stop
	if cert != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
	}

	// SIGHUP reloads instead of ending the process; it is watched before
	// the banner is out, so a signal sent once the banner is seen is
	// never lost.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	reloads, stopReloads := context.WithCancel(ctx)
	reloaderDone := make(chan struct{})
	rl := &reloader{args: args, getenv: getenv, srv: handler, world: world, log: logger, level: level, running: s, file: configFile}
	go func() {
		defer close(reloaderDone)
		rl.run(reloads, hup)
	}()
	defer func() { stopReloads(); <-reloaderDone }()

	b := banner{settings: s, world: world, listen: ln.Addr(), cert: cert, version: versionString()}
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		return err
	}
	gogc := tuneGC(getenv)
	logger.Info("listening", "addr", ln.Addr().String(), "tls", cert != nil, "seed", s.Seed, "gogc", gogc)

	served := make(chan error, 1)
	go func() {
		if cert != nil {
			served <- srv.ServeTLS(ln, "", "")
		} else {
			served <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	logger.Info("shutting down", "grace", shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: requests still running after %v: %w", shutdownGrace, err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// newLogger writes slog records to w; the format and level were checked by
// the config package. The lines are those of slog's text or JSON handler,
// written at a fraction of their cost: there is one per request. The
// batching writer serializes the lines itself, so the handler takes no
// lock of its own there.
func newLogger(w io.Writer, format string, level slog.Leveler) *slog.Logger {
	if _, batched := w.(*logwriter.Writer); batched {
		return slog.New(logformat.NewShared(w, format, level))
	}
	return slog.New(logformat.New(w, format, level))
}

// listen binds addr. A port already taken is the common first-run mistake
// (a mock from earlier still running), so it gets a way out.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("listen on %s: the address is already in use, perhaps by another sessionmock; "+
			"stop it, or pick another port with --addr (--addr 127.0.0.1:0 lets the system pick a free one)", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}
