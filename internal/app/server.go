package app

import (
	"context"
	"errors"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
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
	// Checks are asked by /readyz; nil asks Neo4j (reachable, and its
	// schema when Store is given).
	Checks []server.Check
}

// NewServer is the one function that builds a server: the GraphQL handler
// over b, with the limits of cfg, inside the HTTP server of cfg.
func NewServer(cfg server.Config, b Backend) (*server.Server, error) {
	if b.Driver == nil {
		return nil, errors.New("app: no Neo4j driver")
	}
	cfg = cfg.WithDefaults()
	res := &graph.Resolver{DB: query.New(b.Driver, b.Database)}
	if b.Store != nil {
		res.Delete = DeleteFunc(b.Store)
	}
	if b.Ingest != nil {
		res.Ingest = IngestFunc(b.Ingest)
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
		Logger:               cfg.Logger,
	})
	return server.New(cfg, server.Deps{GraphQL: h, Checks: checks})
}

// IngestFunc adapts the ingest service to the ingestDocument mutation;
// its input errors wrap errs.ErrInvalid (BAD_USER_INPUT).
func IngestFunc(svc *ingest.Service) graph.IngestFunc {
	return func(ctx context.Context, text string, meta ontology.Doc) (*graph.Ingested, error) {
		res, err := svc.Ingest(ctx, text, meta)
		if err != nil {
			return nil, err
		}
		return &graph.Ingested{
			Document:  res.Document.ID,
			Entities:  res.Stats.Entities,
			Relations: res.Relations,
			Sentences: res.Stats.Sentences,
			Unchanged: res.Stats.Unchanged(),
		}, nil
	}
}

// DeleteFunc adapts the store's document deletion to deleteDocument.
func DeleteFunc(st *store.Store) graph.DeleteFunc {
	return func(ctx context.Context, id string) (*graph.Deleted, error) {
		res, err := st.DeleteDocument(ctx, id)
		if err != nil {
			return nil, err
		}
		return &graph.Deleted{Relations: res.FactsDeleted, Sentences: res.Sentences}, nil
	}
}
