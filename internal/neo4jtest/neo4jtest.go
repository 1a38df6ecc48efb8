// Package neo4jtest gives integration tests a real Neo4j, shared by every
// test package and every run.
//
// Use it as
//
//	func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
//
//	func TestX(t *testing.T) {
//		driver, db := neo4jtest.Driver(t) // wiped, ready
//		...
//	}
//
// The Neo4j comes from neo4jserver, in its order: NEO4J_URI (with
// NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set; else a Docker
// container named diplograph-neo4j-test, reused across packages; else a
// detached local instance named "test", assembled from Maven Central with the
// local JDK and Maven on first use and left running for later runs. Stop it with
//
//	go run ./cmd/diplograph neo4j stop --name test
//
// `go test ./...` runs packages in parallel processes, but Neo4j Community
// has one user database: the first Driver call of a package takes a
// machine-wide file lock, held until Main returns, so packages that use Neo4j
// run one after another. Packages (or runs under -short) that never call
// Driver start nothing and take no lock. Tests of one package that use
// Driver must not run in parallel with each other: each Driver call wipes the
// data.
package neo4jtest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jserver"
)

// InstanceName is the name of the shared local instance (and, prefixed with
// diplograph-neo4j-, of the shared Docker container).
const InstanceName = "test"

// shared is the package's Neo4j, obtained on the first Driver or Conn call.
// It is package state because TestMain and the tests have no other common
// place; Main releases it.
var shared suite

type suite struct {
	mu     sync.Mutex
	tried  bool
	err    error
	unlock func() error
	conn   neo4jserver.Conn
	driver neo4j.DriverWithContext
}

// Main runs the package's tests and then releases the shared Neo4j (the
// driver and the cross-package lock; the server keeps running for the next
// package).
func Main(m *testing.M) int {
	code := m.Run()
	shared.release()
	return code
}

// Driver returns the shared driver and database name after deleting every
// node and relationship (constraints and indexes stay). It skips under
// -short and fails the test, saying what to install or set, when no Neo4j
// can be had.
func Driver(t testing.TB) (neo4j.DriverWithContext, string) {
	t.Helper()
	s := get(t)
	ctx, cancel := testContext(t, 5*time.Minute)
	defer cancel()
	if err := Wipe(ctx, s.driver, s.conn.Database); err != nil {
		t.Fatalf("neo4jtest: wipe the test database: %v", err)
	}
	return s.driver, s.conn.Database
}

// Conn returns how to reach the shared Neo4j (Bolt and HTTP URLs,
// credentials), for tests that need more than a driver, such as browser
// tests. It does not wipe the data.
func Conn(t testing.TB) neo4jserver.Conn {
	t.Helper()
	return get(t).conn
}

// Wipe deletes every node and relationship in batches, so a big graph does
// not need one huge transaction. Constraints and indexes stay.
func Wipe(ctx context.Context, driver neo4j.DriverWithContext, database string) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database})
	defer session.Close(ctx)
	// CALL { ... } IN TRANSACTIONS needs an auto-commit transaction: Run,
	// not a managed one. The WITH form works on every Neo4j 5.
	res, err := session.Run(ctx,
		"MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

func get(t testing.TB) *suite {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs Neo4j (skipped under -short)")
	}
	s := &shared
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.tried {
		s.tried = true
		ctx, cancel := testContext(t, 55*time.Minute)
		s.err = s.acquire(ctx, t)
		cancel()
	}
	if s.err != nil {
		t.Fatalf("integration test needs Neo4j and none could be had: %v", s.err)
	}
	return s
}

// acquire takes the cross-package lock, then Neo4j, then a driver.
func (s *suite) acquire(ctx context.Context, t testing.TB) error {
	o := neo4jserver.FromEnv()
	o.Name = InstanceName
	o.Detached = true
	o.ReuseContainer = true
	o.FreePorts = true // not 7687/7474, where other tools knock with other passwords
	o.Log = prefixed{w: os.Stderr}
	cache := o.CacheDir
	if cache == "" {
		dir, err := neo4jserver.DefaultCacheDir()
		if err != nil {
			return err
		}
		cache = dir
	}
	unlock, err := neo4jserver.Lock(ctx, filepath.Join(cache, "neo4jtest.lock"), func() {
		t.Logf("neo4jtest: waiting for another test package that uses Neo4j")
	})
	if err != nil {
		return err
	}
	inst, err := neo4jserver.Ensure(ctx, o)
	if err != nil {
		_ = unlock()
		return err
	}
	d, err := inst.Conn().Driver(ctx)
	if err != nil {
		_ = unlock()
		return fmt.Errorf("neo4jtest: %s: %w", inst.Conn().URI, err)
	}
	s.unlock, s.conn, s.driver = unlock, inst.Conn(), d
	return nil
}

func (s *suite) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.driver != nil {
		_ = s.driver.Close(context.Background())
		s.driver = nil
	}
	if s.unlock != nil {
		_ = s.unlock()
		s.unlock = nil
	}
	s.tried, s.err = false, nil
}

// Restartable starts a private local Neo4j (attached, free ports, data in
// a temporary folder) for tests that stop and restart the server: call
// Stop and Start on it. It is stopped when the test ends. It needs the
// local mechanism (a JDK 17+ and Maven) whatever NEO4J_URI or Docker say,
// and skips under -short.
func Restartable(t testing.TB) *neo4jserver.Instance {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs Neo4j (skipped under -short)")
	}
	o := neo4jserver.FromEnv()
	o.URI = ""
	o.Password = ""
	o.Sources = []neo4jserver.Source{neo4jserver.SourceLocal}
	o.Name = "restartable"
	o.InstancesDir = t.TempDir()
	o.FreePorts = true
	o.HeapMax = "512m"
	o.Log = prefixed{w: os.Stderr}
	ctx, cancel := testContext(t, 10*time.Minute)
	defer cancel()
	inst, err := neo4jserver.Ensure(ctx, o)
	if err != nil {
		t.Fatalf("neo4jtest: a restartable Neo4j could not be started: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := inst.Stop(ctx); err != nil {
			t.Errorf("neo4jtest: stop restartable Neo4j: %v", err)
		}
	})
	return inst
}

// testContext is a context bounded by limit and by the test binary's deadline.
func testContext(t testing.TB, limit time.Duration) (context.Context, context.CancelFunc) {
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

// prefixed writes neo4jserver's progress lines to w marked as ours.
type prefixed struct{ w io.Writer }

func (p prefixed) Write(b []byte) (int, error) {
	s := strings.TrimRight(string(b), "\n")
	for _, line := range strings.Split(s, "\n") {
		fmt.Fprintln(p.w, "neo4jtest: "+line)
	}
	return len(b), nil
}
