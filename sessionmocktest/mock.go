package sessionmocktest

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Mock is a running sessionmock server on a loopback port.
type Mock struct {
	// URL is the Segura base URL, such as http://127.0.0.1:41234, with no
	// trailing slash.
	URL string
	// AppgateURL is the Appgate base URL, URL + "/admin", as the vendor's
	// clients take it.
	AppgateURL string
	// World is the data the mock serves, for finding ids and DNs.
	World *fixtures.World
	// Server is the mock itself, for what the methods of Mock do not
	// cover.
	Server *server.Server

	tb      testing.TB // panicTB for a Mock from Start
	ts      *httptest.Server
	release context.CancelFunc

	segura  tokenCache
	appgate tokenCache
}

// New starts a mock for the test, stopped by t.Cleanup. It calls t.Fatal
// when the options do not make a valid mock.
func New(t testing.TB, opts ...Option) *Mock {
	t.Helper()
	m, err := Start(opts...)
	if err != nil {
		t.Fatalf("sessionmocktest: %v", err)
	}
	m.tb = t
	t.Cleanup(m.Close)
	return m
}

// Start starts a mock outside a test; the caller must Close it. Its
// methods panic where those of a Mock from New call t.Fatal.
func Start(opts ...Option) (*Mock, error) {
	c := defaultConfig()
	for _, o := range opts {
		o(&c)
	}
	world, err := fixtures.NewWorld(fixtures.Options{
		Seed: c.seed, SeguraSessions: c.segura, AppgateClients: c.appgate, Pinned: c.pinned, Timeline: c.tl,
	})
	if err != nil {
		return nil, err
	}
	cfg := server.Config{World: world, Faults: c.faults, JournalSize: server.DefaultJournalSize, BodyTimeout: server.DefaultBodyTimeout}
	for _, edit := range c.edits {
		edit(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		return nil, err
	}
	l, err := listenLoopback()
	if err != nil {
		return nil, err
	}
	// Requests held by a fault (a delay, a timeout's hold) watch their
	// context; ending the base context on Close lets them go at once
	// instead of making Close wait out the hold. The server drops their
	// connections, so no client takes one for an answer.
	base, release := context.WithCancel(context.Background())
	ts := &httptest.Server{
		Listener: l,
		Config: &http.Server{
			Handler:     srv,
			BaseContext: func(net.Listener) context.Context { return base },
			ConnState:   srv.ConnState,
		},
	}
	if c.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	return &Mock{
		tb:         panicTB{},
		URL:        ts.URL,
		AppgateURL: ts.URL + appgate.BasePath,
		World:      srv.Config().World,
		Server:     srv,
		ts:         ts,
		release:    release,
	}, nil
}

// listenLoopback listens on a random port of the IPv4 loopback, or of the
// IPv6 one on hosts without IPv4, as httptest does; unlike httptest it
// returns the error instead of panicking.
func listenLoopback() (net.Listener, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err == nil {
		return l, nil
	}
	l, err6 := net.Listen("tcp", "[::1]:0")
	if err6 != nil {
		return nil, fmt.Errorf("listen on a loopback port: %w", err)
	}
	return l, nil
}

// Client returns an HTTP client for the mock: it trusts the mock's
// certificate under WithTLS, and Close closes its idle connections.
func (m *Mock) Client() *http.Client { return m.ts.Client() }

// Certificate returns the certificate the mock serves under WithTLS, for
// clients that build their own trust store, or nil without TLS.
func (m *Mock) Certificate() *x509.Certificate { return m.ts.Certificate() }

// Close stops the mock and waits for the requests in flight to end, as
// httptest.Server.Close does, except that requests held by a fault are
// let go without an answer rather than waited for. Further requests fail.
// Calling Close again does nothing more.
func (m *Mock) Close() {
	m.release()
	m.ts.Close()
}

// fail reports a method's failure on the test, or panics for a Mock from
// Start.
func (m *Mock) fail(format string, args ...any) {
	m.tb.Helper()
	m.tb.Fatal("sessionmocktest: " + fmt.Sprintf(format, args...))
}

// panicTB is the testing.TB of a Mock from Start: it has no test to fail,
// so a failure panics, as httptest.NewServer does when it cannot listen.
// Only Helper and Fatal are ever called on it.
type panicTB struct{ testing.TB }

func (panicTB) Helper() {}

func (panicTB) Fatal(args ...any) { panic(fmt.Sprint(args...)) }

// tokenCache keeps one token per Mock and vendor; the lock is held while
// fetching, so that concurrent callers share one login.
type tokenCache struct {
	mu sync.Mutex
	token
}
