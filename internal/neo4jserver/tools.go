package neo4jserver

import (
	"context"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// tools are the programs the local mechanism runs.
type tools struct {
	java string
	mvn  string // "" when the cache is already assembled and Maven is absent
}

// findTools looks for a JDK 17+ (JAVA_HOME, then PATH) and, unless the
// distribution is already assembled, Maven. It returns why not when they
// are missing.
func findTools(ctx context.Context, o Options) (tools, string) {
	var t tools
	java, why := jvmservice.FindJava(ctx, 17, "Neo4j 5")
	if why != "" {
		return t, why
	}
	t.java = java
	if p := jvmservice.FindMaven(); p != "" {
		t.mvn = p
	} else if !assembled(distDir(o.CacheDir)) {
		return t, "no mvn (Maven) on PATH to fetch Neo4j from Maven Central"
	}
	return t, ""
}
