package config

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/yamldoc"
)

// A source of a mistake and the words it gives for it, after the part
// that says where: "--error-rate: ", "SESSIONMOCK_ERROR_RATE: " or
// "f.yaml:3:13: error-rate: ".
type mistakeSource func(t *testing.T, input string) string

// fromFlags loads the command line input (its words split on spaces) and
// returns the error's words after "--<name>: ".
func fromFlags(t *testing.T, input string) string {
	t.Helper()
	args := strings.Fields(input)
	_, err := Load(args, envOf(nil))
	return afterPrefix(t, err, strings.SplitN(strings.TrimPrefix(args[0], "--"), "=", 2)[0], "--")
}

// fromEnv loads with the one variable input ("NAME=value") and returns
// the error's words after "NAME: ".
func fromEnv(t *testing.T, input string) string {
	t.Helper()
	name, value, _ := strings.Cut(input, "=")
	_, err := Load(nil, envOf(map[string]string{name: value}))
	return afterPrefix(t, err, name, "")
}

func afterPrefix(t *testing.T, err error, name, dashes string) string {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	msg, ok := strings.CutPrefix(first, dashes+name+": ")
	if !ok {
		t.Fatalf("error %q does not start with %q", first, dashes+name+": ")
	}
	return msg
}

// fromDocument reads input with read and returns the words of its last
// mistake, which must be on line.
func fromDocument(line int, read func(data []byte) error) mistakeSource {
	return func(t *testing.T, input string) string {
		t.Helper()
		err := read([]byte(input))
		var list *yamldoc.ErrorList
		if !errors.As(err, &list) || len(list.Errors) == 0 {
			t.Fatalf("error %v", err)
		}
		e := list.Errors[len(list.Errors)-1]
		if e.Line != line {
			t.Errorf("%v: want line %d", e, line)
		}
		return e.Msg
	}
}

