package main

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"os"
	"strings"
	"time"

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
	// sum is the hash of the config file's content as last read, and
	// unreadable whether it could not be read then.
	sum        [sha256.Size]byte
	unreadable bool
}

func newReloader(args []string, getenv func(string) string, running config.Settings,
	srv *server.Server, world *fixtures.World, log *slog.Logger, level *slog.LevelVar,
) *reloader {
	rl := &reloader{args: args, getenv: getenv, srv: srv, world: world, log: log, level: level, running: running}
	rl.fileChanged() // the content the settings were read from
	return rl
}

// run reloads on every signal from hup and, when the settings name a
// config file and a poll interval, whenever the file's content changes;
// it returns when ctx ends.
func (rl *reloader) run(ctx context.Context, hup <-chan os.Signal) {
	var tick <-chan time.Time
	if rl.running.ConfigFile != "" && rl.running.ConfigPoll > 0 {
		t := time.NewTicker(rl.running.ConfigPoll)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			rl.fileChanged() // a signal reloads whatever the file says
			rl.reload("SIGHUP")
		case <-tick:
			if rl.fileChanged() {
				rl.reload("config file changed")
			}
		}
	}
}

// fileChanged reads the config file and reports whether its content
// differs from the last read. The content is compared, not the inode or
// the time: a Kubernetes ConfigMap update swaps a symlink to a new file,
// and editors replace files whole. A file that cannot be read is logged
// once, and counts as no change until it can be read again.
func (rl *reloader) fileChanged() bool {
	name := rl.running.ConfigFile
	if name == "" {
		return false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		if !rl.unreadable {
			rl.log.Warn("config file unreadable; the running configuration stays", "file", name, "error", err.Error())
		}
		rl.unreadable = true
		return false
	}
	rl.unreadable = false
	sum := sha256.Sum256(data)
	if sum == rl.sum {
		return false
	}
	rl.sum = sum
	return true
}

// reload reads the settings again and applies them, all or nothing. A
// mistake anywhere (the reader names each by file:line:column) keeps the
// running configuration, and the log says why.
func (rl *reloader) reload(reason string) error {
	next, err := config.Load(rl.args, rl.getenv)
	if err != nil {
		rl.log.Error("reload refused; the running configuration stays", "reason", reason, "error", err.Error())
		return err
	}
	applied, restart := rl.running.Reload(next)
	if err := rl.srv.Reload(applied.ServerConfig(rl.world, rl.log)); err != nil {
		rl.log.Error("reload refused; the running configuration stays", "reason", reason, "error", err.Error())
		return err
	}
	rl.level.Set(applied.EffectiveLevel())
	rl.running = applied
	if len(restart) > 0 {
		rl.log.Warn("reload: settings changed that need a restart; they keep their running values",
			"settings", strings.Join(restart, ","))
	}
	rl.log.Info("configuration reloaded", "reason", reason, "fault_rules", len(applied.Faults))
	return nil
}
