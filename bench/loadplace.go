package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// tasksetTimeout bounds one call of taskset.
const tasksetTimeout = 5 * time.Second

// selfPinner moves every thread of the harness onto the CPUs of a CPU
// list. Threads started later inherit the list from the thread that
// starts them.
type selfPinner func(ctx context.Context, cpus string) error

// tasksetSelf is the selfPinner that runs taskset at path on the
// harness's own process id, all of its threads at once.
func tasksetSelf(path string) selfPinner {
	return func(ctx context.Context, cpus string) error {
		tctx, cancel := context.WithTimeout(ctx, tasksetTimeout)
		defer cancel()
		out, err := exec.CommandContext(tctx, path, "-a", "-p", "-c", cpus, strconv.Itoa(os.Getpid())).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%v %s", err, strings.TrimSpace(string(out)))
		}
		return nil
	}
}

// placeLoad moves the harness, and with it the load generator, onto the
// CPUs pl gives the load, and returns the function that moves it back
// onto all allowed CPUs. The caller must call that function whatever
// happens next; it works also when ctx has been cancelled. When the load
// shares the servers' CPUs, or the servers are not pinned, the harness
// already is where it belongs and nothing is moved.
func (p pinning) placeLoad(ctx context.Context, pl placement) (restore func() error, err error) {
	if pl.Load == "" || pl.LoadShared || p.pinSelf == nil {
		return func() error { return nil }, nil
	}
	all := formatCPUList(p.Allowed)
	restore = func() error {
		if err := p.pinSelf(context.WithoutCancel(ctx), all); err != nil {
			return fmt.Errorf("moving the harness back onto CPU %s: %w", all, err)
		}
		return nil
	}
	if err := p.pinSelf(ctx, pl.Load); err != nil {
		// Some threads may have moved before the failure.
		if rerr := restore(); rerr != nil {
			err = fmt.Errorf("%w; %w", err, rerr)
		}
		return nil, fmt.Errorf("moving the load generator onto CPU %s: %w", pl.Load, err)
	}
	return restore, nil
}
