package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/reviewpage"
	"github.com/diplograph/diplograph/internal/server"
)

// serveFlags are the HTTP server's flags; `up` adds them too.
type serveFlags struct {
	addr, apiKeys, corsOrigins                    *string
	rateLimit                                     *int
	rateLimitByRealIP, pprof                      *bool
	introspection, requireKeyForQueries, jsonLogs *bool
	allowPrivateURLs                              *bool
	timeout, shutdown                             *time.Duration
	maxBody, maxComplexity, maxDepth, maxAliases  *int
}

// newServeFlags adds the server's flags to fs.
func newServeFlags(fs *flag.FlagSet) *serveFlags {
	d := server.DefaultConfig()
	return &serveFlags{
		addr:                 stringFlag(fs, "addr", "DIPLOGRAPH_ADDR", d.Addr, "listen address (loopback by default; use :8080 to listen on every interface)"),
		apiKeys:              stringFlag(fs, "api-keys", "DIPLOGRAPH_API_KEYS", "", "comma-separated API keys; mutations need one (Authorization: Bearer KEY)"),
		corsOrigins:          stringFlag(fs, "cors-origins", "DIPLOGRAPH_CORS_ORIGINS", "", "comma-separated origins whose pages may call the API (* for any; none by default)"),
		rateLimit:            intFlag(fs, "rate-limit", "DIPLOGRAPH_RATE_LIMIT", 0, "GraphQL requests per minute per client IP on this replica (0: no limit)"),
		pprof:                boolFlag(fs, "pprof", "DIPLOGRAPH_PPROF", false, "serve Go profiles at /debug/pprof/ (for profiling; never on a public address)"),
		rateLimitByRealIP:    boolFlag(fs, "rate-limit-by-real-ip", "DIPLOGRAPH_RATE_LIMIT_BY_REAL_IP", false, "key the rate limit by X-Forwarded-For/X-Real-IP (only behind a proxy that sets them)"),
		introspection:        boolFlag(fs, "introspection", "DIPLOGRAPH_INTROSPECTION", true, "allow GraphQL introspection (false turns it off)"),
		requireKeyForQueries: boolFlag(fs, "require-key-for-queries", "DIPLOGRAPH_REQUIRE_KEY_FOR_QUERIES", false, "require an API key for queries too"),
		allowPrivateURLs:     boolFlag(fs, "allow-private-urls", "DIPLOGRAPH_ALLOW_PRIVATE_URLS", false, "let ingestDocument fetch URLs on private, loopback and link-local addresses (refused by default)"),
		jsonLogs:             boolFlag(fs, "json-logs", "DIPLOGRAPH_JSON_LOGS", false, "log JSON instead of text"),
		timeout:              durationFlag(fs, "request-timeout", "DIPLOGRAPH_REQUEST_TIMEOUT", d.RequestTimeout, "per-request timeout, carried into Neo4j"),
		shutdown:             durationFlag(fs, "shutdown-timeout", "DIPLOGRAPH_SHUTDOWN_TIMEOUT", d.ShutdownTimeout, "how long in-flight requests may finish on SIGTERM"),
		maxBody:              intFlag(fs, "max-body-bytes", "DIPLOGRAPH_MAX_BODY_BYTES", int(d.MaxBodyBytes), "request body limit in bytes"),
		maxComplexity:        intFlag(fs, "max-complexity", "DIPLOGRAPH_MAX_COMPLEXITY", d.MaxComplexity, "GraphQL complexity limit (list fields multiply by first)"),
		maxDepth:             intFlag(fs, "max-depth", "DIPLOGRAPH_MAX_DEPTH", d.MaxDepth, "GraphQL nesting limit"),
		maxAliases:           intFlag(fs, "max-aliases", "DIPLOGRAPH_MAX_ALIASES", d.MaxAliases, "aliases allowed per operation"),
	}
}

// config turns the flags into a server.Config logging to stderr.
func (f *serveFlags) config(stderr io.Writer) server.Config {
	var h slog.Handler = slog.NewTextHandler(stderr, nil)
	if *f.jsonLogs {
		h = slog.NewJSONHandler(stderr, nil)
	}
	var handlers map[string]http.Handler
	if *f.pprof {
		handlers = map[string]http.Handler{
			"/debug/pprof/":        http.HandlerFunc(pprof.Index),
			"/debug/pprof/cmdline": http.HandlerFunc(pprof.Cmdline),
			"/debug/pprof/profile": http.HandlerFunc(pprof.Profile),
			"/debug/pprof/symbol":  http.HandlerFunc(pprof.Symbol),
			"/debug/pprof/trace":   http.HandlerFunc(pprof.Trace),
		}
	}
	return server.Config{
		Handlers:             handlers,
		Addr:                 *f.addr,
		APIKeys:              auth.ParseKeys(*f.apiKeys),
		CORSOrigins:          splitList(*f.corsOrigins),
		RateLimit:            *f.rateLimit,
		RateLimitByRealIP:    *f.rateLimitByRealIP,
		RequireKeyForQueries: *f.requireKeyForQueries,
		DisableIntrospection: !*f.introspection,
		RequestTimeout:       *f.timeout,
		ShutdownTimeout:      *f.shutdown,
		MaxBodyBytes:         int64(*f.maxBody),
		MaxComplexity:        *f.maxComplexity,
		MaxDepth:             *f.maxDepth,
		MaxAliases:           *f.maxAliases,
		Logger:               slog.New(h),
	}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve the GraphQL API over an existing Neo4j")
	sf := addStoreFlags(fs)
	flags := newServeFlags(fs)
	ef := addEngineFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := flags.config(stderr)
	withExplore(&cfg)
	conn, err := sf.conn(ctx)
	if err != nil {
		return err
	}
	// The driver connects lazily: the server starts (and answers /readyz
	// 503, queries UNAVAILABLE) while Neo4j is still down, and serves as
	// soon as it is up.
	engine, err := app.OpenEngine(ctx, ef.config(false, stderr), nil)
	if err != nil {
		return err
	}
	// Watch: requests fail fast while Neo4j or CoreNLP is down, and a
	// CoreNLP that serve started is restarted when it dies.
	a, err := app.New(ctx, app.Config{Neo4j: conn, Server: cfg, Engine: engine, Watch: true, AllowPrivateURLs: *flags.allowPrivateURLs})
	if err != nil {
		closeWithin(ctx, stderr, engine.Close)
		return err
	}
	defer closeWithin(ctx, stderr, a.Close)
	srv := a.Server
	if len(cfg.APIKeys) == 0 {
		cfg.Logger.Warn("no API keys configured (DIPLOGRAPH_API_KEYS): mutations are refused")
	}
	return srv.ListenAndServe(ctx, func(a net.Addr) {
		host := displayHost(a)
		fmt.Fprintf(stdout, "GraphiQL: http://%s/\nGraphQL:  http://%s/graphql\nReview:   http://%s%s\n", host, host, host, reviewpage.Path)
	})
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
