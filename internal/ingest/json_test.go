package ingest_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
)

// Loading the extractor's JSON output of a corpus already loaded from its
// texts writes nothing: both paths give the same graph.
func TestExtractorJSONLoadsTheSameGraph(t *testing.T) {
	svc, s, g := setup(t)
	ctx := context.Background()
	x := extract.New(g)
	path := filepath.Join(t.TempDir(), "x.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for in := range synthCorpus(g, 20) {
		e, err := x.Extract(ctx, in.Text, in.Meta)
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Run(ctx, synthCorpus(g, 20), ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	before := counts(t, s)
	sum, err := svc.Run(ctx, ingest.Files(ctx, []string{path}, nil), ingest.Options{Workers: 2, OnResult: func(r ingest.Result) {
		if !r.Stats.Unchanged() {
			t.Errorf("%s wrote %+v", r.Name, r.Stats)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 20 {
		t.Errorf("read %d extractions from the JSON file, want 20", sum.Docs)
	}
	if after := counts(t, s); after != before {
		t.Errorf("counts changed: %+v -> %+v", before, after)
	}
}
