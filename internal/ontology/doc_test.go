package ontology_test

import (
	"reflect"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"
)

func TestDocCompletedBy(t *testing.T) {
	page := ontology.Doc{Title: "Page", Source: "https://example.org/a", Publisher: "Site", Authors: []string{"A. Writer"}, PublishedAt: "2024-05-01"}
	tests := []struct {
		name       string
		given, out ontology.Doc
	}{
		{"nothing given", ontology.Doc{}, page},
		{"given wins", ontology.Doc{Title: "Mine", Authors: []string{"Me"}},
			ontology.Doc{Title: "Mine", Source: page.Source, Publisher: page.Publisher, Authors: []string{"Me"}, PublishedAt: page.PublishedAt}},
		{"ids and lengths are not descriptive", ontology.Doc{ID: "doc:1", Length: 3},
			ontology.Doc{ID: "doc:1", Length: 3, Title: page.Title, Source: page.Source, Publisher: page.Publisher, Authors: page.Authors, PublishedAt: page.PublishedAt}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.given.CompletedBy(page); !reflect.DeepEqual(got, tc.out) {
				t.Errorf("got %+v, want %+v", got, tc.out)
			}
		})
	}
}
