// Package jvmservice holds what diplograph's local Java servers (Neo4j in
// neo4jserver, Stanford CoreNLP in corenlpserver) have in common: finding a
// JDK and Maven, assembling a runtime once from Maven Central into a cache
// (under a machine-wide file lock, through an atomic rename, with a COMPLETE
// marker), starting a java child process attached to its parent or detached
// from it, recognising and terminating it later by pid, instance state files
// written atomically, and choosing free ports.
//
// Errors carry no package prefix: the caller adds its own.
package jvmservice

import (
	"strings"
)

// Tail returns the last n lines of s.
func Tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
