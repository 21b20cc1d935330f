// Package server is the sessionmock HTTP server: one chi router that
// answers Segura PAM Core's remote-session API and Appgate SDP's
// session-info API the way the real products do, from a seeded
// fixtures.World.
//
// Every route the server answers is described in the embedded OpenAPI
// documents (package openapi); requests are validated against them and
// every error a client can meet carries the vendor's own status and body.
package server
