package neo4jserver

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// stopGrace is how long Neo4j gets to shut down after SIGTERM before SIGKILL.
const stopGrace = 30 * time.Second

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

// startJava starts the instance's java process with its output in
// logs/console.log. The returned channel closes when the process has exited.
func startJava(java string, args []string, dir string, detached bool) (*exec.Cmd, <-chan struct{}, error) {
	cmd, done, err := jvmservice.StartJava(java, args, dir, filepath.Join(dir, "logs", "console.log"), detached)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4jserver: %w", err)
	}
	return cmd, done, nil
}

// marker is the java argument that tells the instance in dir's process
// from any other.
func marker(dir string) string { return "--home-dir=" + dir }

// alive reports whether pid is a running Neo4j of the instance in dir. On
// Linux it checks the command line, so a reused pid is not mistaken for it.
func alive(pid int, dir string) bool { return jvmservice.Alive(pid, marker(dir)) }

// terminate sends SIGTERM, waits up to stopGrace (or ctx), then SIGKILL.
// done, when not nil, closes when the process has been reaped.
func terminate(ctx context.Context, pid int, dir string, done <-chan struct{}) error {
	if err := jvmservice.Terminate(ctx, pid, marker(dir), done, stopGrace); err != nil {
		return fmt.Errorf("neo4jserver: %w", err)
	}
	return nil
}

// logTail is the end of the instance's console log, for error messages.
func logTail(dir string) string {
	return jvmservice.LogTail(filepath.Join(dir, "logs", "console.log"), 25)
}
