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
	ctx := context.Background()
	db := hubGraph(t, "")
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

// TestNeighborsHideRejected checks that a walk leaves out the facts people
// rejected, both when it takes the whole ball (a small organization) and
// when it walks level by level (past the relationship limit), and lists
// them when asked to.
func TestNeighborsHideRejected(t *testing.T) {
	ctx := context.Background()
	db := hubGraph(t, `
WITH count(*) AS made
MATCH (c4:Entity {id: 'C4'})
CREATE (c4)-[:MEMBER_OF {key: 'x1'}]->(:Entity:Organization {id: 'TINY', name: 'Tiny'})
CREATE (:Verdict {fact: 's1', verdict: 'REJECTED', subject: 'C1', object: 'SMALL', predicate: 'MEMBER_OF'}),
  (:Verdict {fact: 'x1', verdict: 'REJECTED', subject: 'C4', object: 'TINY', predicate: 'MEMBER_OF'}),
  (:Verdict {fact: 's3', verdict: 'ACCEPTED', subject: 'C3', object: 'SMALL', predicate: 'MEMBER_OF'})`)
	types := []ontology.Predicate{ontology.MemberOf}
	for _, c := range []struct {
		start     string
		depth     int
		truncated bool
		hidden    string
		kept      []string
	}{
		{"SMALL", 1, false, "s1", []string{"s2", "s3"}},
		{"C1", 2, true, "s1", []string{"k1"}}, // past the limit: level by level
		{"C4", 2, true, "x1", []string{"k4"}},
	} {
		for _, include := range []bool{false, true} {
			g, err := db.Neighbors(ctx, c.start, types, c.depth, WalkOptions{IncludeRejected: include})
			if err != nil {
				t.Fatal(err)
			}
			keys := map[string]bool{}
			for _, r := range g.Relations {
				keys[r.Key] = true
			}
			if g.Truncated != c.truncated {
				t.Errorf("%s depth %d: truncated %v, want %v", c.start, c.depth, g.Truncated, c.truncated)
			}
			if keys[c.hidden] != include {
				t.Errorf("%s depth %d, rejected listed %v: the rejected fact %s listed %v", c.start, c.depth, include, c.hidden, keys[c.hidden])
			}
			for _, k := range c.kept {
				if !keys[k] {
					t.Errorf("%s depth %d, rejected listed %v: %s is missing", c.start, c.depth, include, k)
				}
			}
		}
	}
}

// hubGraph loads a hub organization with more members than the walk's
// relationship limit and a small one with three of them, then runs more
// (Cypher after the load, "" for none).
func hubGraph(t *testing.T, more string) *DB {
	t.Helper()
	driver, database := neo4jtest.Driver(t)
	_, err := neo4j.ExecuteQuery(context.Background(), driver, `
CREATE (hub:Entity:Organization {id: 'HUB', name: 'Hub'}), (small:Entity:Organization {id: 'SMALL', name: 'Small'})
WITH hub, small
UNWIND range(1, $n) AS i
CREATE (c:Entity:Country {id: 'C' + i, name: 'Country ' + i})-[:MEMBER_OF {key: 'k' + i}]->(hub)
FOREACH (_ IN CASE WHEN i <= 3 THEN [1] ELSE [] END | CREATE (c)-[:MEMBER_OF {key: 's' + i}]->(small))`+more,
		map[string]any{"n": maxGraphRels + 200}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		t.Fatal(err)
	}
	return New(driver, database)
}
