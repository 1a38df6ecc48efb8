package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/soak"
	"github.com/diplograph/diplograph/internal/supervise"
)

// The caps on what a soak may ask for.
const (
	SoakMaxDuration = soak.MaxDuration
	SoakMaxRate     = soak.MaxRate
)

// SoakConfig is what `soak` drives, as its flags give it.
type SoakConfig struct {
	// Neo4j is the graph of the in-process server, and the one whose
	// counts are checked (with CheckGraph).
	Neo4j Neo4j
	// URL is a running server on this machine; empty starts one in this
	// process over Neo4j. APIKey is its key for the ingests.
	URL, APIKey string
	Duration    time.Duration
	Rate        int
	IngestShare float64
	Seed        uint64
	// CheckGraph compares the graph's counts with what was ingested
	// (always done for an in-process server).
	CheckGraph bool
	// FaultEvery, when not 0, starts a private Neo4j, serves over it as up
	// does (supervised) and kills it with SIGKILL this often.
	FaultEvery time.Duration
	// Log receives the progress lines.
	Log io.Writer
}

// Soak drives a server with a steady mix of queries and ingests and
// checks errors, heap, goroutines and graph counts (package soak).
func Soak(ctx context.Context, cfg SoakConfig) (*soak.Summary, error) {
	o := soak.Options{URL: cfg.URL, APIKey: cfg.APIKey, Duration: cfg.Duration, Rate: cfg.Rate, IngestShare: cfg.IngestShare,
		Seed: cfg.Seed, Progress: cfg.Log, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var conn neo4jserver.Conn
	var proc supervise.Process
	switch {
	case cfg.FaultEvery > 0:
		inst, stop, err := privateNeo4j(ctx, cfg.Log)
		if err != nil {
			return nil, err
		}
		defer stop()
		conn, proc = inst.Conn(), inst
		o.FaultEvery, o.Kill = cfg.FaultEvery, kill(inst, cfg.Log)
	case cfg.URL == "" || cfg.CheckGraph:
		var err error
		if conn, err = cfg.Neo4j.locate(ctx); err != nil {
			return nil, err
		}
	}
	if conn.URI != "" {
		d, err := OpenDriver(ctx, conn, true, nil)
		if err != nil {
			return nil, err
		}
		defer func() { _ = d.Close(context.WithoutCancel(ctx)) }()
		o.Driver, o.Database = d, conn.Database
		if cfg.URL == "" {
			o.Serve = serveInProcess(d, conn.Database, proc)
		}
	}
	return soak.Run(ctx, o)
}

// privateNeo4j starts a local Neo4j of the soak's own (free ports, data in
// a temporary folder), so that fault mode kills nothing anyone else uses.
func privateNeo4j(ctx context.Context, log io.Writer) (*neo4jserver.Instance, func(), error) {
	dir, err := os.MkdirTemp("", "diplograph-soak-")
	if err != nil {
		return nil, nil, err
	}
	o := neo4jserver.FromEnv()
	o.URI, o.Password = "", ""
	o.Sources = []neo4jserver.Source{neo4jserver.SourceLocal}
	o.Name, o.InstancesDir, o.FreePorts, o.HeapMax, o.Log = "soak-faults", dir, true, "512m", log
	inst, err := neo4jserver.Ensure(ctx, o)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("soak: fault mode needs a local Neo4j: %w", err)
	}
	return inst, func() {
		closeWithin(ctx, log, inst.Stop)
		_ = os.RemoveAll(dir)
	}, nil
}

// kill is the fault: SIGKILL to the Neo4j inst runs.
func kill(inst *neo4jserver.Instance, log io.Writer) func() error {
	return func() error {
		pid := inst.PID()
		if pid == 0 {
			return errors.New("Neo4j is not running")
		}
		fmt.Fprintf(log, "soak: kill -9 of Neo4j (pid %d)\n", pid)
		return syscall.Kill(pid, syscall.SIGKILL)
	}
}

// serveInProcess is soak's in-process server: the application over d
// (watching its dependencies and supervising proc, as up does, when proc
// is given), its schema migrated and reference data loaded, served on a
// loopback port.
func serveInProcess(d neo4j.DriverWithContext, database string, proc supervise.Process) soak.ServeFunc {
	return func(ctx context.Context, apiKey string, log *slog.Logger) (string, func(), error) {
		a, err := Assemble(Config{
			Neo4j:        neo4jserver.Conn{Database: database},
			Server:       server.Config{Addr: "127.0.0.1:0", APIKeys: []string{apiKey}, Logger: log},
			Watch:        proc != nil,
			Neo4jProcess: proc,
		}, d)
		if err != nil {
			return "", nil, err
		}
		closeApp := func() { _ = a.Close(context.WithoutCancel(ctx)) }
		if _, err := a.Migrate(ctx); err != nil {
			closeApp()
			return "", nil, fmt.Errorf("soak: migrate: %w", err)
		}
		if _, err := a.LoadReference(ctx); err != nil {
			closeApp()
			return "", nil, fmt.Errorf("soak: reference data: %w", err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			closeApp()
			return "", nil, err
		}
		sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		done := make(chan error, 1)
		go func() { done <- a.Server.Serve(sctx, ln) }()
		return "http://" + ln.Addr().String(), func() { cancel(); <-done; closeApp() }, nil
	}
}
