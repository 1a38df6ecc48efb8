package graph_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// TestRelationCount checks that relationCount is the length of the whole
// relation list for each type and direction, for many entities in one
// round trip.
func TestRelationCount(t *testing.T) {
	e := seedEnv(t, server.Config{})
	tests := []struct {
		name string
		args string
	}{
		{"all", ``},
		{"out", `(direction: OUT)`},
		{"in", `(direction: IN)`},
		{"member of out", `(types: [MEMBER_OF], direction: OUT)`},
		{"two types both", `(types: [MEMBER_OF, LOCATED_IN])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rels := `relations(first: 200)`
			if tt.args != "" {
				rels = `relations` + tt.args[:len(tt.args)-1] + `, first: 200)`
			}
			var out struct {
				Entities struct {
					Edges []struct {
						Node struct {
							ID            string
							RelationCount int
							Relations     []struct{ ID string }
						}
					}
				}
			}
			e.mustData(`{ entities(filter: {kind: COUNTRY}, first: 50) { edges { node { id relationCount`+tt.args+` `+rels+` { id } } } } }`, nil, &out)
			if len(out.Entities.Edges) == 0 {
				t.Fatal("no countries")
			}
			nonzero := false
			for _, edge := range out.Entities.Edges {
				n := edge.Node
				if n.RelationCount != len(n.Relations) {
					t.Errorf("%s: relationCount %d, %d relations", n.ID, n.RelationCount, len(n.Relations))
				}
				nonzero = nonzero || n.RelationCount > 0
			}
			if !nonzero {
				t.Error("every count is 0")
			}
		})
	}
	r := e.post(`{ entities(filter: {kind: COUNTRY}, first: 50) { edges { node { relationCount(direction: OUT) } } } }`, nil, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if e.lastTrips > 3 {
		t.Errorf("%d round trips for the counts of a page, want at most 3", e.lastTrips)
	}
}

// TestRelationsTotalCount checks that relations { totalCount } is the
// number of facts the connection pages through, for a filter on types
// alone (answered from Neo4j's counts per type) and for filters that need
// a count query, in one round trip each.
func TestRelationsTotalCount(t *testing.T) {
	e := seedEnv(t, server.Config{})
	for _, filter := range []string{
		``,
		`types: [MEMBER_OF]`,
		`types: [MEMBER_OF, LOCATED_IN, MEMBER_OF]`,
		`subject: "KZ"`,
		`types: [COOPERATES_WITH], modality: ASSERTED`,
		`object: "SCO", types: [MEMBER_OF]`,
		`since: 2015`,
	} {
		t.Run(filter, func(t *testing.T) {
			listed, after := 0, ""
			for {
				var out struct {
					Relations struct {
						Edges    []struct{ Cursor string }
						PageInfo struct{ HasNextPage bool }
					}
				}
				args := `first: 500, filter: {` + filter + `}`
				if after != "" {
					args += `, after: "` + after + `"`
				}
				e.mustData(`{ relations(`+args+`) { edges { cursor } pageInfo { hasNextPage } } }`, nil, &out)
				listed += len(out.Relations.Edges)
				if !out.Relations.PageInfo.HasNextPage || len(out.Relations.Edges) == 0 {
					break
				}
				after = out.Relations.Edges[len(out.Relations.Edges)-1].Cursor
			}
			var out struct{ Relations struct{ TotalCount int } }
			e.mustData(`{ relations(first: 0, filter: {`+filter+`}) { totalCount } }`, nil, &out)
			if out.Relations.TotalCount != listed {
				t.Errorf("totalCount %d, %d facts listed", out.Relations.TotalCount, listed)
			}
			if filter == `` && listed == 0 {
				t.Error("no facts at all")
			}
			if e.lastTrips != 1 {
				t.Errorf("%d round trips for totalCount, want 1", e.lastTrips)
			}
		})
	}
	r := e.post(`{ relations(filter: {modality: ASSERTED, types: [NOPE]}) { totalCount } }`, nil, nil)
	if len(r.Errors) == 0 {
		t.Error("an unknown type was accepted")
	}
}
