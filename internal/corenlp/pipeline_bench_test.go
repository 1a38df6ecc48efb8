package corenlp_test

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
)

// BenchmarkPipeline times the server on the same text with diplograph's
// pipeline and with the settings it was chosen against, to show each
// annotator's share and what a setting buys (KB/s of text; each pipeline
// is loaded and warmed before it is timed, and stays cached in the
// server, so the test server needs its 3 GB heap):
//
//	go test ./internal/corenlp -run '^$' -bench Pipeline -benchtime 5x
func BenchmarkPipeline(b *testing.B) {
	text := benchText(b)
	base := corenlptest.URL(b)
	ctx := context.Background()
	for _, p := range []struct {
		name string
		opts []corenlp.Option
	}{
		{"diplograph", nil},
		{"ner-default-models", []corenlp.Option{corenlp.WithProperty("ner.model", "")}},
		{"no-ner", []corenlp.Option{corenlp.WithProperty("annotators", "tokenize,ssplit,pos,lemma,depparse")}},
		{"no-depparse", []corenlp.Option{corenlp.WithProperty("annotators", "tokenize,ssplit,pos,lemma,ner")}},
		{"tagger-only", []corenlp.Option{corenlp.WithProperty("annotators", "tokenize,ssplit,pos,lemma")}},
	} {
		b.Run(p.name, func(b *testing.B) {
			c, err := corenlp.New(base, p.opts...)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.Annotate(ctx, text); err != nil { // load and warm the pipeline
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := c.Annotate(ctx, text); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(text))*float64(b.N)/1024/b.Elapsed().Seconds(), "KB/s")
		})
	}
}
