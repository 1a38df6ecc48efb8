package extract

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

func defaultExtractor(t testing.TB) *Extractor {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(g)
}

func TestBadInput(t *testing.T) {
	x := New(mustGazetteer(t), WithMaxBytes(1000))
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"only space", " \n\t\n ", ErrEmpty},
		{"nul", "Kazakhstan\x00signed", ErrBinary},
		{"control chars", strings.Repeat("\x01\x02ab", 20), ErrBinary},
		{"invalid utf8", "Kazakhstan \xff\xfe signed", ErrInvalidUTF8},
		{"too large", strings.Repeat("a ", 600), ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.Extract(context.Background(), tc.in, ontology.Doc{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestNoEntitiesIsEmptyResult(t *testing.T) {
	ex, err := defaultExtractor(t).Extract(context.Background(), "The weather was fine. Nothing happened.", ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Entities) != 0 || len(ex.Relations) != 0 {
		t.Fatalf("got %+v", ex)
	}
	if !strings.HasPrefix(ex.Document.ID, "doc:") || len(ex.Document.ID) != 20 {
		t.Fatalf("document id %q", ex.Document.ID)
	}
}

func mustGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func normalised(raw string) string { return textNormalize(raw) }
