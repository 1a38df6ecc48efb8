package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/source"
	"github.com/diplograph/diplograph/internal/store"
)

// nestedQuery is three levels of relations under every country.
const nestedQuery = `{ entities(filter:{kind:COUNTRY}, first: 200) { edges { node { name
  relations(first:5) { type target { name relations(first:3) { type target { name } } } } } } } }`

// roundTrips loads n countries, each with a few facts, and returns the
// Neo4j round trips of nestedQuery.
// The batch window is wide (250ms) because the test machine is shared and
// loaded: a loader fetches when its window closes, so a goroutine scheduled
// later than that would start a second batch and make the count flaky.
func roundTrips(t *testing.T, n int) int64 {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	x := &ontology.Extraction{Document: ontology.Doc{ID: "doc:00000000000000bb", Title: "synthetic", Length: 1000}}
	x.Entities = append(x.Entities, ontology.Entity{ID: "ORG", Label: ontology.Organization, Name: "Org"})
	for i := range n {
		id := fmt.Sprintf("C%03d", i)
		x.Entities = append(x.Entities, ontology.Entity{ID: id, Label: ontology.Country, Name: "Country " + id})
		ev := []ontology.Evidence{{Document: x.Document.ID, Sentence: "s", Start: i, End: i + 1}}
		x.Relations = append(x.Relations,
			ontology.Relation{Subject: id, Predicate: ontology.MemberOf, Object: "ORG", Evidence: ev, Confidence: 1, Modality: ontology.Asserted},
			ontology.Relation{Subject: id, Predicate: ontology.CooperatesWith, Object: fmt.Sprintf("C%03d", (i+1)%n), Evidence: ev, Confidence: 1, Modality: ontology.Asserted})
	}
	if _, err := st.Load(ctx, x); err != nil {
		t.Fatal(err)
	}
	srv, err := app.NewServer(quiet(server.Config{MaxComplexity: 1_000_000, BatchWait: 250 * time.Millisecond}), app.Backend{Driver: driver, Database: db})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, h: srv.Handler(), srv: srv}
	var resp struct {
		Entities struct {
			Edges []struct{ Node struct{ Name string } }
		}
	}
	e.mustData(nestedQuery, nil, &resp)
	if len(resp.Entities.Edges) != n {
		t.Fatalf("got %d countries, want %d", len(resp.Entities.Edges), n)
	}
	return lastRoundTrips(t, e)
}

// lastRoundTrips reads the round trips of the previous request from the
// response's extensions.
func lastRoundTrips(t *testing.T, e *env) int64 { t.Helper(); return e.lastTrips }

func TestRoundTripsDoNotGrowWithResults(t *testing.T) {
	small := roundTrips(t, 10)
	large := roundTrips(t, 100)
	t.Logf("Neo4j round trips: %d for 10 countries, %d for 100", small, large)
	if large != small {
		t.Errorf("round trips grew with the number of countries: %d for 10, %d for 100", small, large)
	}
	if large > 6 {
		t.Errorf("%d round trips for a three-level query; want at most 6 (one per level, plus entities)", large)
	}
}

func TestAuth(t *testing.T) {
	e := newEnv(t, server.Config{APIKeys: []string{"right-key-0123456789"}}, false)
	mutation := `mutation { ingestDocument(input:{text:"Kazakhstan and Türkiye signed a free trade agreement in 2017."}) { document { id } } }`
	tests := []struct {
		name   string
		header string
	}{
		{"no key", ""},
		{"wrong key", "Bearer wrong-key-0123456789"},
		{"wrong-length key", "Bearer x"},
		{"not bearer", "Basic right-key-0123456789"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.header != "" {
				h.Set("Authorization", tt.header)
			}
			r := e.post(mutation, nil, h)
			if !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
				t.Fatalf("codes = %v, want [UNAUTHENTICATED] (%+v)", r.codes(), r.Errors)
			}
			var docs struct{ Documents struct{ TotalCount int } }
			e.mustData(`{ documents { totalCount } }`, nil, &docs)
			if docs.Documents.TotalCount != 0 {
				t.Fatalf("a refused mutation wrote %d documents", docs.Documents.TotalCount)
			}
		})
	}
	t.Run("queries stay open", func(t *testing.T) {
		var out struct{ Country struct{ Name string } }
		e.mustData(`{ country(id:"KZ") { name } }`, nil, &out)
		if out.Country.Name != "Kazakhstan" {
			t.Errorf("name = %q", out.Country.Name)
		}
	})
}

