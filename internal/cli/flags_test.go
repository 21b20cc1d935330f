package cli

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"
)

var testFlags = []Flag{
	{Name: "seed", Meta: "N"},
	{Name: "segura-sessions", Meta: "N"},
	{Name: "appgate-sessions", Meta: "N"},
	{Name: "timeout", Meta: "DURATION"},
	{Name: "tls"},
	{Name: "validate"},
	{Name: "dn", Meta: "DN"},
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []Given
	}{
		{"none", nil, nil},
		{"two dashes, space", []string{"--seed", "7"}, []Given{{"seed", "7"}}},
		{"one dash, equals", []string{"-seed=7"}, []Given{{"seed", "7"}}},
		{"bool alone", []string{"--tls", "--seed", "1"}, []Given{{"tls", "true"}, {"seed", "1"}}},
		{"bool with value", []string{"--validate=false"}, []Given{{"validate", "false"}}},
		{"value starting with a dash", []string{"--appgate-sessions", "-1"}, []Given{{"appgate-sessions", "-1"}}},
		{"empty value", []string{"--seed="}, []Given{{"seed", ""}}},
		{"value holding =", []string{"--dn=CN=a,OU=b"}, []Given{{"dn", "CN=a,OU=b"}}},
		{"repeated, in order", []string{"--dn", "a", "--dn", "b"}, []Given{{"dn", "a"}, {"dn", "b"}}},
		{"double dash ends", []string{"--tls", "--"}, []Given{{"tls", "true"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Parse("serve", testFlags, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Parse(%q) = %v, want %v", tt.args, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"misspelt", []string{"--sed", "1"}, "unknown flag --sed; did you mean --seed?"},
		{"misspelt, one dash", []string{"-sed", "1"}, "unknown flag --sed; did you mean --seed?"},
		{"swapped letters", []string{"--timeuot=1s"}, "unknown flag --timeuot; did you mean --timeout?"},
		{"capitals", []string{"--Seed=1"}, "unknown flag --Seed; did you mean --seed?"},
		{"unique start", []string{"--valid"}, "unknown flag --valid; did you mean --validate?"},
		{"nothing close", []string{"--verbose"}, "unknown flag --verbose; sessionmock serve --help lists the flags"},
		{"odd characters", []string{"--a\nb"}, `unknown flag "--a\nb"; sessionmock serve --help lists the flags`},
		{"no value", []string{"--seed"}, "--seed needs a value; want --seed N"},
		{"argument", []string{"--seed", "1", "extra"}, `unexpected argument "extra": serve takes only flags`},
		{"argument after --", []string{"--", "--seed"}, `unexpected argument "--seed": serve takes only flags`},
		{"bool with a space", []string{"--validate", "false"},
			`unexpected argument "false": serve takes only flags; boolean flags take their value after =, as in --tls=false`},
		{"three dashes", []string{"---seed"}, "bad flag syntax ---seed; want -name, --name or --name=value"},
		{"only equals", []string{"--=1"}, "bad flag syntax --=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("serve", testFlags, tt.args)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Parse(%q) error = %v\nwant it to start with %s", tt.args, err, tt.want)
			}
		})
	}
}

func TestParseHelp(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"-h", "--help", "-help", "--h"} {
		if _, err := Parse("serve", testFlags, []string{"--seed", "1", arg}); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%s: error %v, want flag.ErrHelp", arg, err)
		}
	}
}

func TestLast(t *testing.T) {
	t.Parallel()
	got := Last([]Given{{"seed", "1"}, {"tls", "true"}, {"seed", "2"}})
	if len(got) != 2 || got["seed"] != "2" || got["tls"] != "true" {
		t.Fatalf("Last = %v", got)
	}
}

// FuzzParse: no command line makes Parse panic, every error is one line,
// and every flag it returns is one of the table's.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"--seed\x001", "-tls", "--dn=a=b", "---x", "--=", "-", "--", "--sed", "--seed", "--tls\x00false"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		got, err := Parse("serve", testFlags, strings.Split(joined, "\x00"))
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		for _, g := range got {
			if !slices.ContainsFunc(testFlags, func(f Flag) bool { return f.Name == g.Name }) {
				t.Fatalf("returned unknown flag %q", g.Name)
			}
		}
	})
}
