package openapi

import (
	"embed"
	"errors"
	"fmt"

	"github.com/sessionmock/sessionmock/wire"
)

// Vendor names, as package wire defines them; the embedded documents are
// named after them.
const (
	Segura  = wire.Segura
	Appgate = wire.Appgate
)

// ErrUnknownVendor is wrapped by every function given a vendor name it does not know.
var ErrUnknownVendor = errors.New("unknown vendor")

//go:embed segura.yaml appgate.yaml
var specFiles embed.FS

// Vendors returns the names of the vendors with an embedded document, in a fixed order.
func Vendors() []string { return wire.Vendors() }

// Raw returns a copy of the embedded YAML document of vendor.
func Raw(vendor string) ([]byte, error) {
	if err := checkVendor(vendor); err != nil {
		return nil, err
	}
	data, err := specFiles.ReadFile(vendor + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("openapi: read %s document: %w", vendor, err)
	}
	return data, nil
}

func checkVendor(vendor string) error {
	if wire.IsVendor(vendor) {
		return nil
	}
	return fmt.Errorf("openapi: %w %q (known: %s, %s)", ErrUnknownVendor, vendor, Segura, Appgate)
}
