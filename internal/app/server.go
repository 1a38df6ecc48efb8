package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/reviewpage"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/source"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/supervise"
)

// Backend is what a server serves: the read side over Driver and
// Database, and the optional write side.
type Backend struct {
	Driver   neo4j.DriverWithContext // required
	Database string                  // "" for the default database
	// Store backs deleteDocument; nil makes it UNAVAILABLE.
	Store *store.Store
	// Ingest backs ingestDocument; nil makes it UNAVAILABLE.
	Ingest *ingest.Service
	// Fetcher reads the url of ingestDocument; nil fetches with the
	// default limits and refuses private, loopback and link-local
	// addresses.
	Fetcher *source.Fetcher
	// Checks are asked by /readyz; nil asks Neo4j (reachable, and its
	// schema when Store is given).
	Checks []server.Check
	// Neo4jGate and EngineGate, when set, say at once (no I/O) whether
	// Neo4j and the extraction engine's CoreNLP are known to be down:
	// reads and writes that need them then answer UNAVAILABLE without
	// waiting for the driver (see App's Config.Watch). Neo4jDown, when
	// set, gives a channel closed when Neo4j goes down, so that reads and
	// writes in flight give up.
	Neo4jGate  func() error
	Neo4jDown  func() <-chan struct{}
	EngineGate func() error
}

// NewServer is the one function that builds a server: the GraphQL handler
// over b, with the limits of cfg, inside the HTTP server of cfg, and the
// review page (package reviewpage) at /review beside cfg's own handlers.
func NewServer(cfg server.Config, b Backend) (*server.Server, error) {
	if b.Driver == nil {
		return nil, errors.New("app: no Neo4j driver")
	}
	cfg = cfg.WithDefaults()
	cfg.Handlers = withReviewPage(cfg.Handlers)
	var qopts []query.Option
	if b.Neo4jGate != nil {
		qopts = append(qopts, query.WithGate(b.Neo4jGate, b.Neo4jDown))
	}
	res := &graph.Resolver{DB: query.New(b.Driver, b.Database, qopts...)}
	if b.Store != nil {
		res.Delete = gatedDelete(DeleteFunc(b.Store), b)
		res.Curator = b.Store
	}
	if b.Ingest != nil {
		res.Ingest = gatedIngest(IngestFunc(b.Ingest), b)
		f := b.Fetcher
		if f == nil {
			f = source.NewFetcher(source.FetchOptions{})
		}
		res.Fetch = FetchFunc(f)
	}
	checks := b.Checks
	if checks == nil {
		d := neo4jDependency(b.Driver, b.Store)
		checks = []server.Check{{Name: d.Name, Ready: d.Ready}}
	}
	h := graph.NewHandler(graph.HandlerConfig{
		Resolver:             res,
		BatchWait:            cfg.BatchWait,
		MaxComplexity:        cfg.MaxComplexity,
		MaxDepth:             cfg.MaxDepth,
		MaxAliases:           cfg.MaxAliases,
		MaxFields:            cfg.MaxFields,
		MaxTokens:            cfg.MaxTokens,
		DisableIntrospection: cfg.DisableIntrospection,
		RequireKeyForQueries: cfg.RequireKeyForQueries,
		DisableDirectJSON:    cfg.DisableDirectJSON,
		Logger:               cfg.Logger,
	})
	return server.New(cfg, server.Deps{GraphQL: h, Checks: checks})
}

// withReviewPage returns the handlers with the review page's routes added
// (a copy: the caller's map is left as it was; a route the caller mounts
// itself wins). The page is a client of /graphql like any other, so the
// server mounts it as one more handler.
func withReviewPage(handlers map[string]http.Handler) map[string]http.Handler {
	out := reviewpage.Routes()
	maps.Copy(out, handlers)
	return out
}

// FetchFunc adapts f to the resolver: a URL that cannot be read (refused
// address, too large, wrong type, timeout, error status) is the client's
// error, BAD_USER_INPUT, and nothing is written; the request's own
// cancellation stays what it is.
func FetchFunc(f *source.Fetcher) graph.FetchFunc {
	return func(ctx context.Context, url string) (string, ontology.Doc, error) {
		d, err := f.Fetch(ctx, url)
		if err != nil {
			if ctx.Err() != nil {
				return "", ontology.Doc{}, ctx.Err()
			}
			return "", ontology.Doc{}, fmt.Errorf("%w: %w", errs.ErrInvalid, err)
		}
		return d.Text, d.Meta, nil
	}
}

// firstDown is the first gate's error (nil gates are skipped): nil when
// every dependency may serve.
func firstDown(gates ...func() error) error {
	for _, g := range gates {
		if g == nil {
			continue
		}
		if err := g(); err != nil {
			return err
		}
	}
	return nil
}

// gatedIngest refuses an ingestion at once, before anything is extracted
// or written, while Neo4j or CoreNLP is known to be down, and cuts one in
// flight when Neo4j goes down.
func gatedIngest(f graph.IngestFunc, b Backend) graph.IngestFunc {
	return func(ctx context.Context, text string, meta ontology.Doc) (*graph.Ingested, error) {
		if err := firstDown(b.Neo4jGate, b.EngineGate); err != nil {
			return nil, err
		}
		ctx, cancel := supervise.UntilDown(ctx, b.Neo4jDown)
		defer cancel(nil)
		res, err := f(ctx, text, meta)
		return res, supervise.CutError(ctx, err, b.Neo4jGate)
	}
}

// gatedDelete refuses a deletion at once while Neo4j is known to be down,
// and cuts one in flight when it goes down.
func gatedDelete(f graph.DeleteFunc, b Backend) graph.DeleteFunc {
	return func(ctx context.Context, id string) (*graph.Deleted, error) {
		if err := firstDown(b.Neo4jGate); err != nil {
			return nil, err
		}
		ctx, cancel := supervise.UntilDown(ctx, b.Neo4jDown)
		defer cancel(nil)
		res, err := f(ctx, id)
		return res, supervise.CutError(ctx, err, b.Neo4jGate)
	}
}

// IngestFunc adapts the ingest service to the ingestDocument mutation;
// its input errors wrap errs.ErrInvalid (BAD_USER_INPUT).
func IngestFunc(svc *ingest.Service) graph.IngestFunc {
	return func(ctx context.Context, text string, meta ontology.Doc) (*graph.Ingested, error) {
		res, err := svc.Ingest(ctx, text, meta)
		if err != nil {
			return nil, err
		}
		out := &graph.Ingested{
			Document:  res.Document.ID,
			Entities:  res.Stats.Entities,
			Relations: res.Relations,
			Sentences: res.Stats.Sentences,
			Unchanged: res.Stats.Unchanged(),
		}
		if res.Stats.New {
			// The Document node was created from exactly these fields.
			doc := res.Document
			out.Doc = &doc
		}
		return out, nil
	}
}

// DeleteFunc adapts the store's document deletion to deleteDocument.
func DeleteFunc(st *store.Store) graph.DeleteFunc {
	return func(ctx context.Context, id string) (*graph.Deleted, error) {
		res, err := st.DeleteDocument(ctx, id)
		if err != nil {
			return nil, err
		}
		return &graph.Deleted{Relations: res.FactsDeleted, Sentences: res.Sentences, Decisions: res.Decisions}, nil
	}
}
