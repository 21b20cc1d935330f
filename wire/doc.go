// Package wire holds the facts about the two vendors' APIs that several
// packages need: the vendor names and the shape of a route. Each vendor's
// own facts live in a subpackage (wire/segura, wire/appgate), and the mock's
// admin API in wire/mockapi.
//
// The packages under wire depend on the standard library and on each other
// only, so that the mock (server, fault, fixtures) and the contract suite,
// which checks real servers and must never depend on the mock, share one
// definition of each fact.
package wire
