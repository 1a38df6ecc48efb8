package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
)

func post(h http.Handler, query string, key string) (*httptest.ResponseRecorder, time.Duration) {
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	rec := httptest.NewRecorder()
	begin := time.Now()
	h.ServeHTTP(rec, req)
	return rec, time.Since(begin)
}

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// With Watch, a Neo4j that does not answer is known to be down within a
// poll: queries and ingestions answer UNAVAILABLE at once with
// Retry-After, /readyz says 503 from the watched state with every
// service's state in its body, and /metrics shows the states. An optional
// dependency (CoreNLP) that is down is reported without making /readyz 503
// by itself.
func TestWatchFailsFastWhileNeo4jIsDown(t *testing.T) {
	ctx := context.Background()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	var nlpDown atomic.Bool
	nlpDown.Store(true)
	engine := &app.Engine{Extractor: extract.New(g), Service: &app.Dependency{Name: "corenlp", Optional: true,
		Ready: func(context.Context) error {
			if nlpDown.Load() {
				return errors.New("connection refused")
			}
			return nil
		}}}
	a, err := app.New(ctx, app.Config{
		Neo4j:     neo4jserver.Conn{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x", Database: "neo4j"},
		Gazetteer: g,
		Engine:    engine,
		Server:    server.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), APIKeys: []string{"k"}},
		Watch:     true,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	h := a.Server.Handler()
	deadline := time.Now().Add(5 * time.Second)
	for {
		st := a.Status()
		if len(st) == 2 && st[0].State == "down" && st[1].State == "down" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("states not down within 5s: %+v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}

	for _, tc := range []struct{ name, query, key, message string }{
		{"read", `{ country(id:"KZ") { name } }`, "", "graph database"},
		{"ingest", `mutation { ingestDocument(input:{text:"Kazakhstan and Türkiye signed a free trade agreement in 2017."}) { document { id } } }`, "k", "graph database"},
	} {
		rec, took := post(h, tc.query, tc.key)
		if took > 200*time.Millisecond {
			t.Errorf("%s took %s with Neo4j known down", tc.name, took)
		}
		if !strings.Contains(rec.Body.String(), `"UNAVAILABLE"`) || !strings.Contains(rec.Body.String(), tc.message) {
			t.Errorf("%s: %d %s, want UNAVAILABLE", tc.name, rec.Code, rec.Body)
		}
		if ra := rec.Header().Get("Retry-After"); ra == "" {
			t.Errorf("%s: no Retry-After", tc.name)
		}
	}

	rec := get(h, "/readyz")
	var body struct {
		Status   string
		Reason   string
		Services map[string]struct{ State, Reason string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusServiceUnavailable || body.Reason != "neo4j: unreachable" ||
		body.Services["neo4j"].State != "down" || body.Services["corenlp"].State != "down" {
		t.Errorf("/readyz = %d %s", rec.Code, rec.Body)
	}
	m := get(h, "/metrics").Body.String()
	for _, want := range []string{`diplograph_service_state{service="neo4j",state="down"} 1`,
		`diplograph_service_up{service="corenlp"} 0`, `diplograph_service_restarts_total{service="neo4j"} 0`} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	nlpDown.Store(false)
	time.Sleep(time.Second)
	if st := a.Status(); st[1].State != "up" {
		t.Errorf("corenlp recovery not noticed within a second: %+v", st[1])
	}
}
