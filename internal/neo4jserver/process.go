package neo4jserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
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
// logs/console.log. The returned channel closes when the process has exited
// (it is reaped by a goroutine, so no zombie lingers).
func startJava(java string, args []string, dir string, detached bool) (*exec.Cmd, <-chan struct{}, error) {
	logPath := filepath.Join(dir, "logs", "console.log")
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4jserver: open %s: %w", logPath, err)
	}
	defer logf.Close() // the child has its own copy
	cmd := exec.Command(java, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if detached {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	} else {
		cmd.SysProcAttr = attachedAttr()
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("neo4jserver: start %s: %w", java, err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	return cmd, done, nil
}

// alive reports whether pid is a running Neo4j of the instance in dir. On
// Linux it checks the command line, so a reused pid is not mistaken for it.
func alive(pid int, dir string) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		if _, perr := os.Stat("/proc/self/cmdline"); perr == nil {
			return false // /proc works, the process is gone
		}
		return true // no /proc (macOS): trust the signal check
	}
	return bytes.Contains(b, []byte("--home-dir="+dir+"\x00"))
}

// terminate sends SIGTERM, waits up to stopGrace (or ctx), then SIGKILL.
// done, when not nil, closes when the process has been reaped.
func terminate(ctx context.Context, pid int, dir string, done <-chan struct{}) error {
	gone := func() bool {
		if done != nil {
			select {
			case <-done:
				return true
			default:
				return false
			}
		}
		return !alive(pid, dir)
	}
	if gone() {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("neo4jserver: stop pid %d: %w", pid, err)
	}
	if waitGone(ctx, gone, stopGrace) {
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("neo4jserver: kill pid %d: %w", pid, err)
	}
	if waitGone(context.WithoutCancel(ctx), gone, 10*time.Second) {
		return nil
	}
	return fmt.Errorf("neo4jserver: pid %d still running after SIGKILL", pid)
}

func waitGone(ctx context.Context, gone func() bool, limit time.Duration) bool {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for !gone() {
		select {
		case <-ctx.Done():
			return gone()
		case <-deadline.C:
			return gone()
		case <-tick.C:
		}
	}
	return true
}

// logTail is the end of the instance's console log, for error messages.
func logTail(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "logs", "console.log"))
	if err != nil || len(b) == 0 {
		return "(no output in " + filepath.Join(dir, "logs", "console.log") + ")"
	}
	return tail(string(b), 25)
}
