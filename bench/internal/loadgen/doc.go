// Package loadgen is the HTTP load generator of the benchmark harness: a
// fixed number of workers send keep-alive requests for a fixed time and
// record each request's latency in a histogram of bounded relative error.
//
// The same generator, with the same settings, is pointed at the mock and at
// the bare baseline server in one run, so their figures can be compared
// even though generator and server share the machine's cores.
package loadgen
