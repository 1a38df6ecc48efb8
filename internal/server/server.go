// Package server is diplograph's HTTP front: the GraphQL endpoint with its
// limits, the GraphiQL page, health, readiness and Prometheus metrics,
// structured logs and graceful shutdown. It knows nothing of the schema or
// of Neo4j: the composition root (internal/app) hands it the GraphQL
// handler and the readiness checks of its dependencies.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/supervise"

	"github.com/diplograph/diplograph/internal/errs"
)

// Config is everything about the server that is not a dependency. Zero
// values take the defaults of DefaultConfig.
type Config struct {
	Addr string // listen address; default 127.0.0.1:8080 (loopback only: expose deliberately)

	APIKeys              []string // accepted API keys; mutations need one
	RequireKeyForQueries bool     // also require a key for queries
	DisableIntrospection bool     // refuse __schema/__type (introspection is on by default)

	RequestTimeout  time.Duration // per request, carried by ctx into the driver; default 10s
	MaxBodyBytes    int64         // request body limit; default 1 MiB
	MaxComplexity   int           // gqlgen complexity limit (lists multiply by first); default 20000
	MaxDepth        int           // nesting limit, introspection excluded; default 12
	MaxAliases      int           // aliases per operation; default 30
	MaxFields       int           // field selections per operation, fragments expanded; default 1000
	MaxTokens       int           // parser token limit; default 50000 (parsing is linear; validation is guarded by MaxFields)
	ShutdownTimeout time.Duration // how long in-flight requests get on shutdown; default 15s
	BatchWait       time.Duration // dataloader batch window; default 2ms
	// DisableDirectJSON answers every query through gqlgen's executor,
	// also those the planner covers (written straight to JSON otherwise).
	DisableDirectJSON bool

	// CORSOrigins may call the API from browser pages ("*" for any);
	// none by default.
	CORSOrigins []string
	// RateLimit is the number of /graphql requests a client may make per
	// minute on this replica (0: no limit). RateLimitByRealIP keys clients
	// by X-Forwarded-For/X-Real-IP: only behind a proxy that sets them.
	RateLimit         int
	RateLimitByRealIP bool

	// Examples are the queries the GraphiQL page opens as tabs.
	Examples []Example
	// Handlers are mounted as given (path pattern of http.ServeMux ->
	// handler), e.g. a browser guide; they may not replace the server's own
	// routes.
	Handlers map[string]http.Handler

	Logger *slog.Logger // default slog.Default()
}

// DefaultConfig returns the defaults (documented on Config).
func DefaultConfig() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		RequestTimeout:  10 * time.Second,
		MaxBodyBytes:    1 << 20,
		MaxComplexity:   20000,
		MaxDepth:        12,
		MaxAliases:      30,
		MaxFields:       1000,
		MaxTokens:       50000,
		ShutdownTimeout: 15 * time.Second,
		BatchWait:       2 * time.Millisecond,
	}
}

