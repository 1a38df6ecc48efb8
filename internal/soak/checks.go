package soak

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/diplograph/diplograph/internal/reliability"
)

// faults kills the service every FaultEvery until ctx is done, and
// measures how long the server takes to be ready again after each kill.
func (r *runner) faults(ctx context.Context, sum *Summary, mu *sync.Mutex) {
	t := time.NewTicker(r.o.FaultEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		killed := time.Now()
		if err := r.o.Kill(); err != nil {
			r.o.Logger.Warn("soak: fault", "err", err)
			continue
		}
		rec, err := r.waitReady(ctx, killed, true)
		mu.Lock()
		sum.Faults++
		if err == nil {
			sum.Recovery = max(sum.Recovery, rec)
		} else {
			sum.recoveryFailed = true
		}
		mu.Unlock()
		if r.o.Progress != nil {
			fmt.Fprintf(r.o.Progress, "soak: fault %d: ready again after %s (%v)\n", sum.Faults, rec.Round(100*time.Millisecond), err)
		}
	}
}

// waitReady waits (up to 3 minutes) for /readyz to say 200 (after a 503
// first, with down, unless none is seen within 5 s of the kill at killed),
// and returns the time from killed.
func (r *runner) waitReady(ctx context.Context, killed time.Time, down bool) (time.Duration, error) {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Minute)
	defer cancel()
	seenDown := false
	for {
		code := 0
		if req, err := http.NewRequestWithContext(wctx, http.MethodGet, r.base+"/readyz", nil); err == nil {
			if resp, err := r.client.Do(req); err == nil {
				code = resp.StatusCode
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		switch {
		case code != http.StatusOK:
			seenDown = true
		case !down || seenDown || time.Since(killed) > 5*time.Second:
			return time.Since(killed), nil
		}
		select {
		case <-wctx.Done():
			return time.Since(killed), fmt.Errorf("not ready 3 minutes after the kill")
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// sample reads the server's heap (after a GC) and goroutines: directly
// when it runs in this process, else from its /metrics.
func (r *runner) sample(ctx context.Context) (Sample, error) {
	r.client.CloseIdleConnections()
	if r.inProc {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return Sample{HeapAlloc: m.HeapAlloc, Goroutines: runtime.NumGoroutine()}, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.base+"/metrics", nil)
	if err != nil {
		return Sample{}, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return Sample{}, fmt.Errorf("soak: /metrics: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return Sample{}, err
	}
	var s Sample
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		switch f[0] {
		case "go_memstats_heap_alloc_bytes":
			s.HeapAlloc = uint64(v)
		case "go_goroutines":
			s.Goroutines = int(v)
		}
	}
	return s, nil
}

func (r *runner) snapshot(ctx context.Context) (reliability.State, error) {
	if r.o.Driver == nil {
		return reliability.State{}, nil
	}
	return reliability.Snapshot(ctx, r.o.Driver, r.o.Database)
}

// heapCheck allows the live heap after a GC to grow by a quarter plus
// 8 MiB (caches filling: the query cache, the driver's pool).
func heapCheck(before, after Sample) Check {
	limit := before.HeapAlloc + before.HeapAlloc/4 + 8<<20
	return Check{"heap", after.HeapAlloc <= limit,
		fmt.Sprintf("%.1f MiB -> %.1f MiB (allowed up to %.1f MiB)", mib(before.HeapAlloc), mib(after.HeapAlloc), mib(limit))}
}

// countsChecks compares the graph with what was ingested. An ingest that
// failed (timed out) may still have committed, so those texts are sent
// again first (ingests are idempotent): then the graph must hold exactly
// one Document, with its sentences, per distinct text, and a further round
// of the same texts must change nothing.
func (r *runner) countsChecks(ctx context.Context, sum *Summary) {
	fail := func(name string, err error) { sum.Checks = append(sum.Checks, Check{name, false, err.Error()}) }
	texts := make([]int, 0, len(r.attempted))
	for n := range r.attempted {
		texts = append(texts, n)
	}
	slices.Sort(texts)
	docs := map[string]int{}
	settled := 0
	for _, n := range texts {
		if res, ok := r.done[n]; ok {
			docs[res.id] = res.sentences
			continue
		}
		res, err := r.ingest(ctx, n)
		if err != nil {
			res, err = r.ingest(ctx, n) // one retry: the server may be catching up
		}
		if err != nil {
			fail("documents", fmt.Errorf("sending text %d again: %w", n, err))
			return
		}
		if !res.unchanged {
			settled++
		}
		docs[res.id] = res.sentences
	}
	var err error
	if sum.Graph.After, err = r.snapshot(ctx); err != nil {
		fail("documents", err)
		return
	}
	sentences := 0
	for _, n := range docs {
		sentences += n
	}
	sum.Ingested = len(docs)
	b, a := sum.Graph.Before, sum.Graph.After
	sum.Checks = append(sum.Checks,
		Check{"documents", a.Documents-b.Documents == int64(len(docs)),
			fmt.Sprintf("%d -> %d for %d distinct texts (%d failed ones completed only when sent again)", b.Documents, a.Documents, len(docs), settled)},
		Check{"sentences", a.Sentences-b.Sentences == int64(sentences),
			fmt.Sprintf("%d -> %d, ingests reported %d", b.Sentences, a.Sentences, sentences)})
	for _, n := range texts[:min(len(texts), 20)] {
		if _, err := r.ingest(ctx, n); err != nil {
			fail("re-ingest", err)
			return
		}
	}
	if sum.Graph.Reingested, err = r.snapshot(ctx); err != nil {
		fail("re-ingest", err)
		return
	}
	same := sum.Graph.Reingested == a
	sum.Checks = append(sum.Checks, Check{"re-ingest", same,
		fmt.Sprintf("%d texts sent once more: graph %s", min(len(texts), 20), map[bool]string{true: "unchanged", false: "CHANGED"}[same])})
}
