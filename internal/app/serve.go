package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/diplograph/diplograph/explore"
	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/reviewpage"
	"github.com/diplograph/diplograph/internal/server"
)

// ServeConfig is what the commands that serve (up, serve) assemble the
// application from, as their flags give it.
type ServeConfig struct {
	Neo4j  Neo4j
	Engine EngineConfig
	// Server is the HTTP server's configuration; the Neo4j Browser style
	// and guide and the playground's examples are added to it, and its
	// APIKeys are those of the APIKeys list.
	Server server.Config
	// APIKeys are the comma-separated API keys (DIPLOGRAPH_API_KEYS), each
	// name:secret or a bare secret; mutations need one.
	APIKeys string
	// AllowPrivateURLs lets ingestDocument fetch URLs on private,
	// loopback and link-local addresses.
	AllowPrivateURLs bool
	// Log receives the progress lines of the services a command starts
	// and the errors of stopping them.
	Log io.Writer
}

// ReviewPath is where every server serves the review page (NewServer).
const ReviewPath = reviewpage.Path

// DefaultServer is the HTTP server's default configuration (for the
// flags' defaults).
func DefaultServer() server.Config { return server.DefaultConfig() }

// OpenServe assembles the application for `serve`: over the Neo4j cfg
// names, which need not answer yet (the driver connects lazily, /readyz
// answers 503 and queries UNAVAILABLE until it does), with the extraction
// engine cfg chooses. Every dependency is watched, and a CoreNLP server
// this process starts is restarted when it dies. Without API keys it warns
// that mutations are refused.
func OpenServe(ctx context.Context, cfg ServeConfig) (*App, error) {
	cfg.Server.APIKeys = auth.ParseKeys(cfg.APIKeys)
	withExplore(&cfg.Server)
	conn, err := cfg.Neo4j.locate(ctx)
	if err != nil {
		return nil, err
	}
	cfg.Engine.Detached = false
	engine, err := OpenEngine(ctx, cfg.Engine, nil)
	if err != nil {
		return nil, err
	}
	a, err := New(ctx, Config{Neo4j: conn, Server: cfg.Server, Engine: engine, Watch: true, AllowPrivateURLs: cfg.AllowPrivateURLs})
	if err != nil {
		closeWithin(ctx, cfg.Log, engine.Close)
		return nil, err
	}
	if len(cfg.Server.APIKeys) == 0 && cfg.Server.Logger != nil {
		cfg.Server.Logger.Warn("no API keys configured (DIPLOGRAPH_API_KEYS): mutations are refused")
	}
	return a, nil
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

// Shutdown closes the application (App.Close) within a minute, even when
// ctx is done (Ctrl-C), and reports an error to log.
func (a *App) Shutdown(ctx context.Context, log io.Writer) { closeWithin(ctx, log, a.Close) }

// closeWithin runs close with a minute to finish, even when ctx is done,
// and reports its error to log.
func closeWithin(ctx context.Context, log io.Writer, close func(context.Context) error) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if err := close(cctx); err != nil && log != nil {
		fmt.Fprintln(log, "stop:", err)
	}
}