func TestRequireKeyForQueries(t *testing.T) {
	e := newEnv(t, server.Config{APIKeys: []string{"k-123"}, RequireKeyForQueries: true}, false)
	if r := e.post(`{ country(id:"KZ") { name } }`, nil, nil); !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
		t.Errorf("codes = %v", r.codes())
	}
	h := http.Header{"Authorization": {"Bearer k-123"}}
	if r := e.post(`{ country(id:"KZ") { name } }`, nil, h); len(r.Errors) > 0 {
		t.Errorf("with a key: %+v", r.Errors)
	}
}

func TestIngestThenQuery(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	deps := app.Backend{Driver: driver, Database: db, Store: st, Ingest: ingest.New(extract.New(g), st)}
	// The first ingest into a fresh database plans every load query; on a
	// busy machine that can outlast the default 10 s request timeout.
	srv, err := app.NewServer(quiet(server.Config{APIKeys: []string{"key-1"}, RequestTimeout: time.Minute}), deps)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, h: srv.Handler(), srv: srv}
	h := http.Header{"Authorization": {"Bearer key-1"}}
	r := e.post(`mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) {
	  document { id title } counts { relations } relations { type subject { id } object { id } } } }`,
		map[string]any{"in": map[string]any{"text": fixtureText, "title": "Fixture", "source": "test"}}, h)
	if len(r.Errors) > 0 {
		t.Fatalf("ingest: %+v", r.Errors)
	}
	body := string(r.Data)
	if !strings.Contains(body, `"title":"Fixture"`) || !strings.Contains(body, "PARTY_TO") {
		t.Errorf("ingest result lacks the document or its facts: %s", body)
	}
	// Asking only for the document's id reads nothing back after the
	// write; asking for its fields on a re-ingest reads the stored ones
	// (the first ingestion's title), and its facts only when selected.
	again := map[string]any{"in": map[string]any{"text": fixtureText, "title": "Another title", "source": "test"}}
	r2 := e.post(`mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { document { id } unchanged } }`, again, h)
	if len(r2.Errors) > 0 || !strings.Contains(string(r2.Data), `"unchanged":true`) {
		t.Fatalf("re-ingest: %s", r2.text())
	}
	if n := r2.Extensions["neo4jRoundTrips"]; n != float64(0) {
		t.Errorf("an ingestion asking for the document id only made %v read round trips, want 0", n)
	}
	r2 = e.post(`mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { document { title } } }`, again, h)
	if len(r2.Errors) > 0 || !strings.Contains(string(r2.Data), `"title":"Fixture"`) {
		t.Errorf("re-ingest asking for the title: %s", r2.text())
	}
	if n := r2.Extensions["neo4jRoundTrips"]; n != float64(1) {
		t.Errorf("re-ingest asking for the title made %v read round trips, want 1 (the document)", n)
	}
	r2 = e.post(`mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { entities { id } } }`, again, h)
	if len(r2.Errors) > 0 || !strings.Contains(string(r2.Data), `"id":"KZ"`) {
		t.Errorf("re-ingest asking for the entities: %s", r2.text())
	}
	var out struct {
		Bilateral struct {
			Agreements []struct{ Node struct{ ID string } }
		}
	}
	e.mustData(`{ bilateral(a:"KZ", b:"TR") { agreements { node { id } } } }`, nil, &out)
	if len(out.Bilateral.Agreements) == 0 {
		t.Errorf("the ingested agreement is not visible: %+v", out)
	}
	// Deleting needs the key too, and then removes the document.
	if r := e.post(`mutation { deleteDocument(id:"doc:none") { id } }`, nil, h); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("deleting a missing document: codes %v", r.codes())
	}
	var ing struct {
		IngestDocument struct{ Document struct{ ID string } }
	}
	if err := json.Unmarshal(r.Data, &ing); err != nil {
		t.Fatal(err)
	}
	if r := e.post(`mutation($id: ID!) { deleteDocument(id: $id) { id relationsDeleted } }`, map[string]any{"id": ing.IngestDocument.Document.ID}, nil); !slices.Equal(r.codes(), []string{"UNAUTHENTICATED"}) {
		t.Errorf("delete without a key: codes %v", r.codes())
	}
	var del struct {
		DeleteDocument struct{ RelationsDeleted int }
	}
	r = e.post(`mutation($id: ID!) { deleteDocument(id: $id) { id relationsDeleted } }`, map[string]any{"id": ing.IngestDocument.Document.ID}, h)
	if len(r.Errors) > 0 || json.Unmarshal(r.Data, &del) != nil || del.DeleteDocument.RelationsDeleted == 0 {
		t.Fatalf("delete: %+v %s", r.Errors, r.Data)
	}
	var after struct{ Documents struct{ TotalCount int } }
	e.mustData(`{ documents { totalCount } }`, nil, &after)
	if after.Documents.TotalCount != 0 {
		t.Errorf("%d documents left after deleting the only one", after.Documents.TotalCount)
	}
}

