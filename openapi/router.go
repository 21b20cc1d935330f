package openapi

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// basePaths are the path prefixes the vendors' server URLs carry.
func basePath(vendor string) (string, error) {
	switch vendor {
	case Segura:
		return "/", nil
	case Appgate:
		return appgate.BasePath, nil
	}
	return "", checkVendor(vendor)
}

// NewRouter returns a kin-openapi router for doc that matches on the path only.
// The documents' servers name example hosts; a router built from them would match
// only requests for those hosts, so it is built from a shallow copy whose servers
// are the vendor's base path. doc itself is not modified.
//
// The router matches the escaped path (the request's URL.EscapedPath), so path
// parameters come back percent-encoded; Validator.FindRoute decodes them.
func NewRouter(doc *openapi3.T, vendor string) (routers.Router, error) {
	if doc == nil {
		return nil, fmt.Errorf("openapi: router for %s: nil document", vendor)
	}
	base, err := basePath(vendor)
	if err != nil {
		return nil, err
	}
	local := *doc
	local.Servers = openapi3.Servers{{URL: base}}
	router, err := gorillamux.NewRouter(&local)
	if err != nil {
		return nil, fmt.Errorf("openapi: router for %s: %w", vendor, err)
	}
	return router, nil
}
