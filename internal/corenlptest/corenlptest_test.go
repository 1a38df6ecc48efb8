package corenlptest_test

import (
	"context"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/corenlptest"
)

func TestURLServesThePipeline(t *testing.T) {
	base := corenlptest.URL(t)
	if again := corenlptest.URL(t); again != base {
		t.Fatalf("second URL %q, first %q: want one shared server", again, base)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	begin := time.Now()
	c, err := corenlp.New(base)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.Annotate(ctx, "The ministers signed the treaty in Vienna.")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("annotated in %s (the pipeline was warmed up)", time.Since(begin))
	if len(doc.Sentences) != 1 || len(doc.Sentences[0].Tokens) != 8 || len(doc.Sentences[0].Deps) == 0 {
		t.Fatalf("want one sentence of 8 tokens with dependencies, got %+v", doc.Sentences)
	}
	if tok := doc.Sentences[0].Tokens[6]; tok.Word != "Vienna" || tok.NER != "LOCATION" && tok.NER != "CITY" {
		t.Errorf("token 7 %+v, want Vienna as a place", tok)
	}
}

func TestOptions(t *testing.T) {
	t.Setenv("CORENLP_HEAP", "")
	o := corenlptest.Options()
	if o.Name != "test" || !o.Detached || o.Preload != corenlp.Annotators || o.Warmup == nil || o.Heap != corenlpserver.DefaultHeap {
		t.Fatalf("options %+v", o)
	}
	t.Setenv("CORENLP_HEAP", "5g")
	if o := corenlptest.Options(); o.Heap != "5g" {
		t.Fatalf("CORENLP_HEAP ignored: %q", o.Heap)
	}
}
