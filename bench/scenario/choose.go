package scenario

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/bench/corpus"
)

// Choose picks each scenario's arguments from the loaded graph (and
// returns what it learnt of it, for the report).
func Choose(ctx context.Context, driver neo4j.DriverWithContext, db string) (Params, map[string]any, error) {
	p := Params{A: corpus.BusyActors.PairA, B: corpus.BusyActors.PairB, Query: "qatar energy", First: 20}
	info := map[string]any{}
	q := func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
		r, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return nil, fmt.Errorf("choose params: %w", err)
		}
		return r.Records, nil
	}
	// Scenario 1: the busiest country whose outgoing facts all fit one page.
	recs, err := q(`MATCH (c:Country) WITH c, COUNT { (c)-[r]->(:Entity) } AS n WHERE n < $max
RETURN c.id AS id, n ORDER BY n DESC, id LIMIT 1`, map[string]any{"max": CountryMax})
	if err != nil {
		return p, nil, err
	}
	if len(recs) == 0 {
		return p, nil, fmt.Errorf("choose params: no country")
	}
	p.Country, _, _ = neo4j.GetRecordValue[string](recs[0], "id")
	n, _, _ := neo4j.GetRecordValue[int64](recs[0], "n")
	info["country_relations"] = n
	// Scenario 2: the pair's fact count.
	recs, err = q(`MATCH (:Entity {id: $a})-[r]-(:Entity {id: $b}) RETURN count(r) AS n, sum(size(r.evidence)) AS ev`, map[string]any{"a": p.A, "b": p.B})
	if err != nil {
		return p, nil, err
	}
	info["pair_facts"], _ = recs[0].Get("n")
	info["pair_evidence"], _ = recs[0].Get("ev")
	// Scenario 3: the organization with the most members whose depth-2
	// MEMBER_OF neighbourhood stays under diplograph's walk limit (1000
	// relationships), so every system returns the whole of it.
	recs, err = q(`MATCH (o:Organization)
WITH o, COUNT { (o)<-[:MEMBER_OF]-() } AS members ORDER BY members DESC LIMIT 20
CALL (o) {
  MATCH (o)-[r1:MEMBER_OF]-(x)
  WITH collect(DISTINCT r1) AS r1s, collect(DISTINCT x) AS xs
  UNWIND xs AS x
  OPTIONAL MATCH (x)-[r2:MEMBER_OF]-()
  WITH r1s, collect(DISTINCT r2) AS r2s
  RETURN size(r1s + [r IN r2s WHERE NOT r IN r1s]) AS rels
}
WITH o, members, rels WHERE rels < 950
RETURN o.id AS id, members, rels ORDER BY members DESC, id LIMIT 1`, nil)
	if err != nil {
		return p, nil, err
	}
	if len(recs) == 0 {
		return p, nil, fmt.Errorf("choose params: no organization with a small enough neighbourhood")
	}
	p.Org, _, _ = neo4j.GetRecordValue[string](recs[0], "id")
	info["org_members"], _ = recs[0].Get("members")
	info["org_depth2_relationships"], _ = recs[0].Get("rels")
	info["params"] = p
	return p, info, nil
}
