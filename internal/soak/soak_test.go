package soak_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/soak"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// TestShortSoak runs ten seconds of mixed queries and ingests against an
// in-process server: no errors, no growth, counts as ingested.
func TestShortSoak(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	var out strings.Builder
	sum, err := soak.Run(context.Background(), soak.Options{
		Driver: driver, Database: db, Serve: app.SoakServer(driver, db, nil), Duration: 10 * time.Second, Rate: 5, IngestShare: 0.1, Seed: 7,
		Warmup: 2 * time.Second,
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

func TestSoakRefusesRemoteTargets(t *testing.T) {
	for _, u := range []string{"http://example.com", "http://10.0.0.1:8080", "ftp://127.0.0.1", "http://[::2]:80"} {
		if _, err := soak.Run(context.Background(), soak.Options{URL: u, Duration: time.Second}); err == nil {
			t.Errorf("%s: accepted", u)
		}
	}
	if _, err := soak.Run(context.Background(), soak.Options{URL: "http://127.0.0.1:1", Duration: 3 * time.Hour}); err == nil {
		t.Errorf("a 3-hour soak was accepted")
	}
}
