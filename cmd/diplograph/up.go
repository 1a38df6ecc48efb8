package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/diplograph/diplograph/internal/app"
)

const upSummary = "ensure Neo4j, apply the schema, load the seed corpus, serve GraphQL, print the URLs"

// runUp is the main job: Neo4j ensured (NEO4J_URI, Docker, or a local
// Neo4j from Maven Central) -> schema migrated -> reference data and seed
// corpus loaded -> GraphQL served. Ctrl-C stops what it started.
func runUp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("up", upSummary+`.

Neo4j comes from, in this order: --neo4j-uri/$NEO4J_URI; a Docker engine
(neo4j:5.26-community); a JDK 17+ and Maven (Neo4j Community 5.26 assembled
from Maven Central into the cache folder, started as a child process and
stopped on exit). Running up again reuses the same data: nothing is loaded
twice. A Neo4j or CoreNLP that up started and that dies is restarted (1 s
backoff doubling to 30 s, at most 5 restarts in 10 minutes); meanwhile
requests that need it answer UNAVAILABLE at once.`)
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	workers := intFlag(fs, "workers", "DIPLOGRAPH_WORKERS", 2, "concurrent load transactions while seeding")
	sflags := newServeFlags(fs)
	ef := addEngineFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("up takes no arguments (got %q)", fs.Args())
	}
	cfg := sflags.config(sf.neo4j(), ef.config(false, stderr), stderr)
	began := time.Now()

	// Listen first: the port is known before Neo4j starts, so Neo4j
	// Browser can be told where the style and the guide are served.
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (set --addr or DIPLOGRAPH_ADDR)", cfg.Server.Addr, err)
	}
	defer ln.Close()
	base := "http://" + displayHost(ln.Addr())
	a, info, err := app.OpenUp(ctx, cfg, base)
	if err != nil {
		return err
	}
	defer a.Shutdown(ctx, stderr)

	m, err := a.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintf(stdout, "schema: %d migration(s) applied\n", m.Applied)
	if _, err := a.LoadReference(ctx); err != nil {
		return fmt.Errorf("load reference data: %w", err)
	}
	if err := load(ctx, a.Loader(), app.Corpus(), -1, app.LoadOptions{Workers: *workers, Batch: 1}, false, stdout, stderr); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	printUp(stdout, base, info, a.Extractor.Engine(), time.Since(began))
	err = a.Server.Serve(ctx, ln)
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

func printUp(w io.Writer, base string, info app.UpInfo, engine string, took time.Duration) {
	c := info.Neo4j
	fmt.Fprintf(w, "\ndiplograph is up (%s, Neo4j from %s, extraction engine %s).\n", took.Round(100*time.Millisecond), c.Source, engine)
	fmt.Fprintf(w, "  GraphQL playground: %s/\n", base)
	fmt.Fprintf(w, "  GraphQL endpoint:   %s/graphql\n", base)
	fmt.Fprintf(w, "  Review page:        %s%s\n", base, app.ReviewPath)
	fmt.Fprintf(w, "  Neo4j Browser:      %s\n", c.BrowserURL)
	fmt.Fprintf(w, "    connect to %s as %s / %s\n", c.URI, c.User, c.Password)
	fmt.Fprintf(w, "    style: :style %s   guide: :play %s\n", info.StyleURL, info.GuideURL)
	if info.GeneratedKey != "" {
		fmt.Fprintf(w, "  API key for mutations (generated for this run; set DIPLOGRAPH_API_KEYS to choose): %s\n", info.GeneratedKey)
	}
	fmt.Fprintln(w, "Press Ctrl-C to stop.")
}

// displayHost turns a listener's address into one a person can open.
func displayHost(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return tcp.String()
}
