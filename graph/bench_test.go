package graph_test

import (
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/server"
)

// BenchmarkQueries measures canonical queries through the HTTP handler over
// the seed corpus, reporting Neo4j round trips per request beside latency,
// with the server's default dataloader batch window and with 1ms.
//
//	go test ./graph -run '^$' -bench . -benchtime 30x
//
// country, country-include-rejected and country-review compare the cost of
// hiding rejected facts (a Verdict index seek per fact) and of reading each
// fact's review with the list.
func BenchmarkQueries(b *testing.B) {
	cases := []struct{ name, query string }{
		{"country", `{ country(id:"KZ") { relations(direction: OUT, first: 200) { type modality target { id name } } } }`},
		{"country-include-rejected", `{ country(id:"KZ") { relations(direction: OUT, first: 200, includeRejected: true) { type modality target { id name } } } }`},
		{"country-review", `{ country(id:"KZ") { relations(direction: OUT, first: 200) { type modality target { id name } review { verdict by } } } }`},
		{"country-evidence", `{ country(id:"KZ") { id name relations { type target { id name } evidence { sentence title } } } }`},
		{"bilateral", goldenQuery("bilateral-kz-tr")},
		{"bilateral-relations", `{ bilateral(a:"KZ", b:"TR") { relations { type direction target { id } evidence { sentence title } } } }`},
		{"neighbors", goldenQuery("neighbors-sco-2")},
		{"country-list", `{ entities(filter: {kind: COUNTRY}, first: 100) { totalCount edges { node { id name
  relationCount(direction: OUT) relations(direction: OUT, first: 5) { id type modality target { id } } } } } }`},
	}
	for _, w := range []struct {
		name string
		wait time.Duration
	}{{"wait=default", 0}, {"wait=1ms", time.Millisecond}} {
		b.Run(w.name, func(b *testing.B) {
			e := seedEnv(b, server.Config{BatchWait: w.wait})
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					var trips int64
					b.ResetTimer()
					for b.Loop() {
						r := e.post(c.query, nil, nil)
						if len(r.Errors) > 0 {
							b.Fatalf("errors: %+v", r.Errors)
						}
						trips += e.lastTrips
					}
					b.ReportMetric(float64(trips)/float64(b.N), "roundtrips/op")
				})
			}
		})
	}
}

func goldenQuery(name string) string {
	for _, c := range goldenCases {
		if c.name == name {
			return c.query
		}
	}
	panic("no golden case " + name)
}