func TestLimits(t *testing.T) {
	e := newEnv(t, server.Config{MaxComplexity: 500, MaxDepth: 6, MaxBodyBytes: 4096, MaxAliases: 3}, true)
	tests := []struct {
		name   string
		query  string
		body   []byte
		status int
		code   string // BAD_USER_INPUT when empty
		reason string
	}{
		{name: "complexity", query: `{ entities(first: 500) { edges { node { relations(first: 50) { type } } } } }`, reason: "COMPLEXITY_LIMIT_EXCEEDED"},
		{name: "depth", query: `{ country(id:"KZ") { relations { target { relations { target { relations { target { name } } } } } } } }`, reason: "DEPTH_LIMIT_EXCEEDED"},
		{name: "aliases", query: `{ a: country(id:"KZ") { name } b: country(id:"KZ") { name } c: country(id:"KZ") { name } d: country(id:"KZ") { name } }`, reason: "ALIAS_LIMIT_EXCEEDED"},
		{name: "body size", body: []byte(`{"query":"{ country(id:\"KZ\") { name } }", "x":"` + strings.Repeat("a", 5000) + `"}`), status: http.StatusRequestEntityTooLarge},
		{name: "batched operations", body: []byte(`[{"query":"{ __typename }"},{"query":"{ __typename }"}]`), status: http.StatusBadRequest},
		{name: "bad cursor", query: `{ entities(after:"nope") { edges { cursor } } }`},
		{name: "first too large", query: `{ entities(first: 100000) { edges { cursor } } }`},
		{name: "depth out of range", query: `{ neighbors(id:"KZ", depth: 9) { truncated } }`},
		{name: "syntax error", query: `{ country(id:"KZ") { name `, code: "GRAPHQL_PARSE_FAILED"},
		{name: "unknown field", query: `{ country(id:"KZ") { nickname } }`, code: "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *response
			if tt.body != nil {
				r = e.postRaw(tt.body, nil)
			} else {
				r = e.post(tt.query, nil, nil)
			}
			code := tt.code
			if code == "" {
				code = "BAD_USER_INPUT"
			}
			if !slices.Equal(r.codes(), []string{code}) {
				t.Fatalf("codes = %v, want [%s] (%+v)", r.codes(), code, r.Errors)
			}
			if _, moved := r.Errors[0].Extensions["reason"].(string); moved && tt.code != "" {
				t.Errorf("a standard code also has a reason: %+v", r.Errors[0])
			}
			if tt.reason != "" && r.Errors[0].Extensions["reason"] != tt.reason {
				t.Errorf("reason = %v, want %s", r.Errors[0].Extensions["reason"], tt.reason)
			}
			if tt.status != 0 && r.Status != tt.status {
				t.Errorf("status = %d, want %d", r.Status, tt.status)
			}
		})
	}
	t.Run("introspection passes the depth limit", func(t *testing.T) {
		r := e.post(`{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }`, nil, nil)
		if len(r.Errors) > 0 {
			t.Errorf("introspection refused: %+v", r.Errors)
		}
	})
	t.Run("not found", func(t *testing.T) {
		r := e.post(`{ country(id:"XX") { name } }`, nil, nil)
		if !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
			t.Errorf("codes = %v", r.codes())
		}
	})
}

