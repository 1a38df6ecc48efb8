package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/diplograph/diplograph/internal/app"
)

// soakSummary is the command's line in the command list.
const soakSummary = "drive a server with a steady mix of queries and ingests; check errors, heap, goroutines and graph counts"

func runSoak(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("soak", soakSummary)
	sf := addStoreFlags(fs)
	url := stringFlag(fs, "url", "DIPLOGRAPH_SOAK_URL", "", "base URL of a running server on this machine (empty: start one in this process over Neo4j)")
	apiKey := stringFlag(fs, "api-key", "DIPLOGRAPH_SOAK_API_KEY", "", "API key for the ingests when --url is given")
	duration := durationFlag(fs, "duration", "", 5*time.Minute, fmt.Sprintf("how long to run (at most %s)", app.SoakMaxDuration))
	rate := intFlag(fs, "rate", "", 20, fmt.Sprintf("requests per second (at most %d)", app.SoakMaxRate))
	share := fs.Float64("ingest-share", 0.05, "share of requests that are ingests of synthetic articles")
	seed := fs.Uint64("seed", 1, "synthetic corpus seed")
	graph := boolFlag(fs, "check-graph", "", true, "compare the graph's counts with what was ingested (needs the Neo4j flags)")
	faultEvery := durationFlag(fs, "fault-every", "", 0, "fault mode: start a private Neo4j, serve over it as up does (supervised), and kill -9 it this often (0: off)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *faultEvery > 0 && *url != "" {
		return fmt.Errorf("soak: --fault-every needs the in-process server (no --url): it kills the Neo4j it starts")
	}
	sum, err := app.Soak(ctx, app.SoakConfig{Neo4j: sf.neo4j(), URL: *url, APIKey: *apiKey, Duration: *duration, Rate: *rate,
		IngestShare: *share, Seed: *seed, CheckGraph: *graph, FaultEvery: *faultEvery, Log: stderr})
	if sum != nil {
		sum.Print(stdout)
	}
	return err
}
