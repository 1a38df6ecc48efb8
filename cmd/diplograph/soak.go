package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"syscall"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jserver"
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
	faultEvery := durationFlag(fs, "fault-every", "", 0, "fault mode: start a private Neo4j, serve over it as up does (supervised), and kill -9 it this often (0: off)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := soak.Options{URL: *url, APIKey: *apiKey, Duration: *duration, Rate: *rate, IngestShare: *share,
		Seed: *seed, Progress: stderr, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if *faultEvery > 0 {
		if *url != "" {
			return fmt.Errorf("soak: --fault-every needs the in-process server (no --url): it kills the Neo4j it starts")
		}
		inst, stop, err := privateNeo4j(ctx, stderr)
		if err != nil {
			return err
		}
		defer stop()
		d, err := app.OpenDriver(ctx, inst.Conn(), true, nil)
		if err != nil {
			return err
		}
		defer func() { _ = d.Close(context.WithoutCancel(ctx)) }()
		o.Driver, o.Database = d, inst.Conn().Database
		o.Serve = app.SoakServer(d, o.Database, inst)
		o.FaultEvery = *faultEvery
		o.Kill = func() error {
			pid := inst.PID()
			if pid == 0 {
				return errors.New("Neo4j is not running")
			}
			fmt.Fprintf(stderr, "soak: kill -9 of Neo4j (pid %d)\n", pid)
			return syscall.Kill(pid, syscall.SIGKILL)
		}
	} else if *url == "" || *graph {
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
		if *url == "" {
			o.Serve = app.SoakServer(d, o.Database, nil)
		}
	}
	sum, err := soak.Run(ctx, o)
	if sum != nil {
		sum.Print(stdout)
	}
	return err
}

// privateNeo4j starts a local Neo4j of the soak's own (free ports, data in
// a temporary folder), so that fault mode kills nothing anyone else uses.
func privateNeo4j(ctx context.Context, stderr io.Writer) (*neo4jserver.Instance, func(), error) {
	dir, err := os.MkdirTemp("", "diplograph-soak-")
	if err != nil {
		return nil, nil, err
	}
	o := neo4jserver.FromEnv()
	o.URI, o.Password = "", ""
	o.Sources = []neo4jserver.Source{neo4jserver.SourceLocal}
	o.Name, o.InstancesDir, o.FreePorts, o.HeapMax, o.Log = "soak-faults", dir, true, "512m", stderr
	inst, err := neo4jserver.Ensure(ctx, o)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("soak: fault mode needs a local Neo4j: %w", err)
	}
	return inst, func() {
		closeWithin(ctx, stderr, inst.Stop)
		_ = os.RemoveAll(dir)
	}, nil
}
