package proc

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as the child process: run with this variable
// set, TestMain becomes a tiny server or a program that fails at once.
const childModeEnv = "PROC_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childModeEnv) {
	case "serve":
		ln, err := net.Listen("tcp", os.Args[len(os.Args)-1])
		if err != nil {
			fmt.Println(err)
			os.Exit(3)
		}
		fmt.Println("child listening")
		_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "ok")
		}))
		os.Exit(0)
	case "fail":
		fmt.Println("child giving up")
		os.Exit(4)
	}
	os.Exit(m.Run())
}

func startChild(t *testing.T, mode, addr string) *Process {
	t.Helper()
	p, err := Start(os.Args[0], []string{"-test.run=^$", addr}, append(os.Environ(), childModeEnv+"="+mode))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	return p
}

func httpReady(url string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
}

func TestStartWaitStop(t *testing.T) {
	addr, err := FreeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("FreeLoopbackAddr = %q, want a loopback address", addr)
	}
	p := startChild(t, "serve", addr)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ready, err := p.WaitReady(ctx, time.Millisecond, httpReady("http://"+addr+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if !ready.After(p.Started()) {
		t.Fatalf("ready at %v, not after the start at %v", ready, p.Started())
	}
	if rss, err := PeakRSS(p.Pid()); err != nil || rss <= 0 {
		t.Fatalf("PeakRSS of the child = %d, %v", rss, err)
	}
	if exited, _ := p.Exited(); exited {
		t.Fatal("the child exited while serving")
	}
	p.Stop()
	p.Stop() // a second stop is harmless
	if exited, _ := p.Exited(); !exited {
		t.Fatal("the child still runs after Stop")
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Fatal("the port still answers after Stop")
	}
	if !strings.Contains(p.Output(), "child listening") {
		t.Fatalf("Output = %q, want the child's stdout", p.Output())
	}
}

func TestWaitReadyReportsAnEarlyExit(t *testing.T) {
	p := startChild(t, "fail", "127.0.0.1:1")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := p.WaitReady(ctx, time.Millisecond, func(context.Context) error { return fmt.Errorf("not yet") })
	if err == nil || !strings.Contains(err.Error(), "exited before it was ready") || !strings.Contains(err.Error(), "child giving up") {
		t.Fatalf("err = %v, want the exit and the child's output", err)
	}
}

func TestWaitReadyGivesUpWithTheContext(t *testing.T) {
	addr, err := FreeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	p := startChild(t, "serve", addr)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err = p.WaitReady(ctx, time.Millisecond, func(context.Context) error { return fmt.Errorf("never") })
	if err == nil || !strings.Contains(err.Error(), "not ready in time") || !strings.Contains(err.Error(), "never") {
		t.Fatalf("err = %v, want a time-out naming the last try", err)
	}
}

func TestLimitedBuffer(t *testing.T) {
	b := &limitedBuffer{limit: 5}
	for _, s := range []string{"abc", "defg", "hij"} {
		if n, err := b.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v; want the whole write accepted", s, n, err)
		}
	}
	if got := b.String(); got != "abcde" {
		t.Fatalf("kept %q, want the first 5 bytes", got)
	}
}
