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
)

// serveFlags are the HTTP server's flags; `up` adds them too.
type serveFlags struct {
	addr, apiKeys, corsOrigins                    *string
	rateLimit                                     *int
	rateLimitByRealIP, pprof                      *bool
	introspection, requireKeyForQueries, jsonLogs *bool
	directJSON                                    *bool
	allowPrivateURLs                              *bool
	timeout, shutdown                             *time.Duration
	maxBody, maxComplexity, maxDepth, maxAliases  *int
}

// newServeFlags adds the server's flags to fs.
func newServeFlags(fs *flag.FlagSet) *serveFlags {
	d := app.DefaultServer()
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
		directJSON:           boolFlag(fs, "direct-json", "DIPLOGRAPH_DIRECT_JSON", true, "answer the queries the planner covers straight to JSON (false: every query through gqlgen's executor, for comparing)"),
		jsonLogs:             boolFlag(fs, "json-logs", "DIPLOGRAPH_JSON_LOGS", false, "log JSON instead of text"),
		timeout:              durationFlag(fs, "request-timeout", "DIPLOGRAPH_REQUEST_TIMEOUT", d.RequestTimeout, "per-request timeout, carried into Neo4j"),
		shutdown:             durationFlag(fs, "shutdown-timeout", "DIPLOGRAPH_SHUTDOWN_TIMEOUT", d.ShutdownTimeout, "how long in-flight requests may finish on SIGTERM"),
		maxBody:              intFlag(fs, "max-body-bytes", "DIPLOGRAPH_MAX_BODY_BYTES", int(d.MaxBodyBytes), "request body limit in bytes"),
		maxComplexity:        intFlag(fs, "max-complexity", "DIPLOGRAPH_MAX_COMPLEXITY", d.MaxComplexity, "GraphQL complexity limit (list fields multiply by first)"),
		maxDepth:             intFlag(fs, "max-depth", "DIPLOGRAPH_MAX_DEPTH", d.MaxDepth, "GraphQL nesting limit"),
		maxAliases:           intFlag(fs, "max-aliases", "DIPLOGRAPH_MAX_ALIASES", d.MaxAliases, "aliases allowed per operation"),
	}
}

// config is what a serving command assembles the application from: the
// flags, with the Neo4j and the engine given, logging to stderr.
func (f *serveFlags) config(neo app.Neo4j, engine app.EngineConfig, stderr io.Writer) app.ServeConfig {
	var h slog.Handler = slog.NewTextHandler(stderr, nil)
	if *f.jsonLogs {
		h = slog.NewJSONHandler(stderr, nil)
	}
	cfg := app.ServeConfig{Neo4j: neo, Engine: engine, APIKeys: *f.apiKeys, AllowPrivateURLs: *f.allowPrivateURLs, Log: stderr}
	s := &cfg.Server
	if *f.pprof {
		s.Handlers = map[string]http.Handler{
			"/debug/pprof/":        http.HandlerFunc(pprof.Index),
			"/debug/pprof/cmdline": http.HandlerFunc(pprof.Cmdline),
			"/debug/pprof/profile": http.HandlerFunc(pprof.Profile),
			"/debug/pprof/symbol":  http.HandlerFunc(pprof.Symbol),
			"/debug/pprof/trace":   http.HandlerFunc(pprof.Trace),
		}
	}
	s.Addr = *f.addr
	s.CORSOrigins = splitList(*f.corsOrigins)
	s.RateLimit = *f.rateLimit
	s.RateLimitByRealIP = *f.rateLimitByRealIP
	s.RequireKeyForQueries = *f.requireKeyForQueries
	s.DisableIntrospection = !*f.introspection
	s.DisableDirectJSON = !*f.directJSON
	s.RequestTimeout = *f.timeout
	s.ShutdownTimeout = *f.shutdown
	s.MaxBodyBytes = int64(*f.maxBody)
	s.MaxComplexity = *f.maxComplexity
	s.MaxDepth = *f.maxDepth
	s.MaxAliases = *f.maxAliases
	s.Logger = slog.New(h)
	return cfg
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve the GraphQL API over an existing Neo4j")
	sf := addStoreFlags(fs)
	flags := newServeFlags(fs)
	ef := addEngineFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := flags.config(sf.neo4j(), ef.config(false, stderr), stderr)
	a, err := app.OpenServe(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Shutdown(ctx, stderr)
	return a.Server.ListenAndServe(ctx, func(a net.Addr) {
		host := displayHost(a)
		fmt.Fprintf(stdout, "GraphiQL: http://%s/\nGraphQL:  http://%s/graphql\nReview:   http://%s%s\n", host, host, host, app.ReviewPath)
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
