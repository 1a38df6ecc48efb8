package app

import (
	"context"

	"github.com/diplograph/diplograph/internal/curation"
)

// ExportReviews writes each reviewed document's text and a gold file of
// its confirmed, added and rejected facts into dir (`review export`).
func (s *Store) ExportReviews(ctx context.Context, dir string) (curation.Stats, error) {
	return curation.Export(ctx, s.st, dir)
}
