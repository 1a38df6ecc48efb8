package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/synth"
)

// The load benchmarks: a generated corpus of 1k and 10k documents loaded
// into an empty Neo4j (after the reference data), then loaded again (which
// must write nothing). Run them one at a time on a quiet machine:
//
//	NEO4J_URI=... NEO4J_PASSWORD=... go test ./internal/store -run '^$' \
//	  -bench 'Load/docs=1000$' -benchtime 1x -timeout 60m
//
// BENCH_WORKERS (default 2) load transactions run at once, each of
// BENCH_BATCH documents (default 50; 1 is one transaction per document).
//
// Sub-benchmarks: extract (extraction alone, no Neo4j), load (pre-extracted
// input streamed from a JSON-lines file), pipeline (extraction and loading
// together) and reload (the same corpus again).

const benchSeed = 42

func corpus(gen *synth.Generator, n int) iter.Seq2[ingest.Input, error] {
	return func(yield func(ingest.Input, error) bool) {
		for i := range n {
			a := gen.Article(i)
			meta := ontology.Doc{Title: a.Title, Source: a.Source, Publisher: a.Publisher, Authors: a.Authors, PublishedAt: a.PublishedAt}
			if !yield(ingest.Input{Name: a.ID, Text: a.Text, Meta: meta}, nil) {
				return
			}
		}
	}
}

// peakHeap samples runtime.MemStats.HeapInuse until stop is called.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// wipe empties the database in batches (a single transaction would need
// the whole graph in memory).
func wipe(b *testing.B, driver neo4j.DriverWithContext, db string) {
	b.Helper()
	ctx := context.Background()
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	// Relationships first: detaching a dense node in one inner transaction
	// would exceed the transaction memory limit.
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			b.Fatalf("wipe: %v", err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) { benchLoad(b, n) })
	}
}

func benchLoad(b *testing.B, n int) {
	ctx := context.Background()
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	gen, err := synth.New(g, benchSeed)
	if err != nil {
		b.Fatal(err)
	}
	x := extract.New(g)
	// BENCH_WORKERS concurrent load transactions of BENCH_BATCH documents.
	workers, batch := 2, 50
	if v := os.Getenv("BENCH_WORKERS"); v != "" {
		if _, err := fmt.Sscan(v, &workers); err != nil {
			b.Fatalf("BENCH_WORKERS: %v", err)
		}
	}
	if v := os.Getenv("BENCH_BATCH"); v != "" {
		if _, err := fmt.Sscan(v, &batch); err != nil {
			b.Fatalf("BENCH_BATCH: %v", err)
		}
	}

	// Extraction alone, written to a JSON-lines file for the load benchmark.
	extracted := filepath.Join(b.TempDir(), "extracted.jsonl")
	b.Run("extract", func(b *testing.B) {
		var rels int
		for b.Loop() {
			rels = extractTo(b, x, gen, n, extracted)
		}
		report(b, n, rels, 0)
	})

	driver, db := neo4jtest.Driver(b)
	s := store.New(driver, db)
	fresh := func(b *testing.B) {
		b.StopTimer()
		wipe(b, driver, db)
		if _, err := s.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.LoadReference(ctx, g); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
	}
	svc := ingest.New(x, s)
	run := func(b *testing.B, inputs iter.Seq2[ingest.Input, error]) ingest.Summary {
		stop := peakHeap()
		cpu0 := cpuTime()
		sum, err := svc.Run(ctx, inputs, ingest.Options{Workers: workers, Batch: batch})
		cpu := cpuTime() - cpu0
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		// CPU time of this process (extraction, JSON, Bolt encoding); the
		// rest of the wall time is Neo4j and waiting for a core.
		b.ReportMetric(cpu.Seconds(), "client-cpu-s")
		return sum
	}

	b.Run("load", func(b *testing.B) {
		var sum ingest.Summary
		for b.Loop() {
			fresh(b)
			sum = run(b, ingest.Files(context.Background(), []string{extracted}, nil))
		}
		report(b, sum.Docs, sum.Facts, sum.RelationshipsCreated)
	})
	b.Run("pipeline", func(b *testing.B) {
		var sum ingest.Summary
		for b.Loop() {
			fresh(b)
			sum = run(b, corpus(gen, n))
		}
		report(b, sum.Docs, sum.Facts, sum.RelationshipsCreated)
		b.ReportMetric(sum.Extract.Seconds(), "extract-busy-s")
		b.ReportMetric(sum.Load.Seconds(), "load-busy-s")
	})
	b.Run("reload", func(b *testing.B) {
		b.StopTimer()
		before, err := s.Counts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var sum ingest.Summary
		for b.Loop() {
			sum = run(b, ingest.Files(context.Background(), []string{extracted}, nil))
		}
		b.StopTimer()
		after, err := s.Counts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if after != before || sum.Unchanged != sum.Docs || sum.PropertiesSet != 0 {
			b.Fatalf("reload wrote: counts %+v -> %+v, %d of %d documents unchanged, %d properties set",
				before, after, sum.Unchanged, sum.Docs, sum.PropertiesSet)
		}
		report(b, sum.Docs, sum.Facts, 0)
		wipe(b, driver, db)
	})
}

func extractTo(b *testing.B, x *extract.Extractor, gen *synth.Generator, n int, path string) int {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	rels := 0
	for in := range corpus(gen, n) {
		e, err := x.Extract(context.Background(), in.Text, in.Meta)
		if err != nil {
			b.Fatalf("%s: %v", in.Name, err)
		}
		rels += len(e.Relations)
		if err := enc.Encode(e); err != nil {
			b.Fatal(err)
		}
	}
	return rels
}

// report adds docs/s and facts/s (relations extracted, or facts loaded
// including evidence added to existing ones) and created relationships/s
// (facts, sentences' IN_DOCUMENT and MENTIONS).
func report(b *testing.B, docs, facts, created int) {
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(docs)/sec, "docs/s")
	b.ReportMetric(float64(facts)/sec, "facts/s")
	if created > 0 {
		b.ReportMetric(float64(created)/sec, "rels-created/s")
	}
}
