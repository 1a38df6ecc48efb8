package graph_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/diplograph/diplograph/bench/corpus"
	"github.com/diplograph/diplograph/bench/scenario"
	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
)

// BenchmarkScenarios runs the read scenarios of the load benchmark
// (bench/) in process over its synthetic corpus of 2000 documents: each
// scenario's GraphQL request through diplograph's HTTP handler (no
// network) and its minimal Cypher through the driver (the floor), after
// checking that both answer the same. The ratio of the two ns/op is what
// the planner is held to, without the load generator, HTTP and the
// peer; the load benchmark measures those.
//
//	go test ./graph -run '^$' -bench Scenarios -benchtime 200x
func BenchmarkScenarios(b *testing.B) {
	driver, db := neo4jtest.Driver(b)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if err := corpus.Load(ctx, driver, db, corpus.Generate(2000, 1)); err != nil {
		b.Fatal(err)
	}
	p, _, err := scenario.Choose(ctx, driver, db)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := app.NewServer(quiet(server.Config{}), app.Backend{Driver: driver, Database: db, Store: st})
	if err != nil {
		b.Fatal(err)
	}
	e := &env{t: b, h: srv.Handler(), srv: srv, store: st}
	for _, id := range []scenario.ID{scenario.Country, scenario.Bilateral, scenario.Neighbours, scenario.Search, scenario.List} {
		req, err := scenario.GraphQL(scenario.Diplograph, id, p)
		if err != nil {
			b.Fatal(err)
		}
		body := req.Body()
		floor, err := scenario.RunFloor(ctx, driver, db, id, p)
		if err != nil {
			b.Fatal(err)
		}
		r := e.postRaw(body, nil)
		if len(r.Errors) > 0 {
			b.Fatalf("%s: %+v", id.Name(), r.Errors)
		}
		raw, err := json.Marshal(map[string]any{"data": r.Data})
		if err != nil {
			b.Fatal(err)
		}
		got, err := scenario.Decode(scenario.Diplograph, id, raw)
		if err != nil {
			b.Fatal(err)
		}
		if !scenario.Equal(got, floor) {
			b.Fatalf("%s: diplograph's answer differs from the floor's:\n%s", id.Name(), scenario.Diff(got, floor))
		}
		b.Run(id.Name()+"/diplograph", func(b *testing.B) {
			for b.Loop() {
				if r := e.postRaw(body, nil); len(r.Errors) > 0 {
					b.Fatalf("%+v", r.Errors)
				}
			}
		})
		b.Run(id.Name()+"/floor", func(b *testing.B) {
			for b.Loop() {
				if _, err := scenario.RunFloor(ctx, driver, db, id, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
