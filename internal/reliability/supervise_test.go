package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/reliability"
	"github.com/diplograph/diplograph/internal/server"
)

// TestSupervisedNeo4jRecovers is `up` against a kill -9: the application
// is assembled as up assembles it (Watch, with the Neo4j it started handed
// over), a private Neo4j is SIGKILLed under a steady mix of reads and
// ingests, and nothing is touched by hand afterwards. It checks that
//   - while CoreNLP is down, reads work, /readyz stays 200 ("degraded")
//     and an ingestion answers UNAVAILABLE at once and writes nothing;
//   - after the kill, /readyz says 503 within about a second and requests
//     fail with UNAVAILABLE (and Retry-After) in milliseconds, not the
//     request timeout;
//   - the supervisor restarts Neo4j: /readyz 200 and queries answer again
//     without help, and /metrics counts one restart;
//   - every acknowledged ingestion is in the graph, and no refused one left
//     anything (the document count is the setup's plus the acknowledged).
//
// It logs the figures: p99 and max of the failing requests, time from the
// kill to /readyz 503, and to serving again.
func TestSupervisedNeo4jRecovers(t *testing.T) {
	inst := neo4jtest.Restartable(t)
	conn := inst.Conn()
	ctx := context.Background()
	logs := &logBuffer{}
	g := gazetteerT(t)
	var nlpDown atomic.Bool
	engine := &app.Engine{Extractor: extract.New(g), Service: &app.Dependency{Name: "corenlp", Optional: true,
		Ready: func(context.Context) error {
			if nlpDown.Load() {
				return errors.New("connection refused")
			}
			return nil
		}}}
	a, err := app.New(ctx, app.Config{Neo4j: conn, RequireNeo4j: true, Gazetteer: g, Engine: engine,
		Server: server.Config{APIKeys: []string{apiKey}, Logger: slog.New(slog.NewJSONHandler(logs, nil))},
		Watch:  true, Neo4jProcess: inst})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(context.WithoutCancel(ctx))
	if _, err := a.Store.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if _, err := a.Store.LoadReference(ctx, g); err != nil {
		t.Fatalf("load reference: %v", err)
	}
	if _, err := a.Ingest.Ingest(ctx, "Kazakhstan and Türkiye signed a free trade agreement in 2017.", ontologyDoc("setup")); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	h := a.Server.Handler()
	defer func() {
		if t.Failed() {
			t.Logf("server logs:\n%s", tail(logs.String(), 8000))
		}
	}()
	waitReady := func(limit time.Duration, want int) time.Duration {
		t.Helper()
		begin := time.Now()
		for {
			code, body := get(h, "/readyz")
			if code == want {
				return time.Since(begin)
			}
			if time.Since(begin) > limit {
				t.Fatalf("/readyz still %d %s after %s, want %d", code, body, limit, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitReady(10*time.Second, http.StatusOK)
	const countryQuery = `{ country(id:"KZ") { name relations { type } } }`
	if r := doQuery(t, h, countryQuery); len(r.Errors) > 0 {
		t.Fatalf("before the outage: %s", r.Raw)
	}
	before, err := reliability.Snapshot(ctx, a.Driver, a.Database)
	if err != nil {
		t.Fatal(err)
	}

	// CoreNLP down: reads work, ingestion is refused at once.
	nlpDown.Store(true)
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		code, body := get(h, "/readyz")
		if code == http.StatusOK && strings.Contains(body, `"degraded"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz = %d %s with CoreNLP down, want 200 degraded", code, body)
		}
	}
	if r := doQuery(t, h, countryQuery); len(r.Errors) > 0 {
		t.Errorf("a read with CoreNLP down: %s", r.Raw)
	}
	begin := time.Now()
	r := mutate(t, h, "Uzbekistan and Saudi Arabia signed an investment agreement in 2023.")
	if took := time.Since(begin); took > 200*time.Millisecond || !slices.Equal(r.codes(), []string{"UNAVAILABLE"}) ||
		!strings.Contains(string(r.Raw), "CoreNLP") {
		t.Errorf("ingest with CoreNLP down: %s in %s, want UNAVAILABLE naming CoreNLP at once", r.Raw, took)
	}
	if snap, err := reliability.Snapshot(ctx, a.Driver, a.Database); err != nil || snap != before {
		t.Errorf("the graph changed with CoreNLP down: %v -> %v (%v)", before, snap, err)
	}
	nlpDown.Store(false)
	waitReady(3*time.Second, http.StatusOK)

	// The steady load: two readers, one writer of distinct documents.
	stop := make(chan struct{})
	var mu sync.Mutex
	var reads []outcome
	var acked, refused, codes []string
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
				o := outcome{start: time.Now()}
				r := doQuery(t, h, countryQuery)
				o.end, o.status, o.codes = time.Now(), r.Status, r.codes()
				mu.Lock()
				reads = append(reads, o)
				mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			text := fmt.Sprintf("Kazakhstan and Uzbekistan signed memorandum number %d on water in 2024.", i)
			r := mutate(t, h, text)
			mu.Lock()
			if len(r.Errors) == 0 {
				acked = append(acked, text)
			} else {
				refused = append(refused, text)
				codes = append(codes, strings.Join(r.codes(), ","))
			}
			mu.Unlock()
		}
	})
	time.Sleep(time.Second)

	killed := time.Now()
	if err := syscall.Kill(inst.PID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	toDown := waitReady(5*time.Second, http.StatusServiceUnavailable)
	// One request during the outage, by itself, for its header and time.
	req := doQueryRec(h, countryQuery)
	if req.took > 500*time.Millisecond || req.header.Get("Retry-After") == "" || !strings.Contains(req.body, "UNAVAILABLE") {
		t.Errorf("a query during the outage: %s in %s, Retry-After %q", req.body, req.took, req.header.Get("Retry-After"))
	}
	waitReady(3*time.Minute, http.StatusOK)
	toReady := time.Since(killed)
	var toServe time.Duration
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if r := doQuery(t, h, countryQuery); len(r.Errors) == 0 {
			toServe = time.Since(killed)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz says 200 but queries still fail 30s later")
		}
	}
	time.Sleep(time.Second) // the load runs on a little after the recovery
	close(stop)
	wg.Wait()

	var failing []time.Duration
	var afterDown []time.Duration
	var firstOK *outcome
	var okAfter []time.Duration // reads begun after /readyz said 200 again
	for _, o := range reads {
		if o.ok() && o.start.After(killed.Add(toReady)) {
			okAfter = append(okAfter, o.end.Sub(o.start))
		}
		if o.ok() {
			if o.start.After(killed) && (firstOK == nil || o.end.Before(firstOK.end)) {
				firstOK = &o
			}
			continue
		}
		if !slices.Equal(o.codes, []string{"UNAVAILABLE"}) {
			t.Errorf("a read failed with %v (status %d), want UNAVAILABLE", o.codes, o.status)
		}
		d := o.end.Sub(o.start)
		failing = append(failing, d)
		if o.start.After(killed.Add(toDown)) {
			afterDown = append(afterDown, d)
		}
	}
	for _, c := range codes {
		if c != "UNAVAILABLE" {
			t.Errorf("an ingest failed with %s, want UNAVAILABLE", c)
		}
	}
	slices.Sort(failing)
	slices.Sort(afterDown)
	slices.Sort(okAfter)
	pct := func(ds []time.Duration, p float64) time.Duration {
		if len(ds) == 0 {
			return 0
		}
		return ds[min(len(ds)-1, int(float64(len(ds))*p))]
	}
	t.Logf("kill -9 of Neo4j: /readyz 503 after %s, 200 after %s, queries answer after %s",
		toDown.Round(time.Millisecond), toReady.Round(100*time.Millisecond), toServe.Round(100*time.Millisecond))
	t.Logf("failing reads: %d, p50 %s, p99 %s, max %s; those begun after /readyz said 503: %d, p99 %s, max %s",
		len(failing), pct(failing, .5), pct(failing, .99), pct(failing, 1),
		len(afterDown), pct(afterDown, .99), pct(afterDown, 1))
	t.Logf("ingests: %d acknowledged, %d refused", len(acked), len(refused))
	t.Logf("reads begun after /readyz said 200 again: %d, p50 %s, max %s", len(okAfter), pct(okAfter, .5), pct(okAfter, 1))
	if firstOK != nil {
		t.Logf("the first read to succeed after the kill began %s after it and took %s",
			firstOK.start.Sub(killed).Round(100*time.Millisecond), firstOK.end.Sub(firstOK.start).Round(time.Millisecond))
	}
	if len(failing) == 0 {
		t.Error("no read failed: the outage was not seen")
	}
	if p := pct(afterDown, .99); p > 250*time.Millisecond {
		t.Errorf("p99 of reads failing after the outage was known: %s, want milliseconds", p)
	}
	if toServe > 90*time.Second {
		t.Errorf("serving again took %s after the kill", toServe)
	}
	var st []string
	for _, s := range a.Status() {
		st = append(st, fmt.Sprintf("%s=%s/%d", s.Name, s.State, s.Restarts))
	}
	if !slices.Contains(st, "neo4j=up/1") {
		t.Errorf("statuses %v, want neo4j up after 1 restart", st)
	}
	if _, m := get(h, "/metrics"); !strings.Contains(m, `diplograph_service_restarts_total{service="neo4j"} 1`) {
		t.Errorf("/metrics does not count the restart")
	}

	// Every acknowledged ingest is there and whole. A refused one is
	// absent, or whole when its commit reached Neo4j just before the kill
	// but its answer did not reach the client (an ambiguous outcome, which
	// a retry resolves: ingestion is idempotent); never partial.
	after, err := reliability.Snapshot(ctx, a.Driver, a.Database)
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(g)
	present := func(text string) bool {
		doc, err := x.Extract(ctx, text, ontologyDoc(""))
		if err != nil {
			t.Fatal(err)
		}
		res, err := neo4j.ExecuteQuery(ctx, a.Driver, `MATCH (d:Document {id: $id}) RETURN count(d) AS n`,
			map[string]any{"id": doc.Document.ID}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(a.Database))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.Records[0].Get("n")
		return n.(int64) > 0
	}
	whole := func(text string) bool {
		res, err := a.Ingest.Ingest(ctx, text, ontologyDoc(""))
		return err == nil && res.Stats.Unchanged()
	}
	ambiguous := 0
	for _, text := range acked {
		if !present(text) || !whole(text) {
			t.Errorf("an acknowledged document is missing or not whole: %q", text)
		}
	}
	for _, text := range refused {
		if present(text) {
			ambiguous++
			if !whole(text) {
				t.Errorf("a refused document was left partial: %q", text)
			}
		}
	}
	t.Logf("documents: %d before, %d after; %d acknowledged, %d refused but committed before the kill",
		before.Documents, after.Documents, len(acked), ambiguous)
	if after.Documents != before.Documents+int64(len(acked)+ambiguous) {
		t.Errorf("documents %d after, want %d before + %d acknowledged + %d ambiguous", after.Documents, before.Documents, len(acked), ambiguous)
	}
}

type recorded struct {
	body   string
	header http.Header
	took   time.Duration
}

func doQueryRec(h http.Handler, q string) recorded {
	begin := time.Now()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":`+strconv.Quote(q)+`}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return recorded{body: rec.Body.String(), header: rec.Header(), took: time.Since(begin)}
}
