package app_test

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/ontology"
)

// With SplitStdin, stdin holds several texts, split at lines of "---"
// (spaces around allowed) and at form feeds; blank ones are skipped, and
// each text gets the metadata given.
func TestExtractSplitsStdin(t *testing.T) {
	stdin := "Kazakhstan and Türkiye signed a trade agreement.\n---\nJapan and Chile signed a treaty.\f" +
		"Brazil opened an embassy in Azerbaijan.\n ---  \nIndia and Nepal signed a power trade agreement.\n---\n  \n"
	var docs []ontology.Doc
	emit := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		var ex ontology.Extraction
		if err := json.Unmarshal(b, &ex); err != nil {
			return err
		}
		docs = append(docs, ex.Document)
		return nil
	}
	cfg := app.ExtractConfig{Engine: app.EngineConfig{Name: app.EngineSurface, Log: io.Discard}, Title: "T",
		MaxBytes: app.DefaultMaxBytes, SplitStdin: true, Stdin: strings.NewReader(stdin)}
	if err := app.Extract(context.Background(), cfg, []string{"-"}, emit); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Fatalf("%d documents, want 4: %+v", len(docs), docs)
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if d.Title != "T" || seen[d.ID] {
			t.Errorf("document %+v: want title T and an id of its own", d)
		}
		seen[d.ID] = true
	}
}
