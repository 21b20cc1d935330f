package config

import (
	"io"
	"log/slog"
	"reflect"
	"testing"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/server"
)

// TestEveryOptionHasASetting walks the fields of server.Config and
// fixtures.Options: each must be reachable from a serve flag (the sample
// below changes it from its default) or be one that only a running
// process fills. A field added to either without a setting fails here
// rather than being silently left at zero by serve.
func TestEveryOptionHasASetting(t *testing.T) {
	t.Parallel()
	runtimeOnly := map[string]string{
		"World":   "built by Settings.NewWorld",
		"Pinned":  "read from --fixtures by Settings.NewWorld",
		"Logger":  "built from --log-format and --log-level by serve",
		"Now":     "the world clock's, by server.New",
		"Clock":   "built from --clock and --clock-start by Settings.ServerConfig",
		"Wall":    "the wall clock",
		"Process": "filled from the settings by Settings.ServerConfig",
	}
	samples := map[string][]string{
		"Seed":              {"--seed", "9"},
		"SeguraSessions":    {"--segura-sessions", "0"},
		"AppgateClients":    {"--appgate-sessions", "0"},
		"SeguraClients":     {"--client-id", "ci"},
		"AppgateUsers":      {"--username", "ops"},
		"SeguraTenant":      {"--segura-tenant", "senhasegura"},
		"TokenTTL":          {"--token-ttl", "5m"},
		"PeerVersion":       {"--peer-version", "23"},
		"LowestPeerVersion": {"--lowest-peer-version", "23"},
		"DisableValidation": {"--validate=false"},
		"Faults":            {"--error-rate", "0.5"},
		"CORSOrigins":       {"--cors-origins", "http://app.example"},
		"AdminToken":        {"--admin-token", "t0k"},
		"JournalSize":       {"--journal-size", "0"},
		"DisableMetrics":    {"--metrics=false"},
		"SeguraRelease":     {"--segura-release", "3"},
		"Timeline":          {"--segura-arrival-rate", "10"},
		"BodyTimeout":       {"--body-timeout", "250ms"},
		"TokenKey":          {"--token-key", "k3y"},
	}
	defaults := reflect.ValueOf(Defaults())
	for _, typ := range []reflect.Type{reflect.TypeFor[server.Config](), reflect.TypeFor[fixtures.Options]()} {
		for f := range typ.Fields() {
			if !f.IsExported() || runtimeOnly[f.Name] != "" {
				continue
			}
			args, ok := samples[f.Name]
			if !ok {
				t.Errorf("%s.%s has no serve setting: add one to serveSettings and a sample here, or list it as filled at run time", typ, f.Name)
				continue
			}
			s, err := Load(args, envOf(nil))
			if err != nil {
				t.Errorf("%s: %v", args, err)
				continue
			}
			got := reflect.ValueOf(s).FieldByName(f.Name).Interface()
			if reflect.DeepEqual(got, defaults.FieldByName(f.Name).Interface()) {
				t.Errorf("%s did not change %s.%s from its default %v", args, typ, f.Name, got)
			}
		}
	}
}

func TestServerConfigAndWorld(t *testing.T) {
	t.Parallel()
	s, err := Load([]string{"--seed", "4", "--segura-sessions", "3", "--appgate-sessions", "0",
		"--fixtures", "../../fixtures/testdata/pins.yaml", "--journal-size", "0", "--latency", "5ms"}, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	world, err := s.NewWorld()
	if err != nil {
		t.Fatal(err)
	}
	if world.Seed() != 4 || world.Segura().Len() < 3 {
		t.Errorf("world of seed %d with %d Segura sessions", world.Seed(), world.Segura().Len())
	}
	if _, ok := world.Segura().ByID("1000000"); !ok {
		t.Error("the pinned session 1000000 is missing")
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := s.ServerConfig(world, logger)
	if cfg.World != world || cfg.Logger != logger || cfg.JournalSize != 0 || len(cfg.Faults) != 1 {
		t.Fatalf("server config %+v", cfg)
	}
	// Zero means the same to the server as to the settings: journal size
	// 0 serves with no journal, and no setting needs translating.
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, seen := srv.Requests(); seen != 0 {
		t.Errorf("journal saw %d", seen)
	}
	if got := srv.Config(); got.JournalSize != 0 || got.TokenTTL != s.TokenTTL {
		t.Errorf("server took JournalSize %d, TokenTTL %v", got.JournalSize, got.TokenTTL)
	}
}

// TestDefaultsAreTheServers: serve's defaults are the server's, so a mock
// from the Go package and one from the command line behave alike.
func TestDefaultsAreTheServers(t *testing.T) {
	t.Parallel()
	if d := Defaults(); !reflect.DeepEqual(d.Config, server.DefaultConfig()) {
		t.Fatalf("Defaults().Config = %+v\nserver.DefaultConfig() = %+v", d.Config, server.DefaultConfig())
	}
}
