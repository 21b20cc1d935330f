// Package segura holds the facts of the Segura PAM Core API that several
// packages need: the envelope every answer carries, the error bodies of
// the appliance, of its OAuth server and of the Kong gateway in front of
// it, the date and duration formats, the tenant names and the routes.
//
// It depends on the standard library and package wire only, so that the
// contract suite can use it without depending on the mock.
package segura
