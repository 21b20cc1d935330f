package config

import (
	"fmt"
	"path/filepath"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/yamldoc"
	"github.com/sessionmock/sessionmock/server"
)

// fileLayer is what a config file says, checked for shape but not yet
// applied: scalar settings keep their text and position so that the same
// parsers as for flags and variables read them.
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

// maxAliasDepth bounds alias chains so that a hostile file cannot make
// the walk loop.
const maxAliasDepth = 16

// parseConfigFile reads a YAML config file. name is how the user spelled
// its path: every error starts with it and the position, and relative file
// names inside are taken relative to its directory.
func parseConfigFile(name string, data []byte) (*fileLayer, error) {
	root, perr := yamldoc.Parse(name, data)
	if perr != nil {
		return nil, perr
	}
	if root == nil {
		return &fileLayer{}, nil // an empty file sets nothing
	}
	root, err := deref(name, "", root)
	if err != nil {
		return nil, err
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return &fileLayer{}, nil // only comments
	}

	byName := map[string]*setting{}
	table := serveSettings()
	for i := range table {
		byName[table[i].name] = &table[i]
	}
	dir := filepath.Dir(name)
	layer := &fileLayer{}
	err = eachKey(name, "", root, func(key string, k, v *yaml.Node) error {
		switch key {
		case "segura":
			return eachKey(name, key, v, func(sub string, k, v *yaml.Node) error {
				if sub != "clients" {
					return unknownKey(name, key, sub, k, byName)
				}
				cs, err := parseClients(name, key+".clients", v)
				layer.clients = cs
				return err
			})
		case "appgate":
			return eachKey(name, key, v, func(sub string, k, v *yaml.Node) error {
				if sub != "users" {
					return unknownKey(name, key, sub, k, byName)
				}
				us, err := parseUsers(name, key+".users", v)
				layer.users = us
				return err
			})
		case "faults":
			rules, err := fault.RulesFromNode(name, v)
			layer.faults = rules
			return err
		case "config":
			return fmt.Errorf("%s: config: a config file cannot name another one", at(name, k))
		}
		set, ok := byName[key]
		if !ok {
			return unknownKey(name, "", key, k, byName)
		}
		raw, err := scalar(name, key, v)
		if err != nil {
			return err
		}
		if set.path && raw != "" && !filepath.IsAbs(raw) {
			raw = filepath.Join(dir, raw)
		}
		layer.entries = append(layer.entries, fileEntry{set: set, raw: raw, pos: at(name, v)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return layer, nil
}

func parseClients(name, path string, seq *yaml.Node) ([]server.SeguraClient, error) {
	seen := map[string]bool{}
	dropGiven := map[string]bool{}
	return listOf(name, path, seq, server.SeguraClient{ListSessions: true},
		func(c *server.SeguraClient, ipath, key string, k, v *yaml.Node) (err error) {
			switch key {
			case "id":
				c.ID, err = text(name, ipath+".id", v)
			case "secret":
				c.Secret, err = text(name, ipath+".secret", v)
			case "list-sessions":
				c.ListSessions, err = boolean(name, ipath+".list-sessions", v)
			case "drop-sessions":
				c.DropSessions, err = boolean(name, ipath+".drop-sessions", v)
				dropGiven[ipath] = true
			default:
				err = fmt.Errorf("%s: %s: unknown key %q (want id, secret, list-sessions, drop-sessions)", at(name, k), ipath, key)
			}
			return err
		},
		func(c *server.SeguraClient, ipath string, item *yaml.Node) error {
			if err := required(name, ipath, item, "id", c.ID, "secret", c.Secret); err != nil {
				return err
			}
			if !dropGiven[ipath] {
				c.DropSessions = c.ListSessions // a client that may read may end sessions unless told
			}
			if seen[c.ID] {
				return fmt.Errorf("%s: %s: client id %q is listed twice", at(name, item), ipath, c.ID)
			}
			seen[c.ID] = true
			return nil
		})
}

func parseUsers(name, path string, seq *yaml.Node) ([]server.AppgateUser, error) {
	seen := map[[2]string]bool{}
	return listOf(name, path, seq, server.AppgateUser{Provider: "local", SessionInfo: true},
		func(u *server.AppgateUser, ipath, key string, k, v *yaml.Node) (err error) {
			switch key {
			case "provider":
				u.Provider, err = text(name, ipath+".provider", v)
			case "username":
				u.Username, err = text(name, ipath+".username", v)
			case "password":
				u.Password, err = text(name, ipath+".password", v)
			case "session-info":
				u.SessionInfo, err = boolean(name, ipath+".session-info", v)
			default:
				err = fmt.Errorf("%s: %s: unknown key %q (want provider, username, password, session-info)", at(name, k), ipath, key)
			}
			return err
		},
		func(u *server.AppgateUser, ipath string, item *yaml.Node) error {
			if err := required(name, ipath, item, "username", u.Username, "password", u.Password); err != nil {
				return err
			}
			id := [2]string{u.Provider, u.Username}
			if seen[id] {
				return fmt.Errorf("%s: %s: user %q of provider %q is listed twice", at(name, item), ipath, u.Username, u.Provider)
			}
			seen[id] = true
			return nil
		})
}

// listOf reads the list at path, which must not be empty, of mappings
// that each become a T: every entry starts as a copy of defaults, field
// reads one of its keys into it and check judges it once all are read.
func listOf[T any](name, path string, seq *yaml.Node, defaults T,
	field func(t *T, ipath, key string, k, v *yaml.Node) error,
	check func(t *T, ipath string, item *yaml.Node) error,
) ([]T, error) {
	items, err := sequence(name, path, seq)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(items))
	for i, item := range items {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		t := defaults
		err := eachKey(name, ipath, item, func(key string, k, v *yaml.Node) error { return field(&t, ipath, key, k, v) })
		if err != nil {
			return nil, err
		}
		if err := check(&t, ipath, item); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// required reports the first of the (key, value) pairs whose value was
// not given.
func required(name, path string, item *yaml.Node, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return fmt.Errorf("%s: %s: missing %q", at(name, item), path, pairs[i])
		}
	}
	return nil
}

// eachKey walks a mapping in document order, refusing duplicate keys,
// which YAML forbids and which would otherwise silently override.
func eachKey(name, path string, n *yaml.Node, fn func(key string, k, v *yaml.Node) error) error {
	n, err := deref(name, path, n)
	if err != nil {
		return err
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: %s: must be a mapping of keys to values, got %s", at(name, n), orTop(path), yamldoc.Describe(n))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s: %s: keys must be plain words, got %s", at(name, k), orTop(path), yamldoc.Describe(k))
		}
		if seen[k.Value] {
			return fmt.Errorf("%s: %s: key %q appears twice", at(name, k), orTop(path), k.Value)
		}
		seen[k.Value] = true
		if err := fn(k.Value, k, n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func sequence(name, path string, n *yaml.Node) ([]*yaml.Node, error) {
	n, err := deref(name, path, n)
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s: %s: must be a list, got %s", at(name, n), path, yamldoc.Describe(n))
	}
	if len(n.Content) == 0 {
		return nil, fmt.Errorf("%s: %s: must list at least one entry (leave the key out for the defaults)", at(name, n), path)
	}
	return n.Content, nil
}

// scalar returns the text of a single value; settings parse it like a
// flag's text, so `seed: 5` and `seed: "5"` mean the same.
func scalar(name, path string, n *yaml.Node) (string, error) {
	n, err := deref(name, path, n)
	if err != nil {
		return "", err
	}
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("%s: %s: must be a single value, got %s", at(name, n), path, yamldoc.Describe(n))
	}
	if n.ShortTag() == "!!null" {
		return "", fmt.Errorf("%s: %s: needs a value", at(name, n), path)
	}
	return n.Value, nil
}

func text(name, path string, n *yaml.Node) (string, error) {
	raw, err := scalar(name, path, n)
	if err != nil {
		return "", err
	}
	if _, err := parseText(raw); err != nil {
		return "", fmt.Errorf("%s: %s: %w", at(name, n), path, err)
	}
	return raw, nil
}

func boolean(name, path string, n *yaml.Node) (bool, error) {
	raw, err := scalar(name, path, n)
	if err != nil {
		return false, err
	}
	b, err := parseBool(raw)
	if err != nil {
		return false, fmt.Errorf("%s: %s: %w", at(name, n), path, err)
	}
	return b, nil
}

func deref(name, path string, n *yaml.Node) (*yaml.Node, error) {
	for range maxAliasDepth {
		if n.Kind != yaml.AliasNode {
			return n, nil
		}
		if n.Alias == nil {
			return nil, fmt.Errorf("%s: %s: alias to nothing", at(name, n), orTop(path))
		}
		n = n.Alias
	}
	return nil, fmt.Errorf("%s: %s: aliases nested too deep", at(name, n), orTop(path))
}

func unknownKey(name, section, key string, k *yaml.Node, top map[string]*setting) error {
	if section == "" {
		return fmt.Errorf("%s: unknown key %q (the keys are the flag names of \"sessionmock serve --help\", plus segura and appgate)", at(name, k), key)
	}
	hint := ""
	if _, ok := top[key]; ok {
		hint = fmt.Sprintf("; %s is a top-level key", key)
	}
	want := map[string]string{"segura": "clients", "appgate": "users"}[section]
	return fmt.Errorf("%s: %s.%s: unknown key (%s takes only %s%s)", at(name, k), section, key, section, want, hint)
}

func at(name string, n *yaml.Node) string {
	return name + ":" + strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Column)
}

func orTop(path string) string {
	if path == "" {
		return "top level"
	}
	return path
}
