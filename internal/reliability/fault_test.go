package reliability_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/reliability"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
)

// openDriver opens a driver the way diplograph does (same pool, timeouts
// and retry budget as neo4jserver.Conn.Driver) but without checking that
// Neo4j answers, so it can be made while Neo4j is down.
func openDriver(t testing.TB, c neo4jserver.Conn) neo4j.DriverWithContext {
	t.Helper()
	d, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.User, c.Password, ""), func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 50
		cfg.ConnectionAcquisitionTimeout = 30 * time.Second
		cfg.SocketConnectTimeout = 5 * time.Second
		cfg.MaxTransactionRetryTime = 15 * time.Second
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close(context.Background()) })
	return d
}

// outcome is one request of a load run.
type outcome struct {
	start, end time.Time
	status     int
	codes      []string
}

func (o outcome) ok() bool { return o.status == http.StatusOK && len(o.codes) == 0 }

// loadRun sends query to h from workers goroutines, one request every
// pace per worker, until stop is closed.
func loadRun(h http.Handler, query string, workers int, pace time.Duration, stop <-chan struct{}) []outcome {
	var mu sync.Mutex
	var out []outcome
	var wg sync.WaitGroup
	body, _ := json.Marshal(map[string]any{"query": query})
	for range workers {
		wg.Go(func() {
			tick := time.NewTicker(pace)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				o := outcome{start: time.Now()}
				h.ServeHTTP(rec, req)
				o.end, o.status = time.Now(), rec.Code
				var r response
				if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
					o.codes = []string{"NOT_JSON"}
				} else {
					o.codes = r.codes()
				}
				mu.Lock()
				out = append(out, o)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return out
}

func get(h http.Handler, path string) (int, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

// TestNeo4jOutage crashes a private Neo4j (SIGKILL) under a running
// server, which is never restarted itself, and starts it again. One outage
// (Neo4j takes a minute to start on a busy 2-core machine) serves three
// checks at once:
//   - a steady query load: requests during the outage fail with UNAVAILABLE
//     within the request timeout, and errors stop within seconds of Neo4j's
//     return;
//   - an ingest blocked inside its transaction when Neo4j dies: nothing of
//     its document is left, and the same ingest, retried, completes;
//   - a second server started while Neo4j is down: it starts, /readyz
//     answers 503 with the reason, and it serves once Neo4j is back.
func TestNeo4jOutage(t *testing.T) {
	inst := neo4jtest.Restartable(t)
	conn := inst.Conn()
	ctx := context.Background()
	d := openDriver(t, conn)
	st := store.New(d, conn.Database)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	svc := ingest.New(extract.New(gazetteerT(t)), st)
	if _, err := svc.Ingest(ctx, "Kazakhstan and Türkiye signed a free trade agreement in 2017.", ontologyDoc("setup")); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	timeout := server.DefaultConfig().RequestTimeout
	logs := &logBuffer{}
	srv, err := app.NewServer(server.Config{APIKeys: []string{apiKey}, Logger: slog.New(slog.NewJSONHandler(logs, nil))},
		app.Backend{Driver: d, Database: conn.Database, Store: st, Ingest: svc})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	const countryQuery = `{ country(id:"KZ") { name relations { type } } }`
	if r := doQuery(t, h, countryQuery); len(r.Errors) > 0 {
		t.Fatalf("before the outage: %s", r.Raw)
	}

	// The interrupted ingest: hold the uniqueness lock of a node it
	// creates in a transaction left open, so that its own transaction
	// blocks after writing the Document node.
	text := "Uzbekistan and Saudi Arabia signed an investment agreement in 2023."
	x, err := extract.New(gazetteerT(t)).Extract(ctx, text, ontologyDoc("interrupted"))
	if err != nil {
		t.Fatal(err)
	}
	before, err := reliability.Snapshot(ctx, d, conn.Database)
	if err != nil {
		t.Fatal(err)
	}
	hold := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: conn.Database})
	defer hold.Close(ctx)
	tx, err := hold.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Run(ctx, `CREATE (:Country:Entity {id: 'UZ', name: 'holder'})`, nil); err != nil {
		t.Fatal(err)
	}
	ingested := make(chan *response, 1)
	go func() { ingested <- mutate(t, h, text) }()

	stopLoad := make(chan struct{})
	results := make(chan []outcome, 1)
	go func() { results <- loadRun(h, countryQuery, 2, 100*time.Millisecond, stopLoad) }()
	select {
	case r := <-ingested:
		t.Fatalf("the ingest finished while it should be blocked: %s", r.Raw)
	case <-time.After(2 * time.Second):
	}

	down := time.Now()
	if err := syscall.Kill(inst.PID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := inst.Stop(sctx); err != nil { // collects the killed process
		t.Fatalf("stop Neo4j: %v", err)
	}

	// A server started now, with Neo4j down.
	late := openDriver(t, conn)
	lsrv, err := app.NewServer(server.Config{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))},
		app.Backend{Driver: late, Database: conn.Database, Store: store.New(late, conn.Database)})
	if err != nil {
		t.Fatalf("the server does not start without Neo4j: %v", err)
	}
	lh := lsrv.Handler()
	if code, body := get(lh, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "neo4j: unreachable") {
		t.Errorf("/readyz = %d %s with Neo4j down, want 503 with the reason", code, body)
	}
	if code, _ := get(lh, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d with Neo4j down, want 200 (the process is alive)", code)
	}
	begin := time.Now()
	r := doQuery(t, lh, countryQuery)
	if took := time.Since(begin); took > timeout+time.Second {
		t.Errorf("a query took %s with Neo4j down, more than the request timeout %s", took, timeout)
	}
	if !slices.Equal(r.codes(), []string{"UNAVAILABLE"}) {
		t.Errorf("codes %v with Neo4j down, want [UNAVAILABLE]: %s", r.codes(), r.Raw)
	}
	r = <-ingested
	if !slices.Equal(r.codes(), []string{"UNAVAILABLE"}) {
		t.Errorf("an ingest cut by the crash answered %v, want [UNAVAILABLE]: %s", r.codes(), r.Raw)
	}

	sctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := inst.Start(sctx); err != nil {
		t.Fatalf("restart Neo4j: %v", err)
	}
	back := time.Now()
	t.Logf("Neo4j was down for %s", back.Sub(down).Round(time.Second))

	// The late server becomes ready and serves, without a restart.
	for deadline := time.Now().Add(30 * time.Second); ; {
		code, body := get(lh, "/readyz")
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz still %d %s 30s after Neo4j came back", code, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		r := doQuery(t, lh, countryQuery)
		if len(r.Errors) == 0 {
			t.Logf("the server started during the outage served %s after Neo4j's return", time.Since(back).Round(100*time.Millisecond))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server started during the outage still fails 30s after Neo4j came back: %s", r.Raw)
		}
	}

	// The steady load recovers.
	time.Sleep(max(0, time.Until(back.Add(12*time.Second))))
	close(stopLoad)
	out := <-results
	const recovery = 5 * time.Second
	var during, after, failedAfter int
	bad := map[string]int{}
	for _, o := range out {
		for _, c := range o.codes {
			if c != "UNAVAILABLE" {
				bad[c]++
			}
		}
		if took := o.end.Sub(o.start); took > timeout+time.Second {
			t.Errorf("a request took %s, more than the request timeout %s", took.Round(time.Millisecond), timeout)
		}
		switch {
		case o.end.Before(down):
			if !o.ok() {
				t.Errorf("a request failed before the outage: %v", o.codes)
			}
		case o.start.After(back.Add(recovery)):
			after++
			if !o.ok() {
				failedAfter++
			}
		default:
			during++
		}
	}
	t.Logf("%d requests: %d during the outage and the %s after it, %d later (%d failed)", len(out), during, recovery, after, failedAfter)
	if len(bad) > 0 {
		t.Errorf("errors other than UNAVAILABLE during the outage: %v", bad)
	}
	if after == 0 || failedAfter > 0 {
		t.Errorf("%d of %d requests failed more than %s after Neo4j came back", failedAfter, after, recovery)
	}

	// Nothing of the interrupted document; the retried ingest completes.
	snap, err := reliability.Snapshot(ctx, d, conn.Database)
	if err != nil {
		t.Fatal(err)
	}
	if snap != before {
		t.Fatalf("the interrupted ingest left something behind:\nbefore %v\nafter  %v", before, snap)
	}
	for attempt := 1; ; attempt++ {
		r := mutate(t, h, text)
		if len(r.Errors) == 0 {
			break
		}
		if attempt == 3 || !slices.Equal(r.codes(), []string{"UNAVAILABLE"}) {
			t.Fatalf("retried ingest, attempt %d: %s", attempt, r.Raw)
		}
	}
	snap, err = reliability.Snapshot(ctx, d, conn.Database)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Documents != before.Documents+1 {
		t.Errorf("after the retry: %v, want one more document than %v", snap, before)
	}
	res, err := svc.Ingest(ctx, text, ontologyDoc("interrupted"))
	if err != nil || !res.Stats.Unchanged() || res.Document.ID != x.Document.ID {
		t.Errorf("ingesting again: %+v, %v; want the same document, unchanged", res.Stats, err)
	}
	if t.Failed() {
		t.Logf("server logs:\n%s", tail(logs.String(), 6000))
	}
	if strings.Contains(logs.String(), apiKey) {
		t.Errorf("the logs contain the API key")
	}
}

func doQuery(t testing.TB, h http.Handler, q string) *response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(gql(t, q, nil)))
	req.Header.Set("Content-Type", "application/json")
	return (&env{t: t, h: h}).do(req)
}

func mutate(t testing.TB, h http.Handler, text string) *response {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(gql(t, ingestMutation, map[string]any{"t": text})))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+apiKey)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	r := &response{Status: rec.Code, Raw: rec.Body.Bytes()}
	if err := json.Unmarshal(rec.Body.Bytes(), r); err != nil {
		r.Errors = []gqlError{{Message: "not JSON", Extensions: map[string]any{"code": "NOT_JSON"}}}
	}
	return r
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}
