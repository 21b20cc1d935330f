package config

import (
	"fmt"
	"os"
	"slices"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/cli"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Load reads the settings of "sessionmock serve" from its arguments (the
// ones after the subcommand), the environment as getenv reports it and the
// config file that --config or SESSIONMOCK_CONFIG names. Precedence is
// flag > environment > file > default; an empty variable counts as unset.
//
// For -h or --help it returns an error wrapping flag.ErrHelp. Every other
// error is the user's to fix and names where the bad value came from.
func Load(args []string, getenv func(string) string) (Settings, error) {
	given, err := cli.Parse("serve", ServeFlags(), args)
	if err != nil {
		return Settings{}, err
	}
	return LoadGiven(given, getenv)
}

// LoadGiven is Load for flags already parsed, by a subcommand that takes
// some of serve's flags besides its own ("sessionmock health --addr").
// Flags that are not serve's are refused.
func LoadGiven(given []cli.Given, getenv func(string) string) (Settings, error) {
	table := serveSettings()
	flags := cli.Last(given)
	for name := range flags {
		if !slices.ContainsFunc(table, func(s setting) bool { return s.name == name }) {
			return Settings{}, fmt.Errorf("--%s is not a flag of serve", name)
		}
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
	var err error
	if raw, ok := flags[cfg.name]; ok {
		err = apply(cfg, raw, "--"+cfg.name)
	} else if raw := getenv(cli.EnvName(cfg.name)); raw != "" {
		err = apply(cfg, raw, cli.EnvName(cfg.name))
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
		if raw := getenv(cli.EnvName(set.name)); raw != "" && set != cfg {
			if err := apply(set, raw, cli.EnvName(set.name)); err != nil {
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
	st.fileFaults = layer.faults
	for _, e := range layer.entries {
		if err := e.set.apply(st, e.raw); err != nil {
			return fmt.Errorf("%s: %s: %w", e.pos, e.set.name, err)
		}
		origin[e.set.name] = e.pos
	}
	return nil
}

// finish applies the credential overrides, builds the fault rules and
// checks the settings that only make sense together.
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

	// The release sets the versions no source gave.
	if r, err := appgate.LookupRelease(s.AppgateRelease); err == nil {
		if _, given := origin["peer-version"]; !given {
			s.PeerVersion = r.PeerVersion
			origin["peer-version"] = from("appgate-release")
		}
		if _, given := origin["lowest-peer-version"]; !given {
			s.LowestPeerVersion = min(r.LowestPeerVersion(), s.PeerVersion)
			origin["lowest-peer-version"] = from("appgate-release")
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
	if err := finishClock(&s, from); err != nil {
		return Settings{}, err
	}

	// The short forms first, then the file's rules in file order.
	rules, err := fault.FromFlags(s.Latency, s.ErrorRate, s.ErrorStatus)
	if err != nil {
		return Settings{}, err
	}
	s.Faults = append(rules, st.fileFaults...)
	return s, nil
}

func override(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}
