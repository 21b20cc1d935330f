package config

import (
	"fmt"
	"io"

	"github.com/sessionmock/sessionmock/internal/cli"
)

// ServeUsage writes the help of "sessionmock serve": every flag with its
// default, its range and its environment variable.
func ServeUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: sessionmock serve [flags]

Serves the mock Segura PAM Core and Appgate SDP session APIs on one
listener. Each flag can also be set by its environment variable or by the
same key in the --config YAML file: a flag wins over a variable, which wins
over the file. Boolean flags take their value after "=" (--validate=false).
A value outside its range stops the mock with exit status 2.

Besides the flag names, the config file takes full credential lists, which
replace the default ones (the flags above then change the first entry with
the permission to read sessions):

  segura:
    clients:
      - {id: ci, secret: ci-secret, list-sessions: true, drop-sessions: false}
  appgate:
    users:
      - {provider: local, username: ops, password: ops-pass, session-info: true}

On SIGHUP, and when the --config file changes (checked every
--config-poll), the settings are read again: the credentials, the fault
rules and the flags marked "reloads" take effect at once; a change to any
other setting is named in a warning and waits for a restart. A change to
the clock or the timeline (--clock, --clock-start, the arrival rates,
--segura-in-progress, --appgate-grace) restarts the world as a start with
the new settings would: the clock starts again, and the clock moves,
drops, disconnects and failovers made through the admin API are dropped.
A file with a mistake is refused whole, with the mistake logged, and the
running configuration stays.

Flags:
`)
	cli.WriteFlags(w, ServeFlags())
}