func TestRequestTimeout(t *testing.T) {
	// The loader waits longer than the request may last, so the lookup
	// reaches the driver with an expired context. (Two relations lists with
	// different arguments are a shape the root cannot plan, so they go
	// through the loader.)
	e := newEnv(t, server.Config{RequestTimeout: 100 * time.Millisecond, BatchWait: 300 * time.Millisecond}, false)
	r := e.post(`{ country(id:"KZ") { name a: relations(first: 1) { id } b: relations(first: 2) { id } } }`, nil, nil)
	if codes := slices.Compact(r.codes()); !slices.Equal(codes, []string{"UNAVAILABLE"}) {
		t.Errorf("codes = %v, want [UNAVAILABLE]: %+v %s", r.codes(), r.Errors, r.Data)
	}
}

func TestIntrospectionOff(t *testing.T) {
	e := newEnv(t, server.Config{DisableIntrospection: true}, false)
	r := e.post(`{ __schema { queryType { name } } }`, nil, nil)
	if len(r.Errors) == 0 {
		t.Errorf("introspection answered while off: %s", r.Data)
	}
}

func TestHostileSearch(t *testing.T) {
	e := newEnv(t, server.Config{}, true)
	for _, q := range []string{`pipeline"`, `*:*`, `AND OR NOT`, `(((`, `pipe~~line^^`, `\`, `a:b:c`, `[x TO`, ""} {
		r := e.post(`query($q: String!) { search(query: $q) { score } }`, map[string]any{"q": q}, nil)
		if len(r.Errors) > 0 {
			t.Errorf("search(%q) failed: %+v", q, r.Errors)
		}
	}
	var out struct {
		Search []struct{ Evidence *struct{ Sentence string } }
	}
	e.mustData(`{ search(query: "pipeline)") { evidence { sentence } } }`, nil, &out)
	if len(out.Search) == 0 {
		t.Error("a stray parenthesis stopped the search from finding the pipeline")
	}
}

// TestIngestURL: ingestDocument fetches a url; an address inside the
// network is refused (BAD_USER_INPUT, nothing written) unless allowed.
func TestIngestURL(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	page := `<!DOCTYPE html><html><head><title>Fixture page</title><meta property="og:site_name" content="Test Review"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Fixture page</h1><p>` + fixtureText + `</p><p>` + fixtureText + `</p></article>
<section class="comments"><p>Reader comment: Chile and Korea should finally sign a trade deal.</p></section></body></html>`
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer site.Close()
	svc := ingest.New(extract.New(g), st)
	h := http.Header{"Authorization": {"Bearer key-1"}}
	const mutation = `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { document { id title source } counts { relations } } }`
	count := func(e *env) int {
		var out struct{ Documents struct{ TotalCount int } }
		e.mustData(`{ documents { totalCount } }`, nil, &out)
		return out.Documents.TotalCount
	}

	guarded, err := app.NewServer(quiet(server.Config{APIKeys: []string{"key-1"}, RequestTimeout: time.Minute}),
		app.Backend{Driver: driver, Database: db, Store: st, Ingest: svc})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, h: guarded.Handler(), srv: guarded}
	before := count(e)
	r := e.post(mutation, map[string]any{"in": map[string]any{"url": site.URL + "/article"}}, h)
	if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) || !strings.Contains(r.text(), "private, loopback or link-local") {
		t.Errorf("a loopback URL through the API: %s", r.text())
	}
	r = e.post(mutation, map[string]any{"in": map[string]any{"url": site.URL, "text": fixtureText}}, h)
	if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) {
		t.Errorf("text and url: %s", r.text())
	}
	if n := count(e); n != before {
		t.Errorf("refusals wrote %d documents", n-before)
	}

	allowed, err := app.NewServer(quiet(server.Config{APIKeys: []string{"key-1"}, RequestTimeout: time.Minute}),
		app.Backend{Driver: driver, Database: db, Store: st, Ingest: svc, Fetcher: source.NewFetcher(source.FetchOptions{AllowPrivate: true})})
	if err != nil {
		t.Fatal(err)
	}
	e = &env{t: t, h: allowed.Handler(), srv: allowed}
	r = e.post(mutation, map[string]any{"in": map[string]any{"url": site.URL + "/article"}}, h)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"title":"Fixture page"`) || !strings.Contains(string(r.Data), site.URL+"/article") {
		t.Fatalf("ingest by url: %s", r.text())
	}
	if n := count(e); n != before+1 {
		t.Errorf("%d documents after ingesting one URL, want %d", n, before+1)
	}
}

// text is the whole response, for messages and checks.
func (r *response) text() string {
	b, _ := json.Marshal(r)
	return string(b)
}
