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
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/jvmservice/jvmtest"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

// InstanceName is the name of the shared local instance (and, prefixed with
// diplograph-neo4j-, of the shared Docker container).
const InstanceName = "test"

// shared is the package's Neo4j, obtained on the first Driver or Conn call;
// Main releases it.
var shared jvmtest.Shared[suite]

type suite struct {
	conn   neo4jserver.Conn
	driver neo4j.DriverWithContext
}

// Main runs the package's tests and then releases the shared Neo4j (the
// driver and the cross-package lock; the server keeps running for the next
// package).
func Main(m *testing.M) int {
	code := m.Run()
	shared.Release()
	return code
}

// Driver returns the shared driver and database name after deleting every
// node and relationship (constraints and indexes stay). It skips under
// -short and fails the test, saying what to install or set, when no Neo4j
// can be had.
func Driver(t testing.TB) (neo4j.DriverWithContext, string) {
	t.Helper()
	s := get(t)
	ctx, cancel := jvmtest.Context(t, 5*time.Minute)
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

func get(t testing.TB) suite {
	t.Helper()
	return shared.Get(t, "Neo4j", 55*time.Minute, func(ctx context.Context) (suite, func(), error) {
		return acquire(ctx, t)
	})
}

// acquire takes the cross-package lock, then Neo4j, then a driver; its
// release closes the driver and lets the next package have Neo4j.
func acquire(ctx context.Context, t testing.TB) (suite, func(), error) {
	o := neo4jserver.FromEnv()
	o.Name = InstanceName
	o.Detached = true
	o.ReuseContainer = true
	o.FreePorts = true // not 7687/7474, where other tools knock with other passwords
	o.Log = jvmtest.Log("neo4jtest", os.Stderr)
	unlock, err := jvmtest.Lock(ctx, t, "neo4j", "neo4jtest.lock",
		"neo4jtest: waiting for another test package that uses Neo4j")
	if err != nil {
		return suite{}, nil, err
	}
	inst, err := neo4jserver.Ensure(ctx, o)
	if err != nil {
		_ = unlock()
		return suite{}, nil, err
	}
	d, err := inst.Conn().Driver(ctx)
	if err != nil {
		_ = unlock()
		return suite{}, nil, fmt.Errorf("neo4jtest: %s: %w", inst.Conn().URI, err)
	}
	return suite{conn: inst.Conn(), driver: d}, func() {
		_ = d.Close(context.Background())
		_ = unlock()
	}, nil
}

// Restartable starts a private local Neo4j (attached, free ports, data in
// a temporary folder) for tests that stop and restart the server: call
// Stop and Start on it. It is stopped when the test ends. It needs the
// local mechanism (a JDK 17+ and Maven) whatever NEO4J_URI or Docker say,
// and skips under -short.
func Restartable(t testing.TB) *neo4jserver.Instance {
	t.Helper()
	jvmtest.SkipShort(t, "Neo4j")
	o := neo4jserver.FromEnv()
	o.URI = ""
	o.Password = ""
	o.Sources = []neo4jserver.Source{neo4jserver.SourceLocal}
	o.Name = "restartable"
	o.InstancesDir = t.TempDir()
	o.FreePorts = true
	o.HeapMax = "512m"
	o.Log = jvmtest.Log("neo4jtest", os.Stderr)
	ctx, cancel := jvmtest.Context(t, 10*time.Minute)
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
