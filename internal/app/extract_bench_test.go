package app_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
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
	dir := b.TempDir()
	var size int64
	for _, set := range []string{"unseen", "final", "final2", "heldout"} {
		files, _ := filepath.Glob(filepath.Join("..", "extract", "testdata", set, "*.txt"))
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, set+"-"+filepath.Base(f)), raw, 0o600); err != nil {
				b.Fatal(err)
			}
			size += int64(len(raw))
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) < 30 {
		b.Fatalf("%d texts to read, want the composed test sets", len(entries))
	}
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
