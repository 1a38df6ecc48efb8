package app_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// TestShortSoak runs ten seconds of mixed queries and ingests against the
// in-process server `soak` assembles: no errors, no growth, counts as
// ingested.
func TestShortSoak(t *testing.T) {
	neo4jtest.Driver(t) // wiped
	c := neo4jtest.Conn(t)
	var out strings.Builder
	sum, err := app.Soak(context.Background(), app.SoakConfig{
		Neo4j:    app.Neo4j{URI: c.URI, User: c.User, Password: c.Password, Database: c.Database},
		Duration: 10 * time.Second, Rate: 5, IngestShare: 0.1, Seed: 7, CheckGraph: true,
	})
	if sum != nil {
		sum.Print(&out)
		t.Log("\n" + out.String())
	}
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested == 0 || sum.ByKind["ingest"] == 0 {
		t.Errorf("no documents ingested: %+v", sum.ByKind)
	}
}
