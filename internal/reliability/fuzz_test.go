package reliability_test

import (
	"bytes"
	"flag"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// fuzzEnv is a server over the reference data; the graph must be the same
// when the fuzz target ends (no key is ever sent, so nothing may write).
//
// Under -fuzz the coordinating process only hands inputs to worker
// processes: it takes no Neo4j (the workers need neo4jtest's cross-process
// lock). Run with -parallel 1: each worker holds that lock.
func fuzzEnv(f *testing.F) *env {
	if fuzzCoordinator() {
		return &env{t: f}
	}
	e := newEnv(f, server.Config{}, false)
	before := e.snapshot()
	f.Cleanup(func() {
		if after := e.snapshot(); after != before {
			f.Errorf("the graph changed:\nbefore %v\nafter  %v", before, after)
		}
	})
	return e
}

func fuzzCoordinator() bool {
	fz, worker := flag.Lookup("test.fuzz"), flag.Lookup("test.fuzzworker")
	return fz != nil && fz.Value.String() != "" && (worker == nil || worker.Value.String() != "true")
}

// FuzzGraphQLBody posts arbitrary bodies to /graphql: the server answers
// JSON, never 5xx, never INTERNAL.
//
//	go test ./internal/reliability -run '^$' -fuzz FuzzGraphQLBody -fuzztime 1m -parallel 1
func FuzzGraphQLBody(f *testing.F) {
	e := fuzzEnv(f)
	for _, s := range []string{
		`{"query":"{ country(id:\"KZ\") { name } }"}`,
		`{"query":"query($s: String!) { search(query:$s) { score } }","variables":{"s":"kaz* AND ~"}}`,
		`{"query":"mutation { deleteDocument(id:\"x\") { id } }"}`,
		`{"query":"{ entities(filter:{nameContains:\"' }) DETACH DELETE n //\"}) { totalCount } }"}`,
		`{"query":"{ bilateral(a:\"KZ\", b:\"TR\") { relations { type } } }"}`,
		`{"query":"{ neighbors(id:\"KZ\", depth: 9) { nodes { id } } }"}`,
		`{"query":"{ paths(from:\"KZ\", to:\"TR\", maxHops: -1) { paths { length } } }"}`,
		`{"query":"{ relations(after:\"!!!\") { edges { node { type } } } }"}`,
		`[{"query":"{ __typename }"}]`, `{"query":`, `null`, `{}`, `{"query":null}`, `{"query":"{ a: __typename b: __typename }"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("HTTP %d for %q: %s", rec.Code, body, rec.Body.String())
		}
		var r response
		if err := jsonUnmarshal(rec.Body.Bytes(), &r); err != nil && rec.Body.String() != "null\n" {
			t.Fatalf("not JSON for %q: %s", body, rec.Body.String())
		}
		if r.hasCode("INTERNAL") {
			t.Fatalf("INTERNAL for %q: %s", body, rec.Body.String())
		}
	})
}

// FuzzSearch sends arbitrary search text: never INTERNAL, one Neo4j round
// trip at most.
//
//	go test ./internal/reliability -run '^$' -fuzz FuzzSearch -fuzztime 1m -parallel 1
func FuzzSearch(f *testing.F) {
	e := fuzzEnv(f)
	for _, s := range append(append([]string{"pipeline", "Kazakhstan Türkiye", ""}, luceneStrings...), cypherStrings...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		te := &env{t: t, h: e.h} // helpers must report on t, not on f
		r := te.query(`query($s: String!) { search(query:$s) { score entity { id } evidence { sentence } } }`, map[string]any{"s": s})
		for _, c := range r.codes() {
			if c != "BAD_USER_INPUT" {
				t.Fatalf("%q: %s", s, r.Raw)
			}
		}
		if n := r.roundTrips(); n > 1 {
			t.Fatalf("%q: %d round trips", s, n)
		}
	})
}
