package openapi

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

func TestVendors(t *testing.T) {
	got := Vendors()
	if want := []string{Segura, Appgate}; !slices.Equal(got, want) {
		t.Fatalf("Vendors() = %q, want %q", got, want)
	}
	got[0] = "changed"
	if Vendors()[0] != Segura {
		t.Fatal("Vendors() shares its slice between calls")
	}
}

func TestRaw(t *testing.T) {
	for _, vendor := range Vendors() {
		t.Run(vendor, func(t *testing.T) {
			data, err := Raw(vendor)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("openapi: 3.0.3\n")) {
				t.Fatalf("Raw(%q) does not start with the OpenAPI version line: %.40q", vendor, data)
			}
			data[0] = 'X'
			again, err := Raw(vendor)
			if err != nil {
				t.Fatal(err)
			}
			if again[0] != 'o' {
				t.Fatal("Raw returns shared bytes; a caller's change leaked into the next call")
			}
		})
	}
}

func TestRawUnknownVendor(t *testing.T) {
	for _, vendor := range []string{"", "Segura", "cyberark", "segura.yaml", "../appgate"} {
		t.Run(vendor, func(t *testing.T) {
			data, err := Raw(vendor)
			if !errors.Is(err, ErrUnknownVendor) {
				t.Fatalf("Raw(%q) error = %v, want ErrUnknownVendor", vendor, err)
			}
			if data != nil {
				t.Fatalf("Raw(%q) returned %d bytes with an error", vendor, len(data))
			}
		})
	}
}
