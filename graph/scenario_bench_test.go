package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"

	"github.com/diplograph/diplograph/bench/corpus"
	"github.com/diplograph/diplograph/bench/scenario"
	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/store"
)

// BenchmarkScenarios runs the read scenarios of the load benchmark
// (bench/) in process over its synthetic corpus of 2000 documents: each
// scenario's GraphQL request through diplograph's HTTP handler (no
// network), once answered by the direct path (direct) and once by gqlgen's
// executor (gqlgen), and its minimal Cypher through the driver (the
// floor), after checking that diplograph and the floor answer the same.
// The ratios of the ns/op are what the planner and the direct path are
// held to, without the load generator, HTTP and the peer; the load
// benchmark measures those. cpu-ns/op is this process's CPU time (user
// and system, every goroutine, the driver's included; Neo4j's is its own
// process) per request. On a shared machine compare ratios within one run:
//
//	go test ./graph -run '^$' -bench Scenarios -benchtime 200x -count 6
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
	paths := newPair(b, app.Backend{Driver: driver, Database: db, Store: st})
	e := &env{t: b, h: paths.direct}
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
		for _, path := range []struct {
			name string
			h    http.Handler
		}{{"direct", paths.direct}, {"gqlgen", paths.gqlgen}} {
			b.Run(id.Name()+"/"+path.name, func(b *testing.B) {
				cpu := processCPU()
				for b.Loop() {
					serveOnly(b, path.h, body)
				}
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
		b.Run(id.Name()+"/floor", func(b *testing.B) {
			cpu := processCPU()
			for b.Loop() {
				if _, err := scenario.RunFloor(ctx, driver, db, id, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// serveOnly posts a request to h and checks the answer has no errors
// without decoding it: the benchmark times the server, not a client's
// JSON decoder (the answers were compared with the floor's before).
func serveOnly(b *testing.B, h http.Handler, body []byte) {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors":`)) {
		b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
	}
}

// processCPU is the CPU time this process has used so far (user and
// system), in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
