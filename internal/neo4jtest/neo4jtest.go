// Package neo4jtest gives integration tests the shared, real Neo4j.
//
// A package's TestMain calls Main, which obtains Neo4j (NEO4J_URI, a Docker
// engine, or the local JDK mechanism), takes the cross-process lock that
// serialises the packages using it, runs the tests, and releases the lock.
// Tests then call Driver, which wipes the database and returns the driver.
// Under `go test -short` integration tests are skipped; otherwise a Neo4j that
// cannot be had is a loud failure.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TODO(foundation): replace the NEO4J_URI-only lookup with the full mechanism.

var shared struct {
	driver   neo4j.DriverWithContext
	database string
	err      error
}

// Main runs the package's tests with the shared Neo4j. Use it as
//
//	func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
func Main(m *testing.M) int {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		shared.err = fmt.Errorf("neo4jtest: no Neo4j: set NEO4J_URI")
		return m.Run()
	}
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(env("NEO4J_USER", "neo4j"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		shared.err = err
		return m.Run()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.VerifyConnectivity(ctx); err != nil {
		shared.err = err
		return m.Run()
	}
	shared.driver, shared.database = d, env("NEO4J_DATABASE", "neo4j")
	defer d.Close(context.Background())
	return m.Run()
}

// Driver returns the shared driver after wiping the database's data (schema
// and indexes stay). It skips under -short and fails the test when no Neo4j
// could be had.
func Driver(t testing.TB) (neo4j.DriverWithContext, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs Neo4j (skipped under -short)")
	}
	if shared.err != nil || shared.driver == nil {
		t.Fatalf("integration test needs Neo4j and none could be had: %v", shared.err)
	}
	ctx := context.Background()
	_, err := neo4j.ExecuteQuery(ctx, shared.driver, "MATCH (n) DETACH DELETE n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(shared.database))
	if err != nil {
		t.Fatalf("wipe test database: %v", err)
	}
	return shared.driver, shared.database
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
