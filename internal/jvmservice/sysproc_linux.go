package jvmservice

import "syscall"

// attachedAttr puts an attached java process in a process group of its own and has
// the kernel send it SIGTERM when its parent dies, so it never outlives us.
func attachedAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
