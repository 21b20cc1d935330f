//go:build unix

package main

import (
	"strings"
	"syscall"
	"testing"
)

// TestServeReloadsOnSIGHUP sends the process itself a SIGHUP, which serve
// takes for a reload instead of the end. serve watches for it before the
// banner is out, so the signal cannot come too early.
func TestServeReloadsOnSIGHUP(t *testing.T) {
	cm := newConfigMap(t, reloadConfig)
	m := startServe(t, nil, "--addr", "127.0.0.1:0", "--config", cm.file, "--config-poll", "0")
	cm.update(t, `segura:
  clients:
    - {id: ci, secret: after-hup}
`)
	mark := m.stderr.Len()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	out := m.stderr.waitFor(t, mark, "configuration reloaded")
	if !strings.Contains(out, "reason=SIGHUP") {
		t.Errorf("the reload does not name its reason:\n%s", out)
	}
	if got := tokenStatus(t, m.base, "ci", "after-hup"); got != 200 {
		t.Errorf("token with the secret of the file read on SIGHUP: %d", got)
	}
	if got := versionStatus(t, m.base); got != 200 {
		t.Errorf("the rule the new file drops still answers: %d", got)
	}
	if err := m.stop(t); err != nil {
		t.Errorf("serve after a SIGHUP and a stop: %v, want a clean exit", err)
	}
}
