package config

import (
	"path/filepath"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/yamldoc"
	"github.com/sessionmock/sessionmock/server"
)

// fileLayer is what a config file says, checked but not yet applied:
// scalar settings keep their text and position so that the same parsers
// as for flags and variables read them, and applying them cannot fail.
type fileLayer struct {
	entries []fileEntry // in document order
	clients []server.SeguraClient
	users   []server.AppgateUser
	faults  []fault.Rule
}

type fileEntry struct {
	set *setting
	raw string
	pos string // "name:line:column" of the value
}

// parseConfigFile reads a YAML config file. name is how the user spelled
// its path: every error starts with it and the position, and relative file
// names inside are taken relative to its directory. The error reports
// every mistake in the file (up to 20).
func parseConfigFile(name string, data []byte) (*fileLayer, error) {
	r := yamldoc.NewReader(name)
	layer := &fileLayer{}
	if root := r.Parse(data); root != nil && !yamldoc.IsNull(root) {
		readConfig(r, root, layer)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return layer, nil
}

// The sections of a config file besides the settings.
const (
	sectionSegura  = "segura"
	sectionAppgate = "appgate"
	sectionFaults  = "faults"
)

func readConfig(r *yamldoc.Reader, root *yaml.Node, layer *fileLayer) {
	table := serveSettings()
	byName := map[string]*setting{}
	names := make([]string, 0, len(table)+3)
	for i := range table {
		byName[table[i].name] = &table[i]
		names = append(names, table[i].name)
	}
	names = append(names, sectionSegura, sectionAppgate, sectionFaults)
	top := &yamldoc.Keys{Names: names, Want: `a flag name of "sessionmock serve --help", segura, appgate or faults`}
	// A key of the top level written inside a section is a slip worth
	// naming.
	hint := func(key string) string {
		if slices.Contains(names, key) {
			return "it is a top-level key"
		}
		return ""
	}
	dir := filepath.Dir(r.File())
	scratch := &state{Settings: Defaults()}
	for _, e := range r.Mapping(root, "", top) {
		switch e.Key {
		case sectionSegura:
			for _, f := range r.Mapping(e.Value, e.Path, &yamldoc.Keys{Names: []string{"clients"}, Hint: hint}) {
				layer.clients = readClients(r, f.Value, f.Path)
			}
			continue
		case sectionAppgate:
			for _, f := range r.Mapping(e.Value, e.Path, &yamldoc.Keys{Names: []string{"users"}, Hint: hint}) {
				layer.users = readUsers(r, f.Value, f.Path)
			}
			continue
		case sectionFaults:
			rules, err := fault.RulesFromNode(r.File(), e.Value)
			r.Merge(err)
			layer.faults = rules
			continue
		case "config":
			r.Failf(e.KeyNode, e.Path, "a config file cannot name another one")
			continue
		}
		set := byName[e.Key]
		raw, ok := settingText(r, e)
		if !ok {
			continue
		}
		if set.path && raw != "" && !filepath.IsAbs(raw) {
			raw = filepath.Join(dir, raw)
		}
		// The value is checked here, so that its mistake is reported with
		// the file's others; applying it later gives the same answer.
		if err := set.apply(scratch, raw); err != nil {
			r.Failf(e.Value, e.Path, "%v", err)
			continue
		}
		layer.entries = append(layer.entries, fileEntry{set: set, raw: raw, pos: at(r.File(), e.Value)})
	}
}

// settingText returns the text of a setting's value; settings parse it
// like a flag's text, so `seed: 5` and `seed: "5"` mean the same.
func settingText(r *yamldoc.Reader, e yamldoc.Entry) (string, bool) {
	if e.Value.Kind != yaml.ScalarNode || yamldoc.IsNull(e.Value) {
		r.WrongType(e.Value, e.Path, "a single value")
		return "", false
	}
	return e.Value.Value, true
}

var (
	clientKeys = yamldoc.Keys{Names: []string{"id", "secret", "list-sessions", "drop-sessions"}, Required: []string{"id", "secret"}}
	userKeys   = yamldoc.Keys{Names: []string{"provider", "username", "password", "session-info", "otp"}, Required: []string{"username", "password"}}
)

func readClients(r *yamldoc.Reader, n *yaml.Node, path string) []server.SeguraClient {
	first := map[string]int{} // line of each id's first use
	dropGiven := false
	return readList(r, n, path, &clientKeys, server.SeguraClient{ListSessions: true},
		func(c *server.SeguraClient, e yamldoc.Entry) {
			switch e.Key {
			case "id":
				if readText(r, e, &c.ID) {
					if line, dup := first[c.ID]; dup {
						r.Duplicate(e.Value, e.Path, "client id", strconv.Quote(c.ID), line)
					} else {
						first[c.ID] = e.Value.Line
					}
				}
			case "secret":
				readText(r, e, &c.Secret)
			case "list-sessions":
				readBool(r, e, &c.ListSessions)
			case "drop-sessions":
				readBool(r, e, &c.DropSessions)
				dropGiven = true
			}
		},
		// A client that may read may end sessions unless told otherwise.
		func(c *server.SeguraClient, _ *yaml.Node, _ string) {
			if !dropGiven {
				c.DropSessions = c.ListSessions
			}
			dropGiven = false
		})
}

func readUsers(r *yamldoc.Reader, n *yaml.Node, path string) []server.AppgateUser {
	first := map[[2]string]int{} // line of each user's first use
	return readList(r, n, path, &userKeys, server.AppgateUser{Provider: "local", SessionInfo: true},
		func(u *server.AppgateUser, e yamldoc.Entry) {
			switch e.Key {
			case "provider":
				readText(r, e, &u.Provider)
			case "username":
				readText(r, e, &u.Username)
			case "password":
				readText(r, e, &u.Password)
			case "session-info":
				readBool(r, e, &u.SessionInfo)
			case "otp":
				readText(r, e, &u.OTP)
			}
		},
		// A user is a provider and a username, known once both are read.
		func(u *server.AppgateUser, item *yaml.Node, ipath string) {
			if u.Username == "" {
				return
			}
			id := [2]string{u.Provider, u.Username}
			if line, dup := first[id]; dup {
				r.Duplicate(item, ipath, "user", strconv.Quote(u.Username)+" of provider "+strconv.Quote(u.Provider), line)
			} else {
				first[id] = item.Line
			}
		})
}

// readList reads the list at path, which must not be empty, of mappings
// that each become a T: every entry starts as a copy of defaults, field
// reads one of its keys into it and done, when set, judges it once all
// are read.
func readList[T any](r *yamldoc.Reader, n *yaml.Node, path string, keys *yamldoc.Keys, defaults T,
	field func(t *T, e yamldoc.Entry), done func(t *T, item *yaml.Node, ipath string),
) []T {
	if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		r.Failf(n, path, "must list at least one entry (leave the key out for the defaults)")
		return nil
	}
	items := r.Sequence(n, path)
	out := make([]T, 0, len(items))
	for i, item := range items {
		t := defaults
		ipath := yamldoc.Index(path, i)
		for _, e := range r.Mapping(item, ipath, keys) {
			field(&t, e)
		}
		if done != nil {
			done(&t, item, ipath)
		}
		out = append(out, t)
	}
	return out
}

// readText reads a credential or name with the parser of the flags that
// set one.
func readText(r *yamldoc.Reader, e yamldoc.Entry, out *string) bool {
	s, ok := r.String(e.Value, e.Path)
	if !ok {
		return false
	}
	if _, err := parseText(s); err != nil {
		r.Failf(e.Value, e.Path, "%v", err)
		return false
	}
	*out = s
	return true
}

func readBool(r *yamldoc.Reader, e yamldoc.Entry, out *bool) {
	s, ok := settingText(r, e)
	if !ok {
		return
	}
	b, err := parseBool(s)
	if err != nil {
		r.Failf(e.Value, e.Path, "%v", err)
		return
	}
	*out = b
}

func at(name string, n *yaml.Node) string {
	return name + ":" + strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Column)
}
