// Package appgate holds the facts of the Appgate SDP Controller Admin API
// that several packages need: the distinguished names that identify a
// client session, the peer media types that carry the API version in the
// Accept header, the error bodies, the routes and the table of appliance
// releases and their API versions.
//
// It depends on the standard library and package wire only, so that the
// contract suite can use it without depending on the mock.
package appgate
