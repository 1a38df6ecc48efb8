package corenlp_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
)

// benchText is the composed op-eds of the extractor's final set (about
// 12 KB), so that a document is several pieces.
func benchText(b *testing.B) string {
	b.Helper()
	files, err := filepath.Glob(filepath.Join("..", "extract", "testdata", "final", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no benchmark texts: %v", err)
	}
	var sb strings.Builder
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(t)
		sb.WriteString("\n")
	}
	return sb.String()
}

// BenchmarkPool compares one Client with a Pool over the same server (the
// pool's own cost) and, with CORENLP_BENCH_URLS set to a server list (e.g.
// two servers of one thread each), a Pool over that list:
//
//	go test ./internal/corenlp -run '^$' -bench Pool -benchtime 5x
//	CORENLP_BENCH_URLS=http://127.0.0.1:9001,http://127.0.0.1:9002 \
//	  go test ./internal/corenlp -run '^$' -bench 'Pool/list' -benchtime 5x
//
// Each iteration annotates the whole text (reported as KB/s of text);
// pieces are cut at 2 KB so that several are in flight.
func BenchmarkPool(b *testing.B) {
	text := benchText(b)
	base := corenlptest.URL(b)
	const pieceBytes = 2 << 10
	ctx := context.Background()
	run := func(b *testing.B, p interface {
		Annotate(context.Context, string) (*corenlp.Document, error)
	}) {
		for b.Loop() {
			if _, err := p.Annotate(ctx, text); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(text))*float64(b.N)/1e3/b.Elapsed().Seconds(), "KB/s")
	}
	b.Run("client", func(b *testing.B) {
		c, err := corenlp.New(base, corenlp.WithMaxRequestBytes(pieceBytes))
		if err != nil {
			b.Fatal(err)
		}
		run(b, c)
	})
	pool := func(b *testing.B, list string, threads int) {
		p, err := corenlp.NewPoolFromList(ctx, list, corenlp.WithServerThreads(threads),
			corenlp.WithServerOptions(corenlp.WithMaxRequestBytes(pieceBytes)))
		if err != nil {
			b.Fatal(err)
		}
		defer p.Close()
		if err := p.Wait(ctx); err != nil {
			b.Fatal(err)
		}
		run(b, p)
		for _, s := range p.Servers() {
			b.Logf("%s: %d pieces, %d failed", s.URL, s.Requests, s.Failures)
		}
	}
	b.Run("pool-one-server", func(b *testing.B) { pool(b, base, corenlp.DefaultConcurrency) })
	// the same server listed twice, one piece in flight on each: the
	// same load on the server as above, spread by the pool
	b.Run("pool-listed-twice", func(b *testing.B) { pool(b, base+","+base, 1) })
	if list := os.Getenv("CORENLP_BENCH_URLS"); list != "" {
		b.Run("list", func(b *testing.B) { pool(b, list, 1) })
	}
}
