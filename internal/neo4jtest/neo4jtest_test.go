package neo4jtest_test

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

func count(ctx context.Context, t *testing.T, d neo4j.DriverWithContext, db string) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n) RETURN count(n) AS n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDriverWipesDataButKeepsSchema(t *testing.T) {
	ctx := context.Background()
	d, db := neo4jtest.Driver(t)
	if _, err := neo4j.ExecuteQuery(ctx, d,
		"CREATE CONSTRAINT neo4jtest_probe_id IF NOT EXISTS FOR (p:Neo4jtestProbe) REQUIRE p.id IS UNIQUE",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = neo4j.ExecuteQuery(context.Background(), d, "DROP CONSTRAINT neo4jtest_probe_id IF EXISTS",
			nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	})
	// More nodes than one wipe batch, with relationships between them.
	if _, err := neo4j.ExecuteQuery(ctx, d,
		"UNWIND range(1, 12000) AS i CREATE (p:Neo4jtestProbe {id: i}) WITH p, i WHERE i > 1 "+
			"MATCH (q:Neo4jtestProbe {id: i - 1}) CREATE (p)-[:NEXT]->(q)",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		t.Fatal(err)
	}
	if n := count(ctx, t, d, db); n != 12000 {
		t.Fatalf("%d nodes before the wipe, want 12000", n)
	}

	d2, db2 := neo4jtest.Driver(t)
	if d2 != d || db2 != db {
		t.Fatal("Driver gave another driver or database the second time")
	}
	if n := count(ctx, t, d, db); n != 0 {
		t.Fatalf("%d nodes after the wipe, want 0", n)
	}
	res, err := neo4j.ExecuteQuery(ctx, d, "SHOW CONSTRAINTS YIELD name WHERE name = 'neo4jtest_probe_id' RETURN name",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatal("the wipe dropped a constraint")
	}
}

func TestConnServesBrowser(t *testing.T) {
	c := neo4jtest.Conn(t)
	if c.URI == "" || c.Database == "" || c.BrowserURL == "" {
		t.Fatalf("conn %+v", c)
	}
	if c.Source == "env" {
		t.Skip("NEO4J_URI server: its HTTP address is a guess")
	}
	resp, err := http.Get(c.BrowserURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", c.BrowserURL, resp.Status)
	}
}

func TestRestartable(t *testing.T) {
	inst := neo4jtest.Restartable(t)
	ctx := context.Background()
	ping := func() error {
		d, err := inst.Conn().Driver(ctx)
		if err != nil {
			return err
		}
		return d.Close(ctx)
	}
	if err := ping(); err != nil {
		t.Fatal(err)
	}
	if err := inst.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ping(); err == nil {
		t.Fatal("Neo4j still answers after Stop")
	}
	if err := inst.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ping(); err != nil {
		t.Fatalf("after Start: %v", err)
	}
}