// TestSameMistakeSameWords: the flags, the variables, the config file,
// the pinned records and the fault rules (in a file or an admin API
// body) word each common mistake the same way.
func TestSameMistakeSameWords(t *testing.T) {
	t.Parallel()
	sources := map[string]mistakeSource{
		"flag":   fromFlags,
		"env":    fromEnv,
		"config": fromDocument(3, func(data []byte) error { _, err := parseConfigFile("f.yaml", data); return err }),
		"pinned": fromDocument(3, func(data []byte) error { _, err := fixtures.ParsePinned("f.yaml", data); return err }),
		"faults": fromDocument(3, func(data []byte) error { _, err := fault.ParseRules("f.yaml", data); return err }),
		// What POST /__mock/faults reads its JSON body with.
		"api": fromDocument(1, func(data []byte) error { _, err := fault.ParseRules("body", data); return err }),
	}
	const dn = `"CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=a,OU=b"`
	tests := []struct {
		mistake string
		inputs  map[string]string // source -> input with the mistake (on line 3 of a file)
		want    string            // the words, as a regular expression
	}{
		{"above the maximum", map[string]string{
			"flag":   "--error-rate 1.5",
			"env":    "SESSIONMOCK_ERROR_RATE=1.5",
			"config": "seed: 1\nsegura-sessions: 3\nerror-rate: 1.5\n",
			"faults": "faults:\n  - action: {status: 500}\n    when: {probability: 1.5}\n",
			"api":    `[{"action": {"status": 500}, "when": {"probability": 1.5}}]`,
		}, regexp.QuoteMeta("1.5 is above the maximum; want a number from 0 to 1")},
		{"below the minimum", map[string]string{
			"flag":   "--error-status 99",
			"env":    "SESSIONMOCK_ERROR_STATUS=99",
			"config": "seed: 1\nerror-rate: 0.5\nerror-status: 99\n",
			"faults": "faults:\n  - when: {every: 2}\n    action: {status: 99}\n",
			"api":    `[{"action": {"status": 99}}]`,
		}, regexp.QuoteMeta("99 is below the minimum; want an HTTP error status from 300 to 599")},
		{"not a number", map[string]string{
			"flag":   "--error-rate lots",
			"env":    "SESSIONMOCK_ERROR_RATE=lots",
			"config": "seed: 1\nsegura-sessions: 3\nerror-rate: lots\n",
			"faults": "faults:\n  - action: {status: 500}\n    when: {probability: lots}\n",
			"api":    `[{"action": {"status": 500}, "when": {"probability": "lots"}}]`,
		}, regexp.QuoteMeta(`"lots" is not a number; want a number from 0 to 1`)},
		{"not a whole number", map[string]string{
			"flag":   "--error-status lots",
			"env":    "SESSIONMOCK_ERROR_STATUS=lots",
			"config": "seed: 1\nerror-rate: 0.5\nerror-status: lots\n",
			"faults": "faults:\n  - when: {every: 2}\n    action: {status: lots}\n",
			"api":    `[{"action": {"status": "lots"}}]`,
		}, regexp.QuoteMeta(`"lots" is not a whole number; want an HTTP error status from 300 to 599`)},
		{"not true or false", map[string]string{
			"flag":   "--tls=maybe",
			"env":    "SESSIONMOCK_TLS=maybe",
			"config": "segura:\n  clients:\n    - {id: a, secret: s, list-sessions: maybe}\n",
			"pinned": "appgate:\n  clients:\n    - {dn: " + dn + ", data: {g: {entitlementInfos: {e: {access: maybe}}}}}\n",
		}, regexp.QuoteMeta(`"maybe" is not true or false; want true or false`)},
		// An empty variable is one not set, so only a flag can be empty.
		{"empty text", map[string]string{
			"flag":   "--client-id=",
			"config": "segura:\n  clients:\n    - {id: \"\", secret: s}\n",
			"pinned": "segura:\n  sessions:\n    - {user: \"\"}\n",
		}, regexp.QuoteMeta("empty value; want a non-empty one")},
		{"wrong type", map[string]string{
			"config": "segura:\n  clients:\n    - {id: [a], secret: s}\n",
			"pinned": "segura:\n  sessions:\n    - {user: [a]}\n",
			"faults": "faults:\n  - action: {status: 500}\n    name: [a]\n",
			"api":    `[{"action": {"status": 500}, "name": ["a"]}]`,
		}, regexp.QuoteMeta("a list is not a string; want a string")},
		{"unknown key", map[string]string{
			"config": "segura:\n  clients:\n    - {id: a, secrte: s}\n",
			"pinned": "segura:\n  sessions:\n    - {usr: a}\n",
			"faults": "faults:\n  - action: {status: 500}\n    wen: {every: 2}\n",
			"api":    `[{"action": {"status": 500}, "wen": {"every": 2}}]`,
		}, `unknown key "\w+" \(did you mean "\w+"\?\); want one of [\w-]+(, [\w-]+)+`},
		{"duplicate key", map[string]string{
			"config": "segura:\n  clients: [{id: a, secret: s}]\n  clients: [{id: b, secret: t}]\n",
			"pinned": "segura:\n  sessions: []\n  sessions: []\n",
			"faults": "faults:\n  - action: {status: 500}\n    action: {status: 502}\n",
		}, `duplicate key "(clients|sessions|action)"; each key may appear only once \(first at line 2\)`},
		{"missing required key", map[string]string{
			"config": "segura:\n  clients:\n    - {id: a}\n",
			"pinned": "appgate:\n  clients:\n    - {data: {}}\n",
			"faults": "faults:\n  - id: a\n  - match: {vendor: segura}\n",
			"api":    `[{"match": {"vendor": "segura"}}]`,
		}, `missing required key "(secret|dn|action)"`},
	}
	for _, tt := range tests {
		want := regexp.MustCompile(`^` + tt.want + `$`)
		for name, input := range tt.inputs {
			t.Run(tt.mistake+"/"+name, func(t *testing.T) {
				t.Parallel()
				if got := sources[name](t, input); !want.MatchString(got) {
					t.Errorf("words %q\nwant %s", got, tt.want)
				}
			})
		}
	}
}
