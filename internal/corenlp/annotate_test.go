package corenlp_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
)

// TestAnnotate runs against a real CoreNLP server: offsets are byte offsets
// into the text (non-ASCII included), pieces keep their order, and the
// enhanced++ graph carries case-marked relations.
func TestAnnotate(t *testing.T) {
	c, err := corenlp.New(corenlptest.URL(t), corenlp.WithMaxRequestBytes(64))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := c.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	text := "Türkiye signed an agreement with Azerbaijan.\nThe pipeline runs between Baku and Ceyhan.\nQatar joined the bloc.\n"
	doc, err := c.Annotate(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 3 {
		t.Fatalf("want 3 sentences, got %d", len(doc.Sentences))
	}
	for i, s := range doc.Sentences {
		if s.Index != i {
			t.Errorf("sentence %d has index %d", i, s.Index)
		}
		for _, tk := range s.Tokens {
			if text[tk.Begin:tk.End] != tk.Word && tk.Word != "-LRB-" {
				t.Errorf("token %q at [%d,%d) reads %q", tk.Word, tk.Begin, tk.End, text[tk.Begin:tk.End])
			}
		}
	}
	found := false
	for _, d := range doc.Sentences[0].Deps {
		if strings.HasSuffix(d.Rel, ":with") && doc.Sentences[0].Tokens[d.Dep].Word == "Azerbaijan" {
			found = true
		}
	}
	if !found {
		t.Errorf("no case-marked :with edge to Azerbaijan in %+v", doc.Sentences[0].Deps)
	}
	if doc.Sentences[2].Tokens[0].Lemma != "Qatar" || doc.Sentences[2].Tokens[1].Lemma != "join" {
		t.Errorf("lemmas: %+v", doc.Sentences[2].Tokens[:2])
	}
}

// A hyphen between spaces (diplograph's normal form of a dash) reaches the
// parser as a dash: the clause it sets off hangs from the sentence, whose
// verb keeps its subject, and offsets are still those of the text sent.
func TestAnnotateSpacedDash(t *testing.T) {
	c, err := corenlp.New(corenlptest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	text := "The two nations - both members of the bloc - paused cooperation with Brazil. Café - a co-operative - closed.\n"
	doc, err := c.Annotate(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Sentences[0]
	subj := ""
	for _, d := range s.Deps {
		if d.Rel == "nsubj" && s.Tokens[d.Gov].Word == "paused" {
			subj = s.Tokens[d.Dep].Word
		}
	}
	if subj != "nations" {
		t.Errorf("subject of paused: %q, want nations (deps %+v)", subj, s.Deps)
	}
	for _, s := range doc.Sentences {
		for _, tk := range s.Tokens {
			want := tk.Word
			if want == "--" {
				want = "-"
			}
			if text[tk.Begin:tk.End] != want {
				t.Errorf("token %q at [%d,%d) reads %q", tk.Word, tk.Begin, tk.End, text[tk.Begin:tk.End])
			}
		}
	}
}
