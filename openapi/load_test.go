package openapi

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	for _, vendor := range Vendors() {
		t.Run(vendor, func(t *testing.T) {
			doc, err := Load(vendor)
			if err != nil {
				t.Fatal(err)
			}
			if err := doc.Validate(context.Background()); err != nil {
				t.Fatalf("loaded document does not validate: %v", err)
			}
			if doc.Info == nil || doc.Info.Title == "" || doc.Info.Version == "" || doc.Info.Description == "" {
				t.Fatalf("info lacks title, version or description: %+v", doc.Info)
			}
			// Each call is a fresh copy: changing one must not show in the next.
			doc.Info.Title = "changed"
			doc.Components.Schemas = nil
			again, err := Load(vendor)
			if err != nil {
				t.Fatal(err)
			}
			if again.Info.Title == "changed" || again.Components.Schemas == nil {
				t.Fatal("Load returned a document shared with an earlier call")
			}
		})
	}
}

func TestLoadUnknownVendor(t *testing.T) {
	if _, err := Load("senhasegura"); !errors.Is(err, ErrUnknownVendor) {
		t.Fatalf("Load error = %v, want ErrUnknownVendor", err)
	}
}

func TestSchema(t *testing.T) {
	t.Parallel()
	components := map[string][]string{
		Segura: {"RemoteSession", "RemoteSessionsResponse", "RemoteSessionResponse", "ResponseStatus",
			"ErrorEnvelope", "KongError", "TokenResponse", "OAuthError"},
		Appgate: {"SessionInfo", "GatewaySession", "EntitlementInfo", "FirewallRule", "Error",
			"NotAcceptableError", "ValidationError", "LoginRequest", "LoginResponse", "Version"},
	}
	for vendor, names := range components {
		for _, name := range names {
			t.Run(vendor+"/"+name, func(t *testing.T) {
				schema, err := Schema(vendor, name)
				if err != nil {
					t.Fatal(err)
				}
				if schema.Description == "" {
					t.Errorf("%s has no description", name)
				}
			})
		}
	}
}

func TestSchemaErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, vendor, component string
		want                    error
		mention                 string
	}{
		{"unknown component", Segura, "SessionInfo", ErrUnknownComponent, "RemoteSession"},
		{"case matters", Appgate, "sessionInfo", ErrUnknownComponent, "SessionInfo"},
		{"empty component", Appgate, "", ErrUnknownComponent, "FirewallRule"},
		{"unknown vendor", "pam", "RemoteSession", ErrUnknownVendor, "segura"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			schema, err := Schema(tt.vendor, tt.component)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Schema(%q, %q) error = %v, want %v", tt.vendor, tt.component, err, tt.want)
			}
			if schema != nil {
				t.Fatal("Schema returned a schema with an error")
			}
			// The message lists what exists, so a typo is fixed without opening the file.
			if !strings.Contains(err.Error(), tt.mention) {
				t.Fatalf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}
