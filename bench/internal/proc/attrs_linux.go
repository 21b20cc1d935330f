package proc

import "syscall"

// childAttrs makes the kernel kill a child whose parent dies, so a harness
// killed with SIGKILL leaves no servers listening.
func childAttrs() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
