package main

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/server"
)

// reloader reads the settings of a running serve again, from the same
// arguments, environment and config file, and hands the server what it can
// take without a restart (see config.Settings.Reload and server.Reload).
// Its methods run on one goroutine, the one of run.
type reloader struct {
	args   []string
	getenv func(string) string
	srv    *server.Server
	world  *fixtures.World
	log    *slog.Logger
	level  *slog.LevelVar

	running config.Settings
	file    *fileWatch
}

// fileWatch tells whether a config file's content changed.
type fileWatch struct {
	name string // "" for none
	log  *slog.Logger
	// sum is the hash of the content as last read, and unreadable whether
	// it could not be read then.
	sum        [sha256.Size]byte
	unreadable bool
}

// watchFile starts watching name from its content now: serve calls it
// right after reading the settings, so that a change made since is all
// but never missed.
func watchFile(name string, log *slog.Logger) *fileWatch {
	w := &fileWatch{name: name, log: log}
	w.changed()
	return w
}

// run reloads on every signal from hup and, when the settings name a
// config file and a poll interval, whenever the file's content changes;
// it returns when ctx ends.
func (rl *reloader) run(ctx context.Context, hup <-chan os.Signal) {
	var tick <-chan time.Time
	if rl.file.name != "" && rl.running.ConfigPoll > 0 {
		t := time.NewTicker(rl.running.ConfigPoll)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			rl.file.changed() // a signal reloads whatever the file says
			rl.reload("SIGHUP")
		case <-tick:
			if rl.file.changed() {
				rl.reload("config file changed")
			}
		}
	}
}

// changed reads the file and reports whether its content differs from
// the last read. The content is compared, not the inode or
// the time: a Kubernetes ConfigMap update swaps a symlink to a new file,
// and editors replace files whole. A file that cannot be read is logged
// once, and counts as no change until it can be read again.
func (w *fileWatch) changed() bool {
	if w.name == "" {
		return false
	}
	data, err := os.ReadFile(w.name)
	if err != nil {
		if !w.unreadable {
			w.log.Warn("config file unreadable; the running configuration stays", "file", w.name, "error", err.Error())
		}
		w.unreadable = true
		return false
	}
	w.unreadable = false
	sum := sha256.Sum256(data)
	if sum == w.sum {
		return false
	}
	w.sum = sum
	return true
}

// reload reads the settings again and applies them, all or nothing. A
// mistake anywhere (the reader names each by file:line:column) keeps the
// running configuration, and the log says why. A change to the clock or
// the timeline restarts the world on a new one, built as a start with the
// new settings would build it.
func (rl *reloader) reload(reason string) error {
	refused := func(err error) error {
		rl.log.Error("reload refused; the running configuration stays", "reason", reason, "error", err.Error())
		return err
	}
	next, err := config.Load(rl.args, rl.getenv)
	if err != nil {
		return refused(err)
	}
	applied, restart, restarts := rl.running.Reload(next)
	world := rl.world
	if len(restarts) > 0 {
		if world, err = applied.NewWorld(); err != nil {
			return refused(err)
		}
	}
	cfg := applied.ServerConfig(world, rl.log)
	if err := rl.srv.Reload(cfg); err != nil {
		return refused(err)
	}
	rl.level.Set(applied.EffectiveLevel())
	rl.running, rl.world = applied, world
	if len(restarts) > 0 {
		rl.log.Info("reload: the world restarts; clock moves and admin-API changes are dropped",
			"settings", strings.Join(restarts, ","), "clock", applied.ClockMode.String(), "now", clock.FormatInstant(cfg.Clock.Now()))
	}
	if len(restart) > 0 {
		rl.log.Warn("reload: settings changed that need a restart; they keep their running values",
			"settings", strings.Join(restart, ","))
	}
	rl.log.Info("configuration reloaded", "reason", reason, "fault_rules", len(applied.Faults))
	return nil
}
