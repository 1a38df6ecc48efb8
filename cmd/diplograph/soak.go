package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/soak"
)

// soakSummary is the command's line in the command list.
const soakSummary = "drive a server with a steady mix of queries and ingests; check errors, heap, goroutines and graph counts"

func runSoak(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("soak", soakSummary)
	sf := addStoreFlags(fs)
	url := stringFlag(fs, "url", "DIPLOGRAPH_SOAK_URL", "", "base URL of a running server on this machine (empty: start one in this process over Neo4j)")
	apiKey := stringFlag(fs, "api-key", "DIPLOGRAPH_SOAK_API_KEY", "", "API key for the ingests when --url is given")
	duration := durationFlag(fs, "duration", "", 5*time.Minute, fmt.Sprintf("how long to run (at most %s)", soak.MaxDuration))
	rate := intFlag(fs, "rate", "", 20, fmt.Sprintf("requests per second (at most %d)", soak.MaxRate))
	share := fs.Float64("ingest-share", 0.05, "share of requests that are ingests of synthetic articles")
	seed := fs.Uint64("seed", 1, "synthetic corpus seed")
	graph := boolFlag(fs, "check-graph", "", true, "compare the graph's counts with what was ingested (needs the Neo4j flags)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := soak.Options{URL: *url, APIKey: *apiKey, Duration: *duration, Rate: *rate, IngestShare: *share,
		Seed: *seed, Progress: stderr, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if *url == "" || *graph {
		conn, err := sf.conn(ctx)
		if err != nil {
			return err
		}
		d, err := app.OpenDriver(ctx, conn, true, nil)
		if err != nil {
			return err
		}
		defer func() { _ = d.Close(context.WithoutCancel(ctx)) }()
		o.Driver, o.Database = d, conn.Database
	}
	sum, err := soak.Run(ctx, o)
	if sum != nil {
		sum.Print(stdout)
	}
	return err
}
