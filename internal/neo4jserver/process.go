package neo4jserver

import (
	"path/filepath"
)

// javaArgs is the command line of a local instance: what the neo4j launcher
// would run, with the heap from Options and the classpath from the cache.
func javaArgs(o Options, dist, dir string) []string {
	return []string{
		"-Xms" + o.HeapInitial,
		"-Xmx" + o.HeapMax,
		"-XX:+UseG1GC",
		"-XX:-OmitStackTraceInFastThrow",
		"-XX:+DisableExplicitGC",
		"-XX:+ExitOnOutOfMemoryError",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"--enable-native-access=ALL-UNNAMED",
		"-Dio.netty.tryReflectionSetAccessible=true",
		"-Djdk.nio.maxCachedBufferSize=1024",
		"-Dlog4j2.disable.jmx=true",
		// plugins/ goes on the classpath too, as the neo4j launcher does:
		// APOC registers its extensions through the classpath's services.
		// It comes after lib/: the APOC jar bundles an older commons-lang3
		// that must not shadow Neo4j's.
		"-cp", filepath.Join(dist, "lib", "*") + string(filepath.ListSeparator) + filepath.Join(dir, "plugins", "*"),
		"org.neo4j.server.CommunityEntryPoint",
		"--home-dir=" + dir,
		"--config-dir=" + filepath.Join(dir, "conf"),
		"--console-mode",
	}
}

// marker is the java argument that tells the instance in dir's process
// from any other.
func marker(dir string) string { return "--home-dir=" + dir }
