// Package jvmservice is the lifecycle of diplograph's local Java servers
// (Neo4j in neo4jserver, Stanford CoreNLP in corenlpserver), written once for
// both. A server package describes its Kind (version, Maven assembly, log
// file, stop grace, what its command says) and implements Server, its part
// in starting and checking an instance (ports, configuration, readiness,
// what a reuse must check); jvmservice does the rest:
//
//   - Ensure finds a JDK and Maven, assembles the runtime once from Maven
//     Central into the cache (under a machine-wide file lock, through an
//     atomic rename, with a COMPLETE marker), then reuses the named instance
//     when it runs and answers or starts it, under the instance's lock;
//   - Instance is the result: PID, Dir, Exited, LogTail, Stop and Start (a
//     restart on the same ports) for supervisors and tests;
//   - Lookup and StopLocal report on and stop an instance by name, whoever
//     started it;
//   - Command is `diplograph <server> start|stop|status`.
//
// The cache holds, per kind and version:
//
//	<cache>/<Version>/dist/              the runtime, jars in lib/, COMPLETE written last
//	<cache>/<Version>/instances/<name>/  an instance: state.json, its log, its data
//
// An instance's state.json is one JSON object: the lifecycle's fields (name,
// version, pid, detached, owner, started_at) beside the server's own. A
// process is recognised by pid and by a marker argument on its command line,
// so a reused pid is not mistaken for it. Attached instances die with the
// process that started them; detached ones outlive it and are found again.
//
// jvmtest gives the servers' test packages what they share.
//
// Errors of the lifecycle begin with Kind.Package, for which it speaks; the
// lower-level functions (Assemble, Lock, StartJava, ...) carry no prefix.
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
