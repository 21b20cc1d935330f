package openapi

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// ErrUnknownComponent is wrapped when a schema component name is not in a document.
var ErrUnknownComponent = errors.New("unknown schema component")

// uuidPattern accepts any 8-4-4-4-12 hexadecimal UUID. kin-openapi's RFC 4122
// pattern also demands version and variant bits, which Appgate device ids (derived
// from machine identifiers) do not always have.
const uuidPattern = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`

// Load parses and validates the embedded document of vendor. Each call returns a
// fresh copy, so a caller may modify it. String formats the documents use (uuid,
// ipv4, ipv6) are validated through validators scoped to the returned document,
// leaving kin-openapi's process-wide format registry untouched.
func Load(vendor string) (*openapi3.T, error) {
	raw, err := Raw(vendor)
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	// The documents are self-contained; refusing external references keeps a
	// stray $ref from reaching the file system or the network.
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("openapi: parse %s document: %w", vendor, err)
	}
	setFormats(doc)
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: validate %s document: %w", vendor, err)
	}
	return doc, nil
}

func setFormats(doc *openapi3.T) {
	doc.SetStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(uuidPattern))
	doc.SetStringFormatValidator("ipv4", openapi3.NewIPValidator(true))
	doc.SetStringFormatValidator("ipv6", openapi3.NewIPValidator(false))
}

// Schema returns components/schemas/<component> of vendor's document.
func Schema(vendor, component string) (*openapi3.Schema, error) {
	doc, err := Load(vendor)
	if err != nil {
		return nil, err
	}
	return schemaOf(doc, vendor, component)
}

func schemaOf(doc *openapi3.T, vendor, component string) (*openapi3.Schema, error) {
	if doc.Components != nil {
		if ref := doc.Components.Schemas[component]; ref != nil && ref.Value != nil {
			return ref.Value, nil
		}
	}
	return nil, fmt.Errorf("openapi: %s: %w %q (known: %s)",
		vendor, ErrUnknownComponent, component, strings.Join(componentNames(doc), ", "))
}

func componentNames(doc *openapi3.T) []string {
	if doc.Components == nil {
		return nil
	}
	names := make([]string, 0, len(doc.Components.Schemas))
	for name := range doc.Components.Schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
