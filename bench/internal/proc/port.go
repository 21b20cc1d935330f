package proc

import (
	"fmt"
	"net"
)

// FreeLoopbackAddr finds a TCP port free on 127.0.0.1 and returns
// "127.0.0.1:port". The port is released before it is returned, so another
// process could take it in between; the harness starts its server at once
// and a clash shows up as a start-up error, not as a wrong measurement.
// Knowing the port before the start is what lets the start-up time be
// measured from the exec.
func FreeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	return addr, nil
}
