package extract

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/corenlptest"
	"github.com/diplograph/diplograph/internal/ontology"
)

// opEd20KB is about 20 KB of articles of the genre: the unseen texts,
// concatenated, bodies only.
func opEd20KB(b *testing.B) string {
	files, _ := filepath.Glob("testdata/unseen/*.txt")
	var sb strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		body := string(raw)
		if i := strings.Index(body, "\n\n"); i >= 0 {
			body = body[i+2:]
		}
		sb.WriteString(body)
		sb.WriteString("\n")
		if sb.Len() >= 20<<10 {
			break
		}
	}
	return sb.String()
}

// BenchmarkParserEngine times the parser-backed engine on a 20 KB op-ed
// with the shared test CoreNLP warm, and reports KB/s and the server's
// resident memory after the run (VmRSS of the test instance's process, when
// it is a local one). Compare with BenchmarkSurfaceEngine in the same run:
//
//	go test ./internal/extract -run '^$' -bench 'Engine$' -benchtime 5x
func BenchmarkParserEngine(b *testing.B) {
	x := parserExtractorB(b)
	text := opEd20KB(b)
	ctx := context.Background()
	if _, err := x.Extract(ctx, text, ontology.Doc{}); err != nil { // warm
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		if _, err := x.Extract(ctx, text, ontology.Doc{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if sec := b.Elapsed().Seconds() / float64(b.N); sec > 0 {
		b.ReportMetric(float64(len(text))/1024/sec, "KB/s")
	}
	if rss := serverRSS(); rss > 0 {
		b.ReportMetric(rss, "server-MB")
	}
}

// BenchmarkSurfaceEngine is the surface rules on the same text.
func BenchmarkSurfaceEngine(b *testing.B) {
	x := New(testGazetteer(b))
	text := opEd20KB(b)
	b.SetBytes(int64(len(text)))
	runtime.GC() // the gazetteer's loading garbage is setup, not extraction
	b.ResetTimer()
	for range b.N {
		if _, err := x.Extract(context.Background(), text, ontology.Doc{}); err != nil {
			b.Fatal(err)
		}
	}
}

func parserExtractorB(b *testing.B) *Extractor {
	b.Helper()
	c, err := corenlp.New(corenlptest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	return New(testGazetteer(b), WithParser(c, "corenlp-bench"))
}

// serverRSS is the resident memory in MB of the test CoreNLP instance, or 0.
func serverRSS() float64 {
	st, err := corenlpserver.Lookup(context.Background(), corenlptest.Options())
	if err != nil || !st.Running || st.PID == 0 {
		return 0
	}
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(st.PID) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
