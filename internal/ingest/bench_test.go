package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/synth"
)

// BenchmarkIngestFolder ingests a folder of 1,000 synthetic articles with
// the surface rules (the parser engine's extra cost is CoreNLP's: see
// BenchmarkExtractFolder in internal/app) into an empty database, with the
// command's defaults (two load workers, one document per transaction),
// then the same folder again, as a resumed run does. It reports the first
// run's documents/s, the second run's time as a percentage of the first,
// and the peak of the Go heap during both and of the process's resident
// memory:
//
//	go test ./internal/ingest -run '^$' -bench IngestFolder -benchtime 1x
func BenchmarkIngestFolder(b *testing.B) {
	svc, s, g := setup(b)
	ctx := context.Background()
	dir := b.TempDir()
	gen, err := synth.New(g, 7)
	if err != nil {
		b.Fatal(err)
	}
	const docs = 1000
	for i := range docs {
		a := gen.Article(i)
		text := fmt.Sprintf("Title: %s\n\n%s", a.Title, a.Text)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	peak := heapPeak(b)
	opts := ingest.Options{Workers: 2, Batch: 1}
	var first, second time.Duration
	for range b.N {
		b.StopTimer()
		if err := neo4jtest.Wipe(ctx, s.Driver(), s.Database()); err != nil {
			b.Fatal(err)
		}
		if _, err := s.LoadReference(ctx, g); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		sum, err := svc.Run(ctx, ingest.Files(ctx, []string{dir}, nil), opts)
		if err != nil || sum.Docs != docs {
			b.Fatalf("first run: %+v, %v", sum, err)
		}
		first += time.Since(t0)
		t0 = time.Now()
		sum, err = svc.Run(ctx, ingest.Files(ctx, []string{dir}, nil), opts)
		if err != nil || sum.Unchanged != docs {
			b.Fatalf("second run: %d of %d unchanged, %v", sum.Unchanged, sum.Docs, err)
		}
		second += time.Since(t0)
	}
	b.StopTimer()
	b.ReportMetric(float64(docs*b.N)/first.Seconds(), "docs/s")
	b.ReportMetric(100*second.Seconds()/first.Seconds(), "second-run-%")
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
	if kb := peakRSSKB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
	}
}

// peakRSSKB is the process's peak resident memory (VmHWM, Linux), 0 when
// unknown.
func peakRSSKB() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

// heapPeak samples the Go heap every 10 ms until the benchmark ends; the
// function it returns gives the highest sample so far.
func heapPeak(b *testing.B) func() uint64 {
	var mu sync.Mutex
	var top uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			top = max(top, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	b.Cleanup(func() { close(done); wg.Wait() })
	return func() uint64 { mu.Lock(); defer mu.Unlock(); return top }
}
