package extract

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
)

// facts extracts text and returns its relations as "S P O modality" lines.
func facts(t *testing.T, x *Extractor, text string) []string {
	t.Helper()
	ex, err := x.Extract(context.Background(), text, ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range ex.Relations {
		out = append(out, fmt.Sprintf("%s %s %s %s", r.Subject, r.Predicate, r.Object, r.Modality))
	}
	return out
}

// mentionIDs runs recognition on one text and returns the ids found, in
// order.
func mentionIDs(x *Extractor, src string) []string {
	d := newDocument(x, src, ontology.Doc{})
	d.segment(text.Header{})
	_ = d.recognize(context.Background())
	var ids []string
	for _, s := range d.sents {
		for _, m := range s.ments {
			ids = append(ids, m.ids...)
		}
	}
	return ids
}

func wantFacts(t *testing.T, got []string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	for _, w := range notWant {
		if slices.Contains(got, w) {
			t.Errorf("unexpected %q in %q", w, got)
		}
	}
}
