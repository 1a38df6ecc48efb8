package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/store"
)

// StoreDeps fills the write side of deps from the ingest service and the
// store: the mutations, conflicts, and the schema check of /readyz.
func StoreDeps(deps Deps, svc *ingest.Service, st *store.Store) Deps {
	deps.CheckSchema = st.CheckSchema
	deps.Ingest = IngestFunc(svc)
	deps.Delete = DeleteFunc(st)
	deps.Conflicts = st.Conflicts
	return deps
}

// IngestFunc adapts the ingest service to the ingestDocument mutation;
// input errors (empty, binary or too large text, an invalid extraction)
// become BAD_USER_INPUT.
func IngestFunc(svc *ingest.Service) graph.IngestFunc {
	return func(ctx context.Context, text string, meta ontology.Doc) (*graph.Ingested, error) {
		res, err := svc.Ingest(ctx, text, meta)
		if err != nil {
			if errors.Is(err, extract.ErrEmpty) || errors.Is(err, extract.ErrBinary) || errors.Is(err, extract.ErrTooLarge) ||
				errors.Is(err, extract.ErrInvalidUTF8) ||
				errors.Is(err, store.ErrInvalid) {
				return nil, fmt.Errorf("%w: %w", query.ErrInvalid, err)
			}
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
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("%w: %w", query.ErrNotFound, err)
		}
		if err != nil {
			return nil, err
		}
		return &graph.Deleted{Relations: res.FactsDeleted, Sentences: res.Sentences}, nil
	}
}
