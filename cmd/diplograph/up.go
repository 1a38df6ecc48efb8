package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/diplograph/diplograph/explore"
	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/reviewpage"
	"github.com/diplograph/diplograph/internal/server"
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
	cfg := sflags.config(stderr)
	began := time.Now()

	// Listen first: the port is known before Neo4j starts, so Neo4j
	// Browser can be told where the style and the guide are served.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (set --addr or DIPLOGRAPH_ADDR)", cfg.Addr, err)
	}
	defer ln.Close()
	base := "http://" + displayHost(ln.Addr())

	opts := sf.options()
	opts.ExtraConfig, opts.Log = explore.Neo4jConfig(base), stderr
	inst, err := neo4jserver.Ensure(ctx, opts)
	if err != nil {
		return err
	}
	stopNeo4j := func(ctx context.Context) error { return inst.Stop(ctx) }
	generated := ""
	if len(cfg.APIKeys) == 0 {
		generated = randomKey()
		cfg.APIKeys = []string{generated}
	}
	withExplore(&cfg)
	conn := inst.Conn()
	// CoreNLP is a child of up like Neo4j (unless CORENLP_URL names one);
	// without it, extraction falls back to the surface rules and says so.
	engine, err := app.OpenEngine(ctx, ef.config(false, stderr), nil)
	if err != nil {
		closeWithin(ctx, stderr, stopNeo4j)
		return err
	}
	// Watch: a Neo4j or CoreNLP that up started is restarted when it dies,
	// and requests fail fast while one is down.
	a, err := app.New(ctx, app.Config{Neo4j: conn, RequireNeo4j: true, Server: cfg, Engine: engine, AllowPrivateURLs: *sflags.allowPrivateURLs,
		Services: []app.Dependency{{Name: "neo4j process", Close: stopNeo4j}},
		Watch:    true, Neo4jProcess: inst})
	if err != nil {
		closeWithin(ctx, stderr, engine.Close)
		closeWithin(ctx, stderr, stopNeo4j)
		return err
	}
	defer closeWithin(ctx, stderr, a.Close)

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
	srv := a.Server
	printUp(stdout, base, conn, a.Extractor.Engine(), generated, time.Since(began))
	err = srv.Serve(ctx, ln)
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// closeWithin runs close with a minute to finish, even when ctx is done
// (Ctrl-C), and reports its error.
func closeWithin(ctx context.Context, stderr io.Writer, close func(context.Context) error) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if err := close(cctx); err != nil {
		fmt.Fprintln(stderr, "stop:", err)
	}
}

// withExplore adds the Neo4j Browser style and guide (under /neo4j/) and
// the playground's example queries to a server configuration.
func withExplore(cfg *server.Config) {
	if cfg.Handlers == nil {
		cfg.Handlers = map[string]http.Handler{}
	}
	cfg.Handlers[explore.Prefix] = explore.Handler()
	if len(cfg.Examples) == 0 {
		for _, e := range explore.Examples() {
			cfg.Examples = append(cfg.Examples, server.Example{Name: e.Title, Query: e.Query})
		}
	}
}

func printUp(w io.Writer, base string, c neo4jserver.Conn, engine, key string, took time.Duration) {
	fmt.Fprintf(w, "\ndiplograph is up (%s, Neo4j from %s, extraction engine %s).\n", took.Round(100*time.Millisecond), c.Source, engine)
	fmt.Fprintf(w, "  GraphQL playground: %s/\n", base)
	fmt.Fprintf(w, "  GraphQL endpoint:   %s/graphql\n", base)
	fmt.Fprintf(w, "  Review page:        %s%s\n", base, reviewpage.Path)
	fmt.Fprintf(w, "  Neo4j Browser:      %s\n", c.BrowserURL)
	fmt.Fprintf(w, "    connect to %s as %s / %s\n", c.URI, c.User, c.Password)
	fmt.Fprintf(w, "    style: :style %s   guide: :play %s\n", explore.StyleURL(base), explore.GuideURL(base))
	if key != "" {
		fmt.Fprintf(w, "  API key for mutations (generated for this run; set DIPLOGRAPH_API_KEYS to choose): %s\n", key)
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

func randomKey() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}
