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

// replayParser answers with a copy of the one annotation a real CoreNLP
// server gave (recorded by the first call), so that a benchmark times the
// rules over a parse and not the server.
type replayParser struct {
	real Parser
	doc  *corenlp.Document
}

func (r *replayParser) Annotate(ctx context.Context, text string) (*corenlp.Document, error) {
	if r.doc == nil {
		doc, err := r.real.Annotate(ctx, text)
		if err != nil {
			return nil, err
		}
		r.doc = doc
	}
	out := &corenlp.Document{Sentences: make([]corenlp.Sentence, len(r.doc.Sentences))}
	for i, s := range r.doc.Sentences {
		s.Tokens = append([]corenlp.Token(nil), s.Tokens...) // the engine moves offsets
		out.Sentences[i] = s
	}
	return out, nil
}

// BenchmarkParserRules times the parser-backed engine's own work on the
// 20 KB text of BenchmarkParserEngine, the CoreNLP answer recorded once
// from the shared test server and replayed: what the rules cost above the
// server's time.
//
//	go test ./internal/extract -run '^$' -bench 'ParserRules$' -count 5
func BenchmarkParserRules(b *testing.B) {
	c, err := corenlp.New(corenlptest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	x := New(testGazetteer(b), WithParser(&replayParser{real: c}, "corenlp-replay"))
	text := opEd20KB(b)
	ctx := context.Background()
	if _, err := x.Extract(ctx, text, ontology.Doc{}); err != nil { // record
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := x.Extract(ctx, text, ontology.Doc{}); err != nil {
			b.Fatal(err)
		}
	}
}
