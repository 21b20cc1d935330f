package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionmock/sessionmock/internal/cli"
)

// syncBuffer is a bytes.Buffer the server's goroutines may log into while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
	// wrote is closed by the next write (see waitFor).
	wrote chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.wrote != nil {
		close(s.wrote)
		s.wrote = nil
	}
	return s.b.Write(p)
}

// Len is how much was written so far, a mark for waitFor.
func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// waitFor returns what was written after mark once it contains want,
// woken by each write rather than polling.
func (s *syncBuffer) waitFor(t *testing.T, mark int, want string) string {
	t.Helper()
	for {
		s.mu.Lock()
		got := s.b.String()[mark:]
		if strings.Contains(got, want) {
			s.mu.Unlock()
			return got
		}
		if s.wrote == nil {
			s.wrote = make(chan struct{})
		}
		wrote := s.wrote
		s.mu.Unlock()
		select {
		case <-wrote:
		case <-time.After(hangGuard):
			t.Fatalf("no %q in the output after %v:\n%s", want, hangGuard, got)
		}
	}
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// mock is one "sessionmock serve" run inside the test process.
type mock struct {
	base   string   // URL from the banner's first line
	banner []string // the banner's lines
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error // receives run's result
}

// startServe runs sessionmock with args (serve is the default subcommand)
// and returns once the banner is out, so
// the listener is ready without any sleeping. The run is stopped at the
// end of the test if the test did not stop it.
func startServe(t *testing.T, env map[string]string, args ...string) *mock {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	m := &mock{stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := run(ctx, args, environ(env), pw, m.stderr)
		pw.CloseWithError(io.EOF)
		m.done <- err
	}()
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		m.banner = append(m.banner, sc.Text())
		if strings.HasPrefix(sc.Text(), bannerEnd) {
			break
		}
	}
	go io.Copy(io.Discard, pr) // serve writes nothing more, but must never block
	if len(m.banner) == 0 || !strings.HasPrefix(m.banner[len(m.banner)-1], bannerEnd) {
		cancel()
		t.Fatalf("no banner; run returned %v; stderr:\n%s", <-m.done, m.stderr)
	}
	first := strings.Fields(m.banner[0])
	m.base = first[len(first)-1]
	t.Cleanup(func() {
		cancel()
		select {
		case <-m.done:
		case <-time.After(hangGuard):
			t.Error("serve did not stop")
		}
	})
	return m
}

// hangGuard bounds the tests' waits for something real only so that a
// hang fails instead of blocking; it is no measure of speed.
const hangGuard = 2 * time.Minute

// stop cancels the run and returns its result, failing if it hangs.
func (m *mock) stop(t *testing.T) error {
	t.Helper()
	m.cancel()
	select {
	case err := <-m.done:
		m.done <- err // for the cleanup
		return err
	case <-time.After(hangGuard):
		t.Fatalf("run did not return within %v of the cancel", hangGuard)
		return nil
	}
}

// curlLines returns the banner's curl lines, Segura's first.
func (m *mock) curlLines() []string {
	var out []string
	for _, l := range m.banner {
		if s := strings.TrimSpace(l); strings.HasPrefix(s, "curl ") {
			out = append(out, s)
		}
	}
	return out
}

// runCmd runs a subcommand that ends by itself and returns its output.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, nil, &out, &errOut)
	return out.String(), errOut.String(), err
}

// environ turns a map of variables into the list os.Environ gives.
func environ(env map[string]string) []string {
	var out []string
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// exitCode is the status main exits with for err.
func exitCode(err error) int { return cli.ExitCode(err) }

// inFlight sends head, the head of a request that announces a body with
// Expect: 100-continue, and returns once the server answers "100
// Continue", which it does when it starts reading the body: from then on
// the request is certainly in flight, with no sleeping to make it likely.
// The caller sends the body.
func inFlight(t *testing.T, addr, head string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(hangGuard))
	r := bufio.NewReader(conn)
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	if cont, err := http.ReadResponse(r, nil); err != nil || cont.StatusCode != http.StatusContinue {
		t.Fatalf("want 100 Continue, got %v, %v", cont, err)
	}
	return conn, r
}
