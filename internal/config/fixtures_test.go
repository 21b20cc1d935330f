package config

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestParseFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		want    FixturesRequest
		wantErr string
	}{
		{"segura default count", []string{"--vendor", "segura"}, FixturesRequest{Vendor: "segura", Seed: 1, Count: 50}, ""},
		{"appgate default count", []string{"--vendor=appgate", "--seed", "9"}, FixturesRequest{Vendor: "appgate", Seed: 9, Count: 20}, ""},
		{"zero count", []string{"--vendor", "segura", "--count", "0"}, FixturesRequest{Vendor: "segura", Seed: 1, Count: 0}, ""},
		{"no vendor", nil, FixturesRequest{}, "--vendor is required; want --vendor segura or appgate"},
		{"bad vendor", []string{"--vendor", "okta"}, FixturesRequest{}, `--vendor: "okta" is not a choice here; want segura or appgate`},
		{"bad count", []string{"--vendor", "segura", "--count", "-2"}, FixturesRequest{}, `--count: -2 is below the minimum; want a whole number from 0 to 1000000000`},
		{"bad seed", []string{"--vendor", "segura", "--seed", "s"}, FixturesRequest{}, `--seed: "s" is not a whole number; want a whole number from -9223372036854775808 to 9223372036854775807`},
		{"missing file", []string{"--vendor", "segura", "--fixtures", "nope.yaml"}, FixturesRequest{}, `--fixtures: no file "nope.yaml"; want an existing file`},
		{"too many", []string{"--vendor", "segura", "--count", "1000000001"}, FixturesRequest{}, `--count: 1000000001 is above the maximum; want a whole number from 0 to 1000000000`},
		{"misspelt", []string{"--vendor", "segura", "--cuont", "1"}, FixturesRequest{}, `unknown flag --cuont; did you mean --count?`},
		{"stray", []string{"--vendor", "segura", "more"}, FixturesRequest{}, `unexpected argument "more": fixtures takes only flags`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFixtures(tt.args)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := ParseFixtures([]string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: error = %v, want flag.ErrHelp", err)
	}
}

func TestFixturesUsage(t *testing.T) {
	var b strings.Builder
	FixturesUsage(&b)
	for _, want := range []string{"--vendor VENDOR", "--seed N", "default 1", "--count N", "default 50 for segura, 20 for appgate, range 0 to 1000000000", "--fixtures FILE"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "env SESSIONMOCK_") {
		t.Errorf("fixtures help mentions variables it does not read:\n%s", b.String())
	}
}
