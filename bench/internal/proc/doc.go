// Package proc starts the servers under test as child processes on
// loopback, waits until they answer, reads what Linux reports about them
// (peak resident memory, CPU time) and always stops them again.
package proc
