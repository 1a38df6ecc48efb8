package synth_test

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/synth"
)

func TestArticlesAreDeterministic(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := synth.New(g, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := synth.New(g, 7)
	other, _ := synth.New(g, 8)
	for i := range 50 {
		x, y := a.Article(i), b.Article(i)
		if x.Text != y.Text || x.Title != y.Title {
			t.Fatalf("article %d differs between two generators of seed 7", i)
		}
		if x.Text == other.Article(i).Text {
			t.Errorf("article %d is the same for seeds 7 and 8", i)
		}
		if n := strings.Count(x.Text, "\n"); n < 5 {
			t.Errorf("article %d has %d lines, want several paragraphs", i, n)
		}
	}
	if a.Article(3).Text == a.Article(4).Text {
		t.Error("articles 3 and 4 are identical")
	}
}
