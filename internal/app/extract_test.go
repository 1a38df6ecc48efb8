package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
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

// Reading several documents at once keeps the order of the inputs: the
// same documents come out in the same order as when read one at a time.
func TestExtractKeepsOrder(t *testing.T) {
	pairs := []string{"Kazakhstan and Türkiye", "Japan and Chile", "Brazil and Azerbaijan", "India and Nepal",
		"Peru and Colombia", "Kenya and Ethiopia", "Norway and Poland", "Vietnam and Laos"}
	var stdin strings.Builder
	for i := range 40 {
		fmt.Fprintf(&stdin, "%s signed a trade agreement in %d.\n---\n", pairs[i%len(pairs)], 1980+i)
	}
	ids := func(workers int) []string {
		var out []string
		emit := func(v any) error {
			out = append(out, v.(*ontology.Extraction).Document.ID)
			return nil
		}
		cfg := app.ExtractConfig{Engine: app.EngineConfig{Name: app.EngineSurface, Log: io.Discard},
			MaxBytes: app.DefaultMaxBytes, SplitStdin: true, Stdin: strings.NewReader(stdin.String()), Workers: workers}
		if err := app.Extract(context.Background(), cfg, []string{"-"}, emit); err != nil {
			t.Fatal(err)
		}
		return out
	}
	one, four := ids(1), ids(4)
	if len(one) != 40 || !slices.Equal(one, four) {
		t.Fatalf("one at a time: %d documents %v\nfour at once: %d documents %v", len(one), one, len(four), four)
	}
}
