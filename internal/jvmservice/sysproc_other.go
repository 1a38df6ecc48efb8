//go:build unix && !linux

package jvmservice

import "syscall"

// attachedAttr puts an attached java process in a process group of its own. Without
// Linux's parent-death signal, Stop (called on exit) is what ends it.
func attachedAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
