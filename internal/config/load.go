package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Load reads the settings of "sessionmock serve" from its arguments (the
// ones after the subcommand), the environment as getenv reports it and the
// config file that --config or SESSIONMOCK_CONFIG names. Precedence is
// flag > environment > file > default; an empty variable counts as unset.
//
// For -h or --help it returns an error wrapping flag.ErrHelp. Every other
// error is the user's to fix and names where the bad value came from.
func Load(args []string, getenv func(string) string) (Settings, error) {
	table := serveSettings()
	flags, err := parseFlags("serve", table, args)
	if err != nil {
		return Settings{}, err
	}

	st := &state{Settings: Defaults()}
	origin := map[string]string{}
	apply := func(set *setting, raw, source string) error {
		if err := set.apply(st, raw); err != nil {
			return fmt.Errorf("%s: %w", source, err)
		}
		origin[set.name] = source
		return nil
	}
	cfg := &table[slices.IndexFunc(table, func(s setting) bool { return s.name == "config" })]
	// The file is read before the other sources are applied, since they
	// override it, so the file's own name is looked up first.
	if raw, ok := flags[cfg.name]; ok {
		err = apply(cfg, raw, "--"+cfg.name)
	} else if raw := getenv(EnvName(cfg.name)); raw != "" {
		err = apply(cfg, raw, EnvName(cfg.name))
	}
	if err != nil {
		return Settings{}, err
	}
	if st.ConfigFile != "" {
		data, err := os.ReadFile(st.ConfigFile)
		if err != nil {
			return Settings{}, fmt.Errorf("%s: %w", origin[cfg.name], err)
		}
		layer, err := parseConfigFile(st.ConfigFile, data)
		if err != nil {
			return Settings{}, err
		}
		if err := applyFile(st, layer, origin); err != nil {
			return Settings{}, err
		}
	}
	for i := range table {
		set := &table[i]
		if raw := getenv(EnvName(set.name)); raw != "" && set != cfg {
			if err := apply(set, raw, EnvName(set.name)); err != nil {
				return Settings{}, err
			}
		}
	}
	for i := range table {
		set := &table[i]
		if raw, ok := flags[set.name]; ok && set != cfg {
			if err := apply(set, raw, "--"+set.name); err != nil {
				return Settings{}, err
			}
		}
	}
	return finish(st, origin)
}

func applyFile(st *state, layer *fileLayer, origin map[string]string) error {
	if layer.clients != nil {
		st.SeguraClients = layer.clients
	}
	if layer.users != nil {
		st.AppgateUsers = layer.users
	}
	st.Faults = layer.faults
	for _, e := range layer.entries {
		if err := e.set.apply(st, e.raw); err != nil {
			return fmt.Errorf("%s: %s: %w", e.pos, e.set.name, err)
		}
		origin[e.set.name] = e.pos
	}
	return nil
}

// finish applies the credential overrides and checks the settings that
// only make sense together.
func finish(st *state, origin map[string]string) (Settings, error) {
	from := func(name string) string {
		if o, ok := origin[name]; ok {
			return o
		}
		return "default"
	}
	s := st.Settings
	// The lists may be the caller's defaults or the file's: copy before
	// changing an entry.
	s.SeguraClients = slices.Clone(s.SeguraClients)
	s.AppgateUsers = slices.Clone(s.AppgateUsers)
	c := &s.SeguraClients[WorkingClient(s.SeguraClients)]
	override(&c.ID, st.clientID)
	override(&c.Secret, st.clientSecret)
	u := &s.AppgateUsers[WorkingUser(s.AppgateUsers)]
	override(&u.Provider, st.provider)
	override(&u.Username, st.username)
	override(&u.Password, st.password)
	for i, other := range s.SeguraClients {
		if i != WorkingClient(s.SeguraClients) && other.ID == c.ID {
			return Settings{}, fmt.Errorf("%s: client id %q is already taken by another Segura client", from("client-id"), c.ID)
		}
	}
	for i, other := range s.AppgateUsers {
		if i != WorkingUser(s.AppgateUsers) && other.Provider == u.Provider && other.Username == u.Username {
			return Settings{}, fmt.Errorf("%s: user %q of provider %q is already taken by another Appgate user", from("username"), u.Username, u.Provider)
		}
	}

	if s.LowestPeerVersion > s.PeerVersion {
		return Settings{}, fmt.Errorf("lowest-peer-version %d (%s) is above peer-version %d (%s)",
			s.LowestPeerVersion, from("lowest-peer-version"), s.PeerVersion, from("peer-version"))
	}
	if (s.TLSCert == "") != (s.TLSKey == "") {
		set, missing := "tls-cert", "tls-key"
		if s.TLSCert == "" {
			set, missing = missing, set
		}
		return Settings{}, fmt.Errorf("%s is set (%s) but %s is not: give both or neither", set, from(set), missing)
	}
	if s.TLSCert != "" {
		s.TLS = true
	}
	return s, nil
}

func override(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// parseFlags collects the text of each flag given, leaving its parsing to
// the setting so that flag errors read like variable and file errors.
func parseFlags(cmd string, table []setting, args []string) (map[string]string, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	// Errors are returned, and the caller prints them once, with the help
	// when asked for it.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	vals := make([]rawFlag, len(table))
	for i, set := range table {
		vals[i].boolean = set.meta == ""
		fs.Var(&vals[i], set.name, set.about)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	if rest := fs.Args(); len(rest) > 0 {
		hint := ""
		if v := strings.ToLower(rest[0]); v == "true" || v == "false" {
			hint = fmt.Sprintf(" (boolean flags take their value after =, as in --validate=%s)", v)
		}
		return nil, fmt.Errorf("%s: unexpected argument %q%s", cmd, rest[0], hint)
	}
	out := map[string]string{}
	for i, set := range table {
		if vals[i].set {
			out[set.name] = vals[i].val
		}
	}
	return out, nil
}

// rawFlag keeps a flag's text; IsBoolFlag lets "--tls" stand for
// "--tls=true".
type rawFlag struct {
	val     string
	set     bool
	boolean bool
}

func (r *rawFlag) String() string     { return r.val }
func (r *rawFlag) Set(v string) error { r.val, r.set = v, true; return nil }
func (r *rawFlag) IsBoolFlag() bool   { return r.boolean }
