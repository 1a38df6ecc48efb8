package graph_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// BenchmarkQueries measures canonical queries through the HTTP handler over
// the seed corpus, reporting Neo4j round trips per request beside latency.
//
//	go test ./graph -run '^$' -bench . -benchtime 50x
func BenchmarkQueries(b *testing.B) {
	e := seedEnv(b, server.Config{})
	cases := []struct{ name, query string }{
		{"bilateral", goldenQuery("bilateral-kz-tr")},
		{"neighbors", goldenQuery("neighbors-sco-2")},
	}
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
}

func goldenQuery(name string) string {
	for _, c := range goldenCases {
		if c.name == name {
			return c.query
		}
	}
	panic("no golden case " + name)
}
