//go:build !linux

package proc

import "syscall"

func childAttrs() *syscall.SysProcAttr { return nil }
