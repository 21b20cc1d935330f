// Package openapi holds the OpenAPI 3.0 documents that define the two vendor APIs
// sessionmock imitates (Segura PAM Core and the Appgate SDP Controller Admin API) and
// the code that routes and validates HTTP traffic against them.
//
// The documents are the contract: the mock serves what they describe and validates
// incoming requests with a Validator, the mock's tests validate every response with
// it, and the contract suite checks real servers against the same documents.
package openapi
