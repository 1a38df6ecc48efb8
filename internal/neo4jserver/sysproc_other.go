//go:build unix && !linux

package neo4jserver

import "syscall"

// attachedAttr puts an attached Neo4j in a process group of its own. Without
// Linux's parent-death signal, Stop (called on exit) is what ends it.
func attachedAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
