package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/internal/words"
)

// Flag is one flag of a subcommand, as its parsing, its help and its
// environment variable need it.
type Flag struct {
	// Name is the flag without dashes: "seed" for --seed.
	Name string
	// Meta is the placeholder of the value in the help ("N", "FILE"); ""
	// marks a boolean flag, which stands alone (--tls) or takes its value
	// after "=" (--tls=false).
	Meta string
	// Usage says what the flag does, in one line.
	Usage string
	// Default is shown in the help as "default X"; "" shows none.
	Default string
	// Range is shown in the help as "range X" ("0 to 100000"); "" shows
	// none.
	Range string
	// Env is the variable that may also set the flag ("" for none); see
	// EnvName.
	Env string
	// Group is the heading the help lists the flag under; a new heading
	// starts wherever it changes.
	Group string
	// Reloads marks, in the help, a setting a running server takes from
	// a reloaded configuration.
	Reloads bool
}

// IsBool reports whether f takes no value of its own.
func (f *Flag) IsBool() bool { return f.Meta == "" }

// Given is one flag of a command line.
type Given struct {
	Name string
	// Raw is the value's text as given; "true" for a boolean flag that
	// stands alone.
	Raw string
}

// ErrHelp is what Parse returns for -h, -help and --help. It is
// flag.ErrHelp, so that errors.Is(err, flag.ErrHelp) holds as with the flag
// package.
var ErrHelp = flag.ErrHelp

// Parse reads the flags of subcommand cmd, in the syntax of the standard
// flag package: one or two dashes, the value after "=" or as the next
// argument, boolean flags alone or with "=", "--" ending the flags. It
// checks only that each flag exists and has its value; parsing the values
// is the caller's, so that flags, variables and config files share their
// parsers. The flags come back in command-line order, each as often as it
// was given.
//
// Subcommands take no arguments besides flags. Errors are one line: an
// unknown flag names the closest known one ("unknown flag --sed; did you
// mean --seed?").
func Parse(cmd string, flags []Flag, args []string) ([]Given, error) {
	byName := make(map[string]*Flag, len(flags))
	for i := range flags {
		byName[flags[i].Name] = &flags[i]
	}
	var out []Given
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return out, positional(cmd, args[i+1:])
		}
		if len(arg) < 2 || arg[0] != '-' {
			return out, positional(cmd, args[i:])
		}
		body := strings.TrimPrefix(arg[1:], "-")
		name, value, hasValue := strings.Cut(body, "=")
		if name == "" || name[0] == '-' || name[0] == '=' {
			return nil, fmt.Errorf("bad flag syntax %s; want -name, --name or --name=value", quoteArg(arg))
		}
		if name == "h" || name == "help" {
			if _, ok := byName[name]; !ok {
				return nil, ErrHelp
			}
		}
		f, ok := byName[name]
		if !ok {
			return nil, unknownFlag(cmd, name, flags)
		}
		switch {
		case hasValue:
		case f.IsBool():
			value = "true"
		case i+1 < len(args):
			// As the flag package does, the next argument is the value
			// even when it starts with a dash (--appgate-sessions -1),
			// so that its parser can say what is wrong with it.
			i++
			value = args[i]
		default:
			return nil, fmt.Errorf("--%s needs a value; want --%s %s", name, name, f.Meta)
		}
		out = append(out, Given{Name: name, Raw: value})
	}
	return out, nil
}

func unknownFlag(cmd, name string, flags []Flag) error {
	names := make([]string, len(flags))
	for i, f := range flags {
		names[i] = f.Name
	}
	if s := words.Suggest(name, names); s != "" {
		return fmt.Errorf("unknown flag %s; did you mean --%s?", quoteArg("--"+name), s)
	}
	return fmt.Errorf("unknown flag %s; sessionmock %s --help lists the flags", quoteArg("--"+name), cmd)
}

func positional(cmd string, rest []string) error {
	if len(rest) == 0 {
		return nil
	}
	hint := ""
	if v := strings.ToLower(rest[0]); v == "true" || v == "false" {
		hint = fmt.Sprintf("; boolean flags take their value after =, as in --tls=%s", v)
	}
	return fmt.Errorf("unexpected argument %s: %s takes only flags%s", strconv.Quote(rest[0]), cmd, hint)
}

// quoteArg leaves a plain flag as it is and quotes anything that would
// break the one-line message or hide in it (spaces, control characters).
func quoteArg(s string) string {
	for _, r := range s {
		if r <= ' ' || r >= 0x7f || r == '"' {
			return strconv.Quote(s)
		}
	}
	return s
}

// Last returns the value each flag was last given, as the flag package
// keeps it: a later flag overrides an earlier one of the same name.
func Last(given []Given) map[string]string {
	out := make(map[string]string, len(given))
	for _, g := range given {
		out[g.Name] = g.Raw
	}
	return out
}
