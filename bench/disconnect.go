package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/bench/internal/proc"
)

const (
	// disconnectAfter is how much of the long list the client reads
	// before it hangs up.
	disconnectAfter = 1 << 20
	// disconnectSettle lets the server notice the closed connection.
	disconnectSettle = 100 * time.Millisecond
	// disconnectWindow is the pause over which the server's CPU time is
	// read: well inside the time the rest of a long list would take, so a
	// server that kept generating would show it.
	disconnectWindow = 500 * time.Millisecond
	// idleCPU is the most CPU time a server that stopped may use in the
	// window (timers, the runtime's own work): a tenth of one core.
	idleCPU = disconnectWindow / 10
)

// disconnectResult says whether hanging up on the long list stopped its
// generation.
type disconnectResult struct {
	Read    int64         `json:"read_bytes"`
	CPU     time.Duration `json:"cpu_in_window_ns"` // server CPU time in the window
	Window  time.Duration `json:"window_ns"`
	Stopped bool          `json:"stopped"`
}

// measureDisconnect reads the start of the list from s, closes the
// connection, and watches the server's CPU time.
func measureDisconnect(ctx context.Context, s *server) (disconnectResult, error) {
	token, err := s.api().seguraToken(ctx)
	if err != nil {
		return disconnectResult{}, err
	}
	req, err := listRequest(ctx, s.base, token)
	if err != nil {
		return disconnectResult{}, err
	}
	return hangUp(ctx, req, func() (time.Duration, error) { return proc.CPUTime(s.Pid()) })
}

// hangUp sends req, reads disconnectAfter bytes of the answer, closes the
// connection, and reports how much CPU time cpu shows over the window
// that follows.
func hangUp(ctx context.Context, req *http.Request, cpu func() (time.Duration, error)) (disconnectResult, error) {
	resp, err := listClient().Do(req)
	if err != nil {
		return disconnectResult{}, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return disconnectResult{}, fmt.Errorf("disconnect: list status %d", resp.StatusCode)
	}
	n, err := io.CopyN(io.Discard, resp.Body, disconnectAfter)
	// Closing a body that was not read to the end closes the connection.
	resp.Body.Close()
	if err != nil {
		return disconnectResult{}, fmt.Errorf("disconnect: reading the first %d bytes: %w", disconnectAfter, err)
	}
	if err := sleep(ctx, disconnectSettle); err != nil {
		return disconnectResult{}, err
	}
	before, err := cpu()
	if err != nil {
		return disconnectResult{}, err
	}
	if err := sleep(ctx, disconnectWindow); err != nil {
		return disconnectResult{}, err
	}
	after, err := cpu()
	if err != nil {
		return disconnectResult{}, err
	}
	used := after - before
	return disconnectResult{Read: n, CPU: used, Window: disconnectWindow, Stopped: used <= idleCPU}, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
