// Command dgprof is `diplograph serve` wired the same way (read side,
// extractor, store, ingest) with net/http/pprof mounted at /debug/pprof/, for
// profiling diplograph under the benchmark's load until serve has a pprof
// flag of its own:
//
//	go build -o /tmp/dgprof ./bench/dgprof
//	go run ./bench --reuse --systems diplograph --diplograph-bin /tmp/dgprof --pprof 3,5 ...
//
// It reads the same environment as serve: DIPLOGRAPH_ADDR, DIPLOGRAPH_API_KEYS,
// NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE. Arguments are ignored.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"

	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "dgprof:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	conn := neo4jserver.Conn{URI: os.Getenv("NEO4J_URI"), User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	d, err := conn.Driver(ctx)
	if err != nil {
		return err
	}
	defer d.Close(context.WithoutCancel(ctx))
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	st := store.New(d, conn.Database)
	deps := server.StoreDeps(server.Deps{Driver: d, Database: conn.Database}, ingest.New(extract.New(g), st), st)
	cfg := server.DefaultConfig()
	cfg.Addr = os.Getenv("DIPLOGRAPH_ADDR")
	cfg.APIKeys = auth.ParseKeys(os.Getenv("DIPLOGRAPH_API_KEYS"))
	cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg.Handlers = map[string]http.Handler{
		"/debug/pprof/":        http.HandlerFunc(pprof.Index),
		"/debug/pprof/profile": http.HandlerFunc(pprof.Profile),
		"/debug/pprof/trace":   http.HandlerFunc(pprof.Trace),
	}
	srv, err := server.New(cfg, deps)
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, nil)
}