// WithDefaults returns c with every zero value replaced by its default.
func (c Config) WithDefaults() Config {
	d := DefaultConfig()
	if c.Addr == "" {
		c.Addr = d.Addr
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = d.RequestTimeout
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	if c.MaxComplexity <= 0 {
		c.MaxComplexity = d.MaxComplexity
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = d.MaxDepth
	}
	if c.MaxAliases <= 0 {
		c.MaxAliases = d.MaxAliases
	}
	if c.MaxFields <= 0 {
		c.MaxFields = d.MaxFields
	}
	if c.MaxTokens <= 0 {
		c.MaxTokens = d.MaxTokens
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = d.ShutdownTimeout
	}
	if c.BatchWait <= 0 {
		c.BatchWait = d.BatchWait
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// GraphQL is the GraphQL endpoint the composition root hands the server
// (graph.Handler): it executes operations; the server adds what is HTTP
// (body limits, timeouts, API keys, CORS, rate limits) and observes every
// response for logs and metrics.
type GraphQL interface {
	http.Handler
	AroundResponses(graphql.ResponseMiddleware)
}

// Check is one dependency /readyz asks: Ready returns nil when the
// dependency can serve (Neo4j reachable with the expected schema, ...).
type Check struct {
	Name  string
	Ready func(ctx context.Context) error
	// Status, when set, is the dependency's watched state (package
	// supervise): /readyz answers from it without asking Ready (unless it
	// is still starting), /metrics exposes it, and Recheck is called when
	// a request fails as UNAVAILABLE so that an outage is noticed at once.
	Status  func() supervise.Status
	Recheck func()
	// Members, when set, are the servers behind the dependency (the
	// CoreNLP servers of a pool): /readyz lists them under it and /metrics
	// has a series for each.
	Members func() []Member
	// Optional dependencies do not make /readyz 503: their failure is
	// reported in its body ("degraded"), and the requests that need them
	// fail on their own (CoreNLP: reads keep working without it).
	Optional bool
}

// Deps are the server's dependencies.
type Deps struct {
	GraphQL GraphQL // required
	// Checks are asked in order by /readyz; the first failure answers 503.
	Checks []Check
}

// Member is one server behind a dependency, as /readyz and /metrics show
// it.
type Member struct {
	URL       string `json:"url"`
	State     string `json:"state"`
	Healthy   bool   `json:"healthy"`
	InFlight  int    `json:"inFlight"`
	Requests  uint64 `json:"requests"`
	Failures  uint64 `json:"failures"`
	LastError string `json:"lastError,omitempty"`
}

// Server is the HTTP server. Handler serves everything; ListenAndServe
// runs it until ctx is done, then shuts down gracefully.
type Server struct {
	cfg     Config
	deps    Deps
	log     *slog.Logger
	keys    *auth.Keyring
	metrics *metrics
	handler http.Handler
	gql     GraphQL
}

// New builds the server.
func New(cfg Config, deps Deps) (*Server, error) {
	if deps.GraphQL == nil {
		return nil, errors.New("server: no GraphQL handler")
	}
	cfg = cfg.WithDefaults()
	s := &Server{cfg: cfg, deps: deps, log: cfg.Logger, keys: auth.NewKeyring(cfg.APIKeys), metrics: newMetrics(deps.Checks), gql: deps.GraphQL}
	s.gql.AroundResponses(s.observe)

	mux := http.NewServeMux()
	own := map[string]bool{}
	route := func(pattern string, h http.Handler) {
		own[pattern] = true
		mux.Handle(pattern, h)
	}
	gql := rateLimit(cfg.RateLimit, cfg.RateLimitByRealIP, s.graphqlHandler())
	route("POST /graphql", gql)
	route("GET /graphql", gql)
	route("GET /{$}", s.playground())
	route("GET /graphiql/", graphiqlAssets())
	route("GET /healthz", http.HandlerFunc(s.healthz))
	route("GET /readyz", http.HandlerFunc(s.readyz))
	route("GET /metrics", s.metrics.handler())
	for pattern, h := range cfg.Handlers {
		if own[pattern] {
			return nil, fmt.Errorf("server: handler %q would replace a route of the server", pattern)
		}
		mux.Handle(pattern, h)
	}
	s.handler = s.recoverPanics(cors(cfg.CORSOrigins, mux))
	return s, nil
}

// Handler returns the server's routes (for httptest and for embedding).
func (s *Server) Handler() http.Handler { return s.handler }

// Addr is the configured listen address.
func (s *Server) Addr() string { return s.cfg.Addr }

// ListenAndServe listens on Config.Addr and serves until ctx is done, then
// stops accepting connections and lets in-flight requests finish (up to
// ShutdownTimeout). ready, when not nil, is called with the bound address.
func (s *Server) ListenAndServe(ctx context.Context, ready func(addr net.Addr)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.RequestTimeout + 10*time.Second,
		WriteTimeout:      s.cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	s.log.Info("serving GraphQL", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down: letting in-flight requests finish", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}

// observe logs and measures every GraphQL response.
func (s *Server) observe(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	op := "unknown"
	if graphql.HasOperationContext(ctx) {
		if oc := graphql.GetOperationContext(ctx); oc != nil {
			op = oc.OperationName
			if op == "" && oc.Operation != nil {
				op = oc.Operation.Name
			}
			if op == "" {
				op = "anonymous"
			}
		}
	}
	op = s.metrics.operationLabel(op)
	d := time.Since(start)
	trips := query.CounterFrom(ctx).Count()
	s.metrics.roundTrips.Add(float64(trips))
	codes := map[string]int{}
	var retryAfter time.Duration
	known := false // the failure came from a dependency already known to be down
	if resp != nil {
		for _, e := range resp.Errors {
			c, _ := e.Extensions["code"].(string)
			if c == "" {
				c = errs.CodeInternal
			}
			codes[c]++
			s.metrics.errors.WithLabelValues(c).Inc()
			if c == errs.CodeUnavailable {
				var ra interface{ RetryAfter() time.Duration }
				if errors.As(e, &ra) {
					known = true
					retryAfter = max(retryAfter, ra.RetryAfter())
				} else {
					retryAfter = max(retryAfter, time.Second)
				}
			}
		}
	}
	if retryAfter > 0 {
		if h := headerFrom(ctx); h != nil {
			h.Set("Retry-After", strconv.Itoa(int((retryAfter+time.Second-1)/time.Second)))
		}
		if !known {
			for _, c := range s.deps.Checks {
				if c.Recheck != nil {
					c.Recheck()
				}
			}
		}
	}
	s.metrics.requests.WithLabelValues(op).Inc()
	s.metrics.latency.WithLabelValues(op).Observe(d.Seconds())
	if resp != nil {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["neo4jRoundTrips"] = trips
	}
	s.log.InfoContext(ctx, "graphql", "operation", op, "duration_ms", float64(d.Microseconds())/1000,
		"neo4j_round_trips", trips, "errors", codes)
	return resp
}

type headerKey struct{}

// withHeader carries the response's header to observe, which sets
// Retry-After on UNAVAILABLE answers before gqlgen writes the response.
func withHeader(ctx context.Context, h http.Header) context.Context {
	return context.WithValue(ctx, headerKey{}, h)
}

func headerFrom(ctx context.Context) http.Header {
	h, _ := ctx.Value(headerKey{}).(http.Header)
	return h
}
