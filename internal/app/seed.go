package app

import (
	"context"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/store"
)

// corpusPattern names the seed corpus in seed.FS.
const corpusPattern = "corpus/*.txt"

// Corpus is the seed corpus embedded in the binary.
func Corpus() Inputs { return Inputs{corpus: true} }

// LoadReference loads the reference data (the embedded gazetteer) into
// the graph; OpenLoader then extracts with the same data.
func (s *Store) LoadReference(ctx context.Context) (store.ReferenceStats, error) {
	if s.gazetteer == nil {
		g, err := gazetteer.Default()
		if err != nil {
			return store.ReferenceStats{}, err
		}
		s.gazetteer = g
	}
	return s.st.LoadReference(ctx, s.gazetteer)
}

// LoadReference loads the reference data the application extracts with
// into the graph.
func (a *App) LoadReference(ctx context.Context) (store.ReferenceStats, error) {
	return a.Store.LoadReference(ctx, a.Gazetteer)
}
