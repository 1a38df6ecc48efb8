package scenario_test

import (
	"context"
	"os"
	"testing"

	"github.com/diplograph/diplograph/bench/corpus"
	"github.com/diplograph/diplograph/bench/scenario"
	"github.com/diplograph/diplograph/internal/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// TestFloorQueries loads a tiny corpus into the real Neo4j and checks that
// every floor query answers something sensible, and that ingest and its
// clean-up leave the bilateral answer as it was.
func TestFloorQueries(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	c := corpus.Generate(40, 7)
	if err := corpus.Load(ctx, driver, db, c); err != nil {
		t.Fatal(err)
	}
	p := scenario.Params{Country: "KZ", A: "KZ", B: "TR", Org: "SCO", Query: "kazakhstan energy", First: 10}
	answers := map[scenario.ID]any{}
	for _, id := range []scenario.ID{scenario.Country, scenario.Bilateral, scenario.Neighbours, scenario.Search, scenario.List} {
		a, err := scenario.RunFloor(ctx, driver, db, id, p)
		if err != nil {
			t.Fatalf("scenario %d: %v", id, err)
		}
		answers[id] = a
	}
	country := answers[scenario.Country].(scenario.CountryAnswer)
	if country.ID != "KZ" || country.Name != "Kazakhstan" || len(country.Relations) == 0 {
		t.Errorf("country: %+v", country)
	}
	for _, r := range country.Relations {
		if r.Type == "" || r.Target == "" || r.TargetName == "" || r.Key == "" {
			t.Errorf("country relation with an empty field: %+v", r)
		}
	}
	bi := answers[scenario.Bilateral].([]scenario.Rel)
	if len(bi) == 0 {
		t.Fatal("bilateral: no facts between the busy pair")
	}
	evidence := 0
	for _, r := range bi {
		if !(r.Subject == "KZ" && r.Object == "TR" || r.Subject == "TR" && r.Object == "KZ") {
			t.Errorf("bilateral fact not between the pair: %+v", r)
		}
		evidence += len(r.Evidence)
	}
	if evidence == 0 {
		t.Error("bilateral: no evidence sentences")
	}
	if n := answers[scenario.Neighbours].([]scenario.Node); len(n) == 0 {
		t.Error("neighbours: none")
	}
	hits := answers[scenario.Search].([]scenario.Hit)
	if len(hits) == 0 || len(hits) > 10 {
		t.Errorf("search: %d hits, want 1..10", len(hits))
	}
	list := answers[scenario.List].(scenario.ListAnswer)
	if list.Total < 100 || len(list.Countries) != scenario.ListSize {
		t.Errorf("list: total %d, %d rows", list.Total, len(list.Countries))
	}
	for _, row := range list.Countries {
		if len(row.First) > scenario.ListFirst {
			t.Errorf("list: %s has %d relations, want at most %d", row.ID, len(row.First), scenario.ListFirst)
		}
	}

	// Ingest twice (idempotent per document), see the evidence, clean up.
	doc := scenario.NewIngestDoc("test", 1, "KZ", "Kazakhstan", "TR", "Türkiye")
	for range 2 {
		if err := scenario.FloorIngest(ctx, driver, db, doc); err != nil {
			t.Fatal(err)
		}
	}
	after, err := scenario.RunFloor(ctx, driver, db, scenario.Bilateral, p)
	if err != nil {
		t.Fatal(err)
	}
	if scenario.Equal(after, bi) {
		t.Error("ingest changed nothing the bilateral query sees")
	}
	res, err := runCypher(ctx, driver, db, scenario.CleanupCypher)
	if err != nil {
		t.Fatal(err)
	}
	if res != 1 {
		t.Errorf("clean-up removed %d documents, want 1", res)
	}
	restored, err := scenario.RunFloor(ctx, driver, db, scenario.Bilateral, p)
	if err != nil {
		t.Fatal(err)
	}
	if d := scenario.Diff(bi, restored); d != "" {
		t.Errorf("after clean-up the bilateral answer differs: %s", d)
	}
}
