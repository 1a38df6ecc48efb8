// Package curation turns people's decisions on the graph into evaluation
// data: for each reviewed document, a gold file in the eval format
// (confirmed and added facts required, rejected ones forbidden) beside the
// document's text, so that `diplograph eval DIR/*.gold.json` tells how an
// engine reads a team's own corpus.
package curation

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/diplograph/diplograph/internal/eval"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
)

// Source lists the reviewed documents (store.Store does).
type Source interface {
	ReviewedDocuments(ctx context.Context) ([]store.ReviewedDocument, error)
}

// Stats says what Export wrote.
type Stats struct {
	Documents int      // gold files written
	Facts     int      // required facts
	Forbidden int      // forbidden facts
	NoText    []string // reviewed documents skipped: loaded before texts were kept
}

// Export writes NAME.txt and NAME.gold.json into dir (created if needed)
// for every reviewed document with a stored text; NAME is the document id
// without its "doc:" prefix. Files of earlier exports are overwritten.
func Export(ctx context.Context, src Source, dir string) (Stats, error) {
	docs, err := src.ReviewedDocuments(ctx)
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("export: %w", err)
	}
	var st Stats
	for _, d := range docs {
		if d.Text == "" {
			st.NoText = append(st.NoText, d.Document.ID)
			continue
		}
		name := strings.TrimPrefix(d.Document.ID, "doc:")
		g := Gold(d)
		b, err := json.MarshalIndent(g, "", "  ")
		if err != nil {
			return st, fmt.Errorf("export %s: %w", d.Document.ID, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(d.Text), 0o644); err != nil {
			return st, fmt.Errorf("export: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".gold.json"), append(b, '\n'), 0o644); err != nil {
			return st, fmt.Errorf("export: %w", err)
		}
		st.Documents++
		st.Facts += len(g.Facts)
		st.Forbidden += len(g.Forbidden)
	}
	return st, nil
}

// Gold is the gold annotation people's decisions make of one document.
func Gold(d store.ReviewedDocument) eval.Gold {
	about := d.Document.Title
	if about == "" {
		about = d.Document.Source
	}
	g := eval.Gold{About: strings.TrimSpace("reviewed in diplograph: " + about), Facts: []eval.Fact{}}
	for _, r := range d.Confirmed {
		g.Facts = append(g.Facts, fact(r))
	}
	for _, r := range d.Rejected {
		g.Forbidden = append(g.Forbidden, fact(r))
	}
	return g
}

func fact(r ontology.Relation) eval.Fact {
	f := eval.Fact{Subject: r.Subject, Predicate: string(r.Predicate), Object: r.Object, Modality: string(r.Modality)}
	if len(r.Properties) > 0 {
		f.Properties = r.Properties
	}
	return f
}
