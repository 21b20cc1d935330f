package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

// mock is the mock under soak, on a loopback port of this process.
type mock struct {
	srv   *server.Server
	http  *http.Server
	world *fixtures.World
	base  string
	done  chan error
}

// startMock starts a mock configured as "sessionmock serve" starts one
// with no flags.
func startMock() (*mock, error) {
	world, err := fixtures.NewWorld(fixtures.Options{
		Seed: 1, SeguraSessions: fixtures.DefaultSeguraSessions, AppgateClients: fixtures.DefaultAppgateClients,
	})
	if err != nil {
		return nil, err
	}
	cfg := server.DefaultConfig()
	cfg.World = world
	srv, err := server.New(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	// The time-outs of cmd/sessionmock's serve.
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	hs.RegisterOnShutdown(srv.StopSimulations)
	m := &mock{srv: srv, http: hs, world: world, base: "http://" + ln.Addr().String(), done: make(chan error, 1)}
	go func() { m.done <- hs.Serve(ln) }()
	return m, nil
}

func (m *mock) stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := m.http.Shutdown(ctx); err != nil {
		m.http.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	<-m.done
	return nil
}
