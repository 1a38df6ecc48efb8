package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// fixtureText is a small document whose facts are written by hand (not by
// the extractor), so API tests do not move when extraction improves.
const fixtureText = "In 2017, Kazakhstan and Türkiye signed a free trade agreement. " +
	"Kazakhstan's cooperation with Iran includes the construction of a transnational gas pipeline. " +
	"The joint higher committee between Qatar and Kazakhstan has discussed cooperation in trade, investment and civil aviation."

func fixtureExtraction() *ontology.Extraction {
	doc := "doc:00000000000000aa"
	runes := []rune(fixtureText)
	ev := func(sentence string) []ontology.Evidence {
		start := len([]rune(fixtureText[:strings.Index(fixtureText, sentence)]))
		end := start + len([]rune(sentence))
		return []ontology.Evidence{{Document: doc, Sentence: string(runes[start:end]), Start: start, End: end}}
	}
	s1 := ev("In 2017, Kazakhstan and Türkiye signed a free trade agreement.")
	s2 := ev("Kazakhstan's cooperation with Iran includes the construction of a transnational gas pipeline.")
	s3 := ev("The joint higher committee between Qatar and Kazakhstan has discussed cooperation in trade, investment and civil aviation.")
	return &ontology.Extraction{
		Document: ontology.Doc{ID: doc, Title: "Kazakhstan and the Middle East", Source: "https://example.org/kz-me",
			Publisher: "Example Institute", PublishedAt: "2024-01-15", Length: len([]rune(fixtureText))},
		Entities: []ontology.Entity{
			{ID: "KZ", Label: ontology.Country, Name: "Kazakhstan", Aliases: []string{"Kazakhstan"}},
			{ID: "TR", Label: ontology.Country, Name: "Türkiye", Aliases: []string{"Türkiye"}},
			{ID: "IR", Label: ontology.Country, Name: "Iran", Aliases: []string{"Iran"}},
			{ID: "QA", Label: ontology.Country, Name: "Qatar", Aliases: []string{"Qatar"}},
			{ID: "agreement:kz-tr-free-trade-2017", Label: ontology.Agreement, Name: "Kazakhstan–Türkiye free trade agreement",
				Aliases: []string{"free trade agreement"}, Properties: map[string]any{"kind": "free_trade", "year": 2017}},
			{ID: "project:kz-ir-gas-pipeline", Label: ontology.Project, Name: "Kazakhstan–Iran gas pipeline",
				Aliases: []string{"transnational gas pipeline"}, Properties: map[string]any{"kind": "pipeline", "commodity": "gas"}},
		},
		Relations: []ontology.Relation{
			{Subject: "KZ", Predicate: ontology.PartyTo, Object: "agreement:kz-tr-free-trade-2017", Properties: map[string]any{"year": 2017}, Evidence: s1, Confidence: 0.9, Modality: ontology.Asserted},
			{Subject: "TR", Predicate: ontology.PartyTo, Object: "agreement:kz-tr-free-trade-2017", Properties: map[string]any{"year": 2017}, Evidence: s1, Confidence: 0.9, Modality: ontology.Asserted},
			{Subject: "KZ", Predicate: ontology.PartnerIn, Object: "project:kz-ir-gas-pipeline", Evidence: s2, Confidence: 0.8, Modality: ontology.Asserted},
			{Subject: "IR", Predicate: ontology.PartnerIn, Object: "project:kz-ir-gas-pipeline", Evidence: s2, Confidence: 0.8, Modality: ontology.Asserted},
			{Subject: "QA", Predicate: ontology.CooperatesWith, Object: "KZ", Properties: map[string]any{"sectors": []string{"trade", "investment", "civil-aviation"}, "mechanism": "joint higher committee"}, Evidence: s3, Confidence: 0.85, Modality: ontology.Asserted},
		},
	}
}

// env is a server over a freshly loaded database.
type env struct {
	t         testing.TB
	lastTrips int64 // Neo4j round trips of the last request
	h         http.Handler
	srv       *server.Server
	store     *store.Store
}

// newEnv wipes Neo4j, applies the migrations, loads the reference data and
// the fixture document, and builds the server with cfg.
func newEnv(t testing.TB, cfg server.Config, loadFixture bool) *env {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatalf("gazetteer: %v", err)
	}
	if _, err := st.LoadReference(ctx, g); err != nil {
		t.Fatalf("load reference: %v", err)
	}
	if loadFixture {
		if _, err := st.Load(ctx, fixtureExtraction()); err != nil {
			t.Fatalf("load fixture: %v", err)
		}
	}
	srv, err := app.NewServer(quiet(cfg), app.Backend{Driver: driver, Database: db, Store: st})
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	return &env{t: t, h: srv.Handler(), srv: srv, store: st}
}

// quiet keeps the per-request log lines out of test output.
func quiet(cfg server.Config) server.Config {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// response is a GraphQL response with the raw data kept for golden files.
type response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Extensions map[string]any `json:"extensions"`
}

func (r *response) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// post sends one GraphQL request through the HTTP handler.
func (e *env) post(q string, vars map[string]any, header http.Header) *response {
	e.t.Helper()
	body, err := json.Marshal(map[string]any{"query": q, "variables": vars})
	if err != nil {
		e.t.Fatal(err)
	}
	return e.postRaw(body, header)
}

func (e *env) postRaw(body []byte, header http.Header) *response {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		e.t.Fatalf("response is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	r.Status = rec.Code
	if n, ok := r.Extensions["neo4jRoundTrips"].(float64); ok {
		e.lastTrips = int64(n)
	}
	return &r
}

// mustData posts and fails on any error, decoding data into out.
func (e *env) mustData(q string, vars map[string]any, out any) {
	e.t.Helper()
	r := e.post(q, vars, nil)
	if len(r.Errors) > 0 {
		e.t.Fatalf("query failed: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		e.t.Fatalf("decode data: %v\n%s", err, r.Data)
	}
}
