package query

import (
	"context"
	"reflect"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
)

// TestNeighborsNodesOnly checks that a walk asked for its nodes alone
// reaches the same nodes, and truncates at the same place, as the walk
// that returns its relationships: on a hub with more members than the
// relationship limit (truncated) and on a small organization (whole).
func TestNeighborsNodesOnly(t *testing.T) {
	driver, database := neo4jtest.Driver(t)
	ctx := context.Background()
	_, err := neo4j.ExecuteQuery(ctx, driver, `
CREATE (hub:Entity:Organization {id: 'HUB', name: 'Hub'}), (small:Entity:Organization {id: 'SMALL', name: 'Small'})
WITH hub, small
UNWIND range(1, $n) AS i
CREATE (c:Entity:Country {id: 'C' + i, name: 'Country ' + i})-[:MEMBER_OF {key: 'k' + i}]->(hub)
FOREACH (_ IN CASE WHEN i <= 3 THEN [1] ELSE [] END | CREATE (c)-[:MEMBER_OF {key: 's' + i}]->(small))`,
		map[string]any{"n": maxGraphRels + 200}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		t.Fatal(err)
	}
	db := New(driver, database)
	ids := func(g *Subgraph) []string {
		var out []string
		for _, n := range g.Nodes {
			out = append(out, n.ID)
		}
		return out
	}
	types := []ontology.Predicate{ontology.MemberOf}
	for _, c := range []struct {
		start     string
		depth     int
		truncated bool
	}{{"C1", 2, true}, {"SMALL", 2, false}, {"SMALL", 1, false}, {"HUB", 1, true}} {
		full, err := db.Neighbors(ctx, c.start, types, c.depth, WalkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		slim, err := db.Neighbors(ctx, c.start, types, c.depth, WalkOptions{NodesOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if full.Truncated != c.truncated || slim.Truncated != c.truncated {
			t.Errorf("%s depth %d: truncated %v (nodes only %v), want %v", c.start, c.depth, full.Truncated, slim.Truncated, c.truncated)
		}
		if !reflect.DeepEqual(ids(full), ids(slim)) {
			t.Errorf("%s depth %d: nodes only reached %d nodes, the full walk %d", c.start, c.depth, len(slim.Nodes), len(full.Nodes))
		}
		if len(slim.Relations) != 0 || len(full.Nodes) < 2 {
			t.Errorf("%s depth %d: %d relations with nodes only, %d nodes", c.start, c.depth, len(slim.Relations), len(full.Nodes))
		}
	}
}
