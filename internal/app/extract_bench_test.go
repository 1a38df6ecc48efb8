package app_test

import (
	"context"
	"io"
	"strconv"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/corenlptest"
)

// BenchmarkExtractFolder times `extract` over a folder of articles of the
// genre (the 31 composed texts of the extractor's test sets, 76 KB) with the parser-backed engine and the shared test CoreNLP warm, one
// document at a time and several at once, and reports KB/s and
// documents/s. Compare the sub-benchmarks of one run:
//
//	go test ./internal/app -run '^$' -bench ExtractFolder -benchtime 3x
func BenchmarkExtractFolder(b *testing.B) {
	dir, _, size := textFolder(b, "unseen", "final", "final2", "heldout")
	url := corenlptest.URL(b)
	ctx := context.Background()
	for _, workers := range []int{1, 2, 4} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			cfg := app.ExtractConfig{Engine: app.EngineConfig{Name: app.EngineCoreNLP, CoreNLPURL: url, Log: io.Discard},
				MaxBytes: app.DefaultMaxBytes, Workers: workers}
			docs := 0
			count := func(any) error { docs++; return nil }
			if err := app.Extract(ctx, cfg, []string{dir}, count); err != nil { // warm
				b.Fatal(err)
			}
			docs = 0
			b.ResetTimer()
			for range b.N {
				if err := app.Extract(ctx, cfg, []string{dir}, count); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(size*int64(b.N))/1024/sec, "KB/s")
			b.ReportMetric(float64(docs)/sec, "docs/s")
		})
	}
}
