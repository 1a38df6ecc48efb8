package ingest_test

import (
	"context"
	"errors"
	"iter"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/supervise"
	"github.com/diplograph/diplograph/internal/synth"
	"github.com/diplograph/diplograph/seed"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

func setup(t testing.TB) (*ingest.Service, *store.Store, *gazetteer.Gazetteer) {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	s := store.New(driver, db)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadReference(ctx, g); err != nil {
		t.Fatal(err)
	}
	return ingest.New(extract.New(g), s), s, g
}

func counts(t testing.TB, s *store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSeedCorpusTwice(t *testing.T) {
	svc, s, _ := setup(t)
	ctx := context.Background()
	first, err := svc.Run(ctx, ingest.FS(seed.FS, "corpus/*.txt"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Docs == 0 || first.Facts == 0 {
		t.Fatalf("seed corpus loaded nothing: %+v", first)
	}
	before := counts(t, s)
	second, err := svc.Run(ctx, ingest.FS(seed.FS, "corpus/*.txt"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if second.Unchanged != second.Docs || second.PropertiesSet != 0 {
		t.Errorf("second seed wrote: %+v", second)
	}
	if after := counts(t, s); after != before {
		t.Errorf("counts changed: %+v -> %+v", before, after)
	}

	// The op-ed calls Iran an SCO observer; the reference says member.
	cs, err := query.New(s.Driver(), s.Database()).Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cs {
		if c.Kind == query.ReferenceRole && c.Subject.ID == "IR" && c.Object.ID == "SCO" {
			found = c.Claim.Role == "observer" && c.Reference.Role == "member" && len(c.Claim.Sentences) > 0 &&
				strings.Contains(c.Claim.Sentences[0].Text, "observer")
		}
	}
	if !found {
		t.Errorf("no conflict for the seed op-ed's Iran-as-SCO-observer claim in %+v", cs)
	}
}

func synthCorpus(g *gazetteer.Gazetteer, n int) iter.Seq2[ingest.Input, error] {
	gen, _ := synth.New(g, 3)
	return func(yield func(ingest.Input, error) bool) {
		for i := range n {
			a := gen.Article(i)
			if !yield(ingest.Input{Name: a.ID, Text: a.Text, Meta: ontology.Doc{Title: a.Title, PublishedAt: a.PublishedAt}}, nil) {
				return
			}
		}
	}
}

func TestSyntheticCorpusTwice(t *testing.T) {
	svc, s, g := setup(t)
	ctx := context.Background()
	if _, err := svc.Run(ctx, synthCorpus(g, 60), ingest.Options{Workers: 3}); err != nil {
		t.Fatal(err)
	}
	before := counts(t, s)
	var wrote []string
	// Again in batches: nothing to write either.
	sum, err := svc.Run(ctx, synthCorpus(g, 60), ingest.Options{Workers: 2, Batch: 7, Reload: true, OnResult: func(r ingest.Result) {
		if !r.Stats.Unchanged() {
			wrote = append(wrote, r.Name)
			t.Logf("%s wrote %+v", r.Name, r.Stats)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != sum.Docs {
		t.Errorf("second run: %d of %d documents unchanged (%v)", sum.Unchanged, sum.Docs, wrote)
	}
	if after := counts(t, s); after != before {
		t.Errorf("counts changed: %+v -> %+v", before, after)
	}
}

func TestIngestBadInput(t *testing.T) {
	svc, s, _ := setup(t)
	before := counts(t, s)
	_, err := svc.Ingest(context.Background(), "", ontology.Doc{})
	if !errors.Is(err, extract.ErrEmpty) {
		t.Errorf("Ingest(empty) = %v, want extract.ErrEmpty", err)
	}
	if after := counts(t, s); after != before {
		t.Errorf("a failed ingest wrote: %+v -> %+v", before, after)
	}
}

func TestBatchesLoadTheSameGraph(t *testing.T) {
	svc, s, g := setup(t)
	ctx := context.Background()
	if _, err := svc.Run(ctx, synthCorpus(g, 40), ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	want := counts(t, s)
	svc, s, g = setup(t)
	sum, err := svc.Run(ctx, synthCorpus(g, 40), ingest.Options{Workers: 2, Batch: 9})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 40 || sum.Failed != 0 {
		t.Errorf("batched run: %+v", sum)
	}
	if got := counts(t, s); got != want {
		t.Errorf("batched: %+v, one document per transaction: %+v", got, want)
	}
}

// TestIngestWithParserRecordsTheEngine: a document read by the
// parser-backed engine over a real CoreNLP keeps the engine's name on its
// Document node.
func TestIngestWithParserRecordsTheEngine(t *testing.T) {
	_, s, g := setup(t)
	c, err := corenlp.New(corenlptest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	svc := ingest.New(extract.New(g, extract.WithParser(c, "corenlp-test")), s)
	r, err := svc.Ingest(context.Background(), "Mongolia joined the Shanghai Cooperation Organisation in 2016.", ontology.Doc{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Query(context.Background(), "MATCH (d:Document {id: $id}) RETURN d.engine AS e", map[string]any{"id": r.Document.ID})
	if err != nil || len(rows) != 1 {
		t.Fatalf("the document: %v %v", rows, err)
	}
	engine, _ := rows[0]["e"].(string)
	if engine != "corenlp-test" {
		t.Errorf("Document.engine = %q, want corenlp-test", engine)
	}
}

// TestIngestWhileCoreNLPIsDown: when the parser cannot be reached the
// document fails as unavailable and nothing is written.
func TestIngestWhileCoreNLPIsDown(t *testing.T) {
	_, s, g := setup(t)
	c, err := corenlp.New("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	svc := ingest.New(extract.New(g, extract.WithParser(c, "corenlp-test")), s)
	before := counts(t, s)
	_, err = svc.Ingest(context.Background(), "Mongolia joined the Shanghai Cooperation Organisation in 2016.", ontology.Doc{})
	if !errors.Is(err, errs.ErrUnavailable) || !errors.Is(err, extract.ErrParser) {
		t.Errorf("Ingest with CoreNLP down = %v, want an ErrUnavailable wrapping extract.ErrParser", err)
	}
	if after := counts(t, s); after != before {
		t.Errorf("a failed ingest wrote: %+v -> %+v", before, after)
	}
}

// flakyParser fails its first n calls as if CoreNLP were down, then
// answers an empty annotation.
type flakyParser struct {
	n     int
	calls atomic.Int32
}

func (p *flakyParser) Annotate(ctx context.Context, text string) (*corenlp.Document, error) {
	if int(p.calls.Add(1)) <= p.n {
		return nil, errors.New("connection refused")
	}
	return &corenlp.Document{}, nil
}

// TestRunRetriesUnavailable: with Options.Retry, a document whose
// extraction fails as unavailable is tried again with backoff and loads
// once the parser answers; one that never does fails after the attempts,
// saying how many, and writes nothing.
func TestRunRetriesUnavailable(t *testing.T) {
	_, s, g := setup(t)
	unavailable := func(err error) bool { return errors.Is(err, errs.ErrUnavailable) }
	backoff := supervise.Backoff{Initial: time.Millisecond, Max: 5 * time.Millisecond}
	for _, tc := range []struct {
		name     string
		failures int
		ok       bool
		attempts int
	}{
		{"recovers", 2, true, 3},
		{"gives up", 100, false, 4},
	} {
		p := &flakyParser{n: tc.failures}
		svc := ingest.New(extract.New(g, extract.WithParser(p, "corenlp-test")), s)
		before := counts(t, s)
		text := "Mongolia joined the Shanghai Cooperation Organisation in 2016 (" + tc.name + ")."
		var got []ingest.Result
		_, err := svc.Run(context.Background(), func(yield func(ingest.Input, error) bool) {
			yield(ingest.Input{Name: tc.name, Text: text}, nil)
		}, ingest.Options{Workers: 1, Retry: unavailable, RetryAttempts: 3, RetryBackoff: backoff,
			OnResult: func(r ingest.Result) { got = append(got, r) }})
		if len(got) != 1 {
			t.Fatalf("%s: %d results", tc.name, len(got))
		}
		r := got[0]
		if (r.Err == nil) != tc.ok || (err == nil) != tc.ok || r.Attempts != tc.attempts {
			t.Errorf("%s: err %v, run err %v, attempts %d; want ok=%v after %d attempts", tc.name, r.Err, err, r.Attempts, tc.ok, tc.attempts)
		}
		if after := counts(t, s); !tc.ok && after != before {
			t.Errorf("%s: a failed document wrote: %+v -> %+v", tc.name, before, after)
		}
	}
}

// A run started again skips the texts this engine loaded (their id is the
// hash of the text): nothing is extracted for them; with Reload they are
// read again.
func TestRunResumesWithoutExtractingAgain(t *testing.T) {
	svc, _, g := setup(t)
	ctx := context.Background()
	if _, err := svc.Run(ctx, synthCorpus(g, 12), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		reload    bool
		extracted int
	}{{false, 0}, {true, 12}} {
		extracted := 0
		sum, err := svc.Run(ctx, synthCorpus(g, 12), ingest.Options{Reload: tt.reload, KeepExtractions: true, OnResult: func(r ingest.Result) {
			if r.Extraction != nil {
				extracted++
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if extracted != tt.extracted || sum.Unchanged != 12 || sum.PropertiesSet != 0 {
			t.Errorf("reload=%v: %d extracted, %d of %d unchanged, %d properties set; want %d extracted, all unchanged",
				tt.reload, extracted, sum.Unchanged, sum.Docs, sum.PropertiesSet, tt.extracted)
		}
	}
}
