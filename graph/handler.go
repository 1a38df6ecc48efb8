package graph

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/generated"
)

// HandlerConfig is what the GraphQL endpoint is built from: the resolver
// with its dependencies and the limits the server was configured with.
// Zero limits are no limits (the server fills in its defaults).
type HandlerConfig struct {
	Resolver *Resolver

	BatchWait            time.Duration // dataloader batch window
	MaxComplexity        int
	MaxDepth             int
	MaxAliases           int
	MaxFields            int
	MaxTokens            int
	DisableIntrospection bool
	RequireKeyForQueries bool
	// DisableDirectJSON serves every query through gqlgen's executor,
	// also those the direct path covers (see direct.go): for comparing.
	DisableDirectJSON bool

	Logger *slog.Logger // resolver failures and panics; default slog.Default()
}

// Handler is the GraphQL endpoint: gqlgen's executor over the schema with
// diplograph's limits, error presenter and per-request dataloaders, and the
// direct path for the queries the planner covers. The
// HTTP server wraps it (body limits, timeouts, API keys, metrics).
type Handler struct {
	srv  *handler.Server
	res  *Resolver
	wait time.Duration
}

// queryCacheSize bounds each per-query-text cache: gqlgen's parsed and
// validated documents, the Limits verdicts and the direct path's plans.
const queryCacheSize = 1000

// NewHandler builds the endpoint.
func NewHandler(c HandlerConfig) *Handler {
	log := c.Logger
	if log == nil {
		log = slog.Default()
	}
	cfg := generated.Config{Resolvers: c.Resolver}
	SetComplexity(&cfg.Complexity)
	var es graphql.ExecutableSchema = generated.NewExecutableSchema(cfg)
	if !c.DisableDirectJSON {
		es = newDirectSchema(es, c.Resolver)
	}
	srv := handler.New(es)
	if c.DisableDirectJSON {
		srv.AddTransport(transport.GET{})
		srv.AddTransport(transport.POST{})
	} else {
		// direct answers are sent as written (direct_transport.go)
		srv.AddTransport(directTransport{transport.GET{}})
		srv.AddTransport(directTransport{transport.POST{}})
	}
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	if !c.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(RequireKey{Queries: c.RequireKeyForQueries})
	if c.MaxTokens > 0 {
		srv.SetParserTokenLimit(c.MaxTokens)
	}
	srv.Use(Limits{MaxDepth: c.MaxDepth, MaxAliases: c.MaxAliases, MaxFields: c.MaxFields, MaxTokens: c.MaxTokens,
		Verdicts: lru.New[*limitVerdict](queryCacheSize)})
	if c.MaxComplexity > 0 {
		srv.Use(extension.FixedComplexityLimit(c.MaxComplexity))
	}
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(Recover(log))
	wait := c.BatchWait
	if wait <= 0 {
		wait = time.Millisecond
	}
	return &Handler{srv: srv, res: c.Resolver, wait: wait}
}

// ServeHTTP gives the request dataloaders of its own and executes it.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := WithLoaders(r.Context(), NewLoaders(h.res.DB, h.wait))
	h.srv.ServeHTTP(w, r.WithContext(ctx))
}

// AroundResponses adds a middleware around every response (the server's
// logs and metrics).
func (h *Handler) AroundResponses(f graphql.ResponseMiddleware) { h.srv.AroundResponses(f) }
