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

func TestLimits(t *testing.T) {
	g := mustGazetteer(t)
	text := strings.Repeat("Kazakhstan joined the SCO. Iran imports gas from Turkmenistan. Qatar invests in Egypt's energy sector. ", 50)
	ex, err := New(g, WithMaxRelations(2)).Extract(context.Background(), text, ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Relations) != 2 {
		t.Fatalf("%d relations, want the cap of 2", len(ex.Relations))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(g).Extract(ctx, text, ontology.Doc{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestDocumentMetadata(t *testing.T) {
	x := defaultExtractor(t)
	text := "Source: www.pinterest.com \u2013 Kazakhstan and Middle Eastern countries\nKazakhstan joined the SCO."
	ex, err := x.Extract(context.Background(), text, ontology.Doc{Publisher: "P"})
	if err != nil {
		t.Fatal(err)
	}
	d := ex.Document
	if d.Source != "www.pinterest.com" || d.Title != "Kazakhstan and Middle Eastern countries" || d.Publisher != "P" {
		t.Fatalf("document %+v", d)
	}
	if d.ID != DocumentID(textNormalize(text)) {
		t.Fatalf("id %s", d.ID)
	}
	ex2, _ := x.Extract(context.Background(), text, ontology.Doc{Title: "Mine"})
	if ex2.Document.Title != "Mine" || ex2.Document.ID != d.ID {
		t.Fatalf("meta title must win and not change the id: %+v", ex2.Document)
	}
}

func TestConcurrentUse(t *testing.T) {
	x := defaultExtractor(t)
	text := seedText(t)
	want, err := x.Extract(context.Background(), text, ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 4)
	for range 4 {
		go func() {
			ex, err := x.Extract(context.Background(), text, ontology.Doc{})
			if err != nil || len(ex.Relations) != len(want.Relations) {
				done <- -1
				return
			}
			done <- len(ex.Relations)
		}()
	}
	for range 4 {
		if n := <-done; n < 0 {
			t.Fatal("concurrent extraction differs")
		}
	}
}
