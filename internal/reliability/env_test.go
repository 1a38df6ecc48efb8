package reliability_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/reliability"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// apiKey is the key the test servers accept.
const apiKey = "reliability-key-7f3a9c2e5b1d4086"

// logBuffer is an io.Writer safe for the server's concurrent logging.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// env is a server over the shared Neo4j holding the reference data and
// the seed article.
type env struct {
	t      testing.TB
	driver neo4j.DriverWithContext
	db     string
	store  *store.Store
	ingest *ingest.Service
	srv    *server.Server
	h      http.Handler
	logs   *logBuffer
}

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

func gazetteerT(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gazOnce.Do(func() { gaz, gazErr = gazetteer.Default() })
	if gazErr != nil {
		t.Fatalf("gazetteer: %v", gazErr)
	}
	return gaz
}

func seedArticle(t testing.TB) string {
	t.Helper()
	b, err := seed.FS.ReadFile("corpus/kazakhstan-middle-east.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newEnv wipes the shared Neo4j, migrates, loads the reference data and
// (when withSeed) the seed article, and builds a server with cfg (its API
// key and logger are set here).
func newEnv(t testing.TB, cfg server.Config, withSeed bool) *env {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	g := gazetteerT(t)
	if _, err := st.LoadReference(ctx, g); err != nil {
		t.Fatalf("load reference: %v", err)
	}
	svc := ingest.New(extract.New(g), st)
	if withSeed {
		if _, err := svc.Ingest(ctx, seedArticle(t), ontologyDoc("seed")); err != nil {
			t.Fatalf("ingest the seed article: %v", err)
		}
	}
	logs := &logBuffer{}
	if cfg.APIKeys == nil {
		cfg.APIKeys = []string{apiKey}
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	deps := app.Backend{Driver: driver, Database: db, Store: st, Ingest: svc}
	srv, err := app.NewServer(cfg, deps)
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	return &env{t: t, driver: driver, db: db, store: st, ingest: svc, srv: srv, h: srv.Handler(), logs: logs}
}

// snapshot is the graph's current state.
func (e *env) snapshot() reliability.State {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := reliability.Snapshot(ctx, e.driver, e.db)
	if err != nil {
		e.t.Fatalf("snapshot: %v", err)
	}
	return s
}

// settled is a snapshot taken once the graph stops changing: a write whose
// client gave up may still be committing on the server, and Neo4j's read
// committed isolation lets a reader see that commit land between two of
// its reads.
func (e *env) settled() reliability.State {
	e.t.Helper()
	prev := e.snapshot()
	for range 50 {
		time.Sleep(200 * time.Millisecond)
		cur := e.snapshot()
		if cur == prev {
			return cur
		}
		prev = cur
	}
	e.t.Fatalf("the graph kept changing for 10s: %v", prev)
	return prev
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// response is a decoded GraphQL response and its HTTP status.
type response struct {
	Status     int
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
	Raw        []byte          `json:"-"`
}

func (r *response) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

func (r *response) hasCode(code string) bool {
	for _, c := range r.codes() {
		if c == code {
			return true
		}
	}
	return false
}

// roundTrips is the response's extensions.neo4jRoundTrips, -1 when absent.
func (r *response) roundTrips() int {
	if n, ok := r.Extensions["neo4jRoundTrips"].(float64); ok {
		return int(n)
	}
	return -1
}

// gql builds a GraphQL request body.
func gql(t testing.TB, query string, vars map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// do sends req through the handler and decodes the response (which must
// be JSON).
func (e *env) do(req *http.Request) *response {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	r := &response{Status: rec.Code, Raw: rec.Body.Bytes()}
	if err := json.Unmarshal(rec.Body.Bytes(), r); err != nil {
		e.t.Fatalf("response is not JSON (HTTP %d): %.500s", rec.Code, rec.Body.String())
	}
	return r
}

// post sends a raw body to POST /graphql, with the API key when withKey.
func (e *env) post(body io.Reader, withKey bool) *response {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", body)
	req.Header.Set("Content-Type", "application/json")
	if withKey {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	return e.do(req)
}

// query posts a query without a key.
func (e *env) query(q string, vars map[string]any) *response {
	e.t.Helper()
	return e.post(bytes.NewReader(gql(e.t, q, vars)), false)
}

var roundTripsLine = regexp.MustCompile(`(?m)^diplograph_neo4j_round_trips_total (\S+)$`)

// totalRoundTrips reads the server's Neo4j round-trip counter from /metrics.
func (e *env) totalRoundTrips() int {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	m := roundTripsLine.FindSubmatch(rec.Body.Bytes())
	if m == nil {
		e.t.Fatalf("/metrics has no diplograph_neo4j_round_trips_total")
	}
	f, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		e.t.Fatal(err)
	}
	return int(f)
}
