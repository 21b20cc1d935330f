package proc

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// stopGrace is how long a stopped server gets to exit on SIGTERM before
// it is killed.
const stopGrace = 3 * time.Second

// outputLimit bounds how much of a child's output is kept for error
// messages: a server that logs every request must not fill the memory
// of the harness that measures it.
const outputLimit = 16 << 10

// Process is a running child. Stop it, always: Start arranges for the
// kernel to kill it if the harness dies first, but a harness that returns
// normally must not leave servers behind.
type Process struct {
	cmd     *exec.Cmd
	started time.Time
	out     *limitedBuffer
	done    chan struct{} // closed when the child has exited
	waitErr error
	stop    sync.Once
}

// Start runs path with args and exactly the environment env. The child's
// output is kept, up to a limit, for Output.
func Start(path string, args, env []string) (*Process, error) {
	cmd := exec.Command(path, args...)
	cmd.Env = env
	out := &limitedBuffer{limit: outputLimit}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = childAttrs()
	p := &Process{cmd: cmd, out: out, done: make(chan struct{})}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", path, err)
	}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// Pid is the child's process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Started is when the harness asked the kernel to start the child.
func (p *Process) Started() time.Time { return p.started }

// Exited reports whether the child has ended, and how.
func (p *Process) Exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.waitErr
	default:
		return false, nil
	}
}

// Output is the start of what the child wrote to stdout and stderr.
func (p *Process) Output() string { return p.out.String() }

// Stop ends the child: SIGTERM, then SIGKILL after a grace period. It is
// safe to call more than once and after the child has exited.
func (p *Process) Stop() {
	p.stop.Do(func() {
		select {
		case <-p.done:
			return
		default:
		}
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(stopGrace):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
}

// WaitReady calls ready every interval until it returns nil, the child
// exits, or ctx ends. It returns when the first call succeeded.
func (p *Process) WaitReady(ctx context.Context, interval time.Duration, ready func(context.Context) error) (time.Time, error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	var last error
	for {
		if last = ready(ctx); last == nil {
			return time.Now(), nil
		}
		select {
		case <-p.done:
			return time.Time{}, fmt.Errorf("the server exited before it was ready (%v): %s", p.waitErr, p.Output())
		case <-ctx.Done():
			return time.Time{}, fmt.Errorf("the server was not ready in time: %w (last try: %v)", ctx.Err(), last)
		case <-t.C:
		}
	}
}

// limitedBuffer keeps the first limit bytes written to it and drops the
// rest, reporting every write as complete so the child never blocks.
type limitedBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	limit int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.limit - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
