package config

import (
	"fmt"
	"io"
	"strings"
)

// ServeUsage writes the help of "sessionmock serve": every flag with its
// default and its environment variable.
func ServeUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: sessionmock serve [flags]

Serves the mock Segura PAM Core and Appgate SDP session APIs on one
listener. Each flag can also be set by its environment variable or by the
same key in the --config YAML file: a flag wins over a variable, which wins
over the file. Boolean flags take their value after "=" (--validate=false).

Besides the flag names, the config file takes full credential lists, which
replace the default ones (the flags above then change the first entry with
the permission to read sessions):

  segura:
    clients:
      - {id: ci, secret: ci-secret, list-sessions: true}
  appgate:
    users:
      - {provider: local, username: ops, password: ops-pass, session-info: true}

Flags:
`)
	defaults := Defaults()
	writeFlags(w, serveSettings(), &defaults, true)
}

// writeFlags lists flags in the layout of the standard flag package, with
// the variable name added when the flag has one.
func writeFlags(w io.Writer, table []setting, defaults *Settings, withEnv bool) {
	for _, set := range table {
		head := "  --" + set.name
		if set.meta != "" {
			head += " " + set.meta
		}
		var notes []string
		if def := set.show(defaults); def != "" {
			notes = append(notes, "default "+def)
		}
		if withEnv {
			notes = append(notes, "env "+EnvName(set.name))
		}
		fmt.Fprintf(w, "%s\n        %s\n", head, set.about)
		if len(notes) > 0 {
			fmt.Fprintf(w, "        (%s)\n", strings.Join(notes, ", "))
		}
	}
}
