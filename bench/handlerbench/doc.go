// Package handlerbench holds in-process Go benchmarks of the mock's HTTP
// handlers: the cost of one session-info answer with and without request
// validation, next to a bare handler writing the same bytes, and the cost
// per record of streaming the Segura list. They leave the network and the
// load generator out, so they show where the server's own time and
// allocations go:
//
//	go test -run '^$' -bench . -benchmem ./bench/handlerbench
//
// The record generator and encoder alone are benchmarked in package
// fixtures.
package handlerbench
