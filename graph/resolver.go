package graph

import (
	"context"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
)

// Resolver is the root resolver and the only place dependencies are injected.
type Resolver struct {
	// DB is the read side.
	DB *query.DB
	// Ingest loads a text (ingestDocument); nil makes the mutation UNAVAILABLE.
	Ingest IngestFunc
	// Fetch reads a URL for ingestDocument; nil makes a url input
	// UNAVAILABLE.
	Fetch FetchFunc
	// Delete removes a document (deleteDocument); nil makes the
	// mutation UNAVAILABLE.
	Delete DeleteFunc
	// Curator records reviews (reviewFact, addFact, mergeEntities,
	// undoReview, reviews, Document.sentences); nil makes them UNAVAILABLE.
	Curator Curator
}

// IngestFunc extracts facts from text and loads them. Errors wrapping
// errs.ErrInvalid are the client's (empty or binary text, ...).
type IngestFunc func(ctx context.Context, text string, meta ontology.Doc) (*Ingested, error)

// FetchFunc fetches url and returns its text and what the page says of
// itself. Errors wrapping errs.ErrInvalid are the client's (an address
// refused, a page too large, not readable, ...).
type FetchFunc func(ctx context.Context, url string) (text string, meta ontology.Doc, err error)

// Ingested is what an ingestion reports.
type Ingested struct {
	Document  string // the document id
	Entities  int
	Relations int
	Sentences int
	Unchanged bool // the document was loaded before and nothing changed
	// Doc is the document as this ingestion created it, when it did (nil
	// when the document was there before: it is then read back if asked
	// for, since its stored fields are the first ingestion's).
	Doc *ontology.Doc
}

// DeleteFunc removes a document; errors wrapping errs.ErrNotFound mean it
// was absent.
type DeleteFunc func(ctx context.Context, id string) (*Deleted, error)

// Deleted is what a deletion removed.
type Deleted struct {
	Relations int
	Sentences int
	Decisions int // kept: see store.DeleteStats
}
