// Package jvmtest holds what the packages that give tests a shared real
// server (neo4jtest, corenlptest) have in common: the server got once per
// test package on first use, the machine-wide lock that test packages
// take turns through, contexts bounded by the test binary's deadline, and
// the server's progress lines marked as the test package's.
package jvmtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/jvmservice"
)

// Shared is what the tests of one package share, got on first use: a
// server's address, a driver. A test package keeps one in a package
// variable, because TestMain and the tests have no other common place.
type Shared[T any] struct {
	mu      sync.Mutex
	tried   bool
	val     T
	err     error
	release func()
}

// Get returns the shared value, calling acquire the first time (within
// limit and the test binary's deadline). It skips the test under -short and
// fails it when acquire could not have the server; needs names the server
// ("Neo4j") for both messages.
func (s *Shared[T]) Get(t testing.TB, needs string, limit time.Duration,
	acquire func(ctx context.Context) (val T, release func(), err error)) T {
	t.Helper()
	SkipShort(t, needs)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.tried {
		s.tried = true
		ctx, cancel := Context(t, limit)
		s.val, s.release, s.err = acquire(ctx)
		cancel()
	}
	if s.err != nil {
		t.Fatalf("integration test needs %s and none could be had: %v", needs, s.err)
	}
	return s.val
}

// Release calls the release function that acquire returned, if any, and
// forgets the value: a later Get acquires it again.
func (s *Shared[T]) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.release != nil {
		s.release()
	}
	var zero T
	s.tried, s.val, s.err, s.release = false, zero, nil, nil
}

// SkipShort skips an integration test that needs a server under -short.
func SkipShort(t testing.TB, needs string) {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs " + needs + " (skipped under -short)")
	}
}

// Lock takes the machine-wide lock file in the cache folder of the servers
// tagged tag (jvmservice.CacheDir), for test packages that take turns or
// wait for one another; waiting is logged once if someone else holds it.
func Lock(ctx context.Context, t testing.TB, tag, file, waiting string) (unlock func() error, err error) {
	cache, err := jvmservice.CacheDir(tag)
	if err != nil {
		return nil, err
	}
	return jvmservice.Lock(ctx, filepath.Join(cache, file), func() { t.Logf("%s", waiting) })
}

// Context is a context bounded by limit and by the test binary's deadline
// (less ten seconds, to report the failure).
func Context(t testing.TB, limit time.Duration) (context.Context, context.CancelFunc) {
	ctx := context.Background()
	if tt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if d, ok := tt.Deadline(); ok {
			c, cancel := context.WithDeadline(ctx, d.Add(-10*time.Second))
			c2, cancel2 := context.WithTimeout(c, limit)
			return c2, func() { cancel2(); cancel() }
		}
	}
	return context.WithTimeout(ctx, limit)
}

// Log writes a server's progress lines to w, each marked "<prefix>: ".
func Log(prefix string, w io.Writer) io.Writer { return prefixed{prefix: prefix, w: w} }

type prefixed struct {
	prefix string
	w      io.Writer
}

func (p prefixed) Write(b []byte) (int, error) {
	s := strings.TrimRight(string(b), "\n")
	for _, line := range strings.Split(s, "\n") {
		fmt.Fprintln(p.w, p.prefix+": "+line)
	}
	return len(b), nil
}

// TestLog writes a server's progress lines to the test's log.
func TestLog(t testing.TB) io.Writer { return testLog{t} }

type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// Gone reports whether the process pid has exited and been reaped, giving
// it five seconds (a goroutine reaps a process that this one started).
func Gone(pid int) bool {
	for range 50 {
		if !jvmservice.PIDAlive(pid) {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// WithoutTools leaves the test no java and no mvn: an empty PATH, no
// JAVA_HOME.
func WithoutTools(t testing.TB) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("JAVA_HOME", "")
}

// WantError fails the test unless err wraps target and says each of words.
func WantError(t testing.TB, err, target error, words ...string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got %v, want %v", err, target)
	}
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q: %v", w, err)
		}
	}
}

// TakenPort is a port of 127.0.0.1 that something listens on until the
// test ends.
func TakenPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// Instances is a temporary instances folder (Options.InstancesDir) that
// holds one instance, name, whose state.json is state: an instance as an
// earlier version, or another process, left it.
func Instances(t testing.TB, name, state string) (instances, dir string) {
	t.Helper()
	instances = t.TempDir()
	dir = filepath.Join(instances, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(jvmservice.StatePath(dir), []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	return instances, dir
}

// Stopper is a server instance that a test stops (a server package's
// Instance).
type Stopper interface {
	PID() int
	Stop(ctx context.Context) error
}

// Stop stops inst and fails the test unless its process is gone and its
// PID is 0 afterwards.
func Stop(ctx context.Context, t testing.TB, inst Stopper) {
	t.Helper()
	pid := inst.PID()
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if !Gone(pid) {
		t.Fatalf("pid %d still runs after Stop", pid)
	}
	if inst.PID() != 0 {
		t.Fatalf("PID() = %d after Stop, want 0", inst.PID())
	}
}
