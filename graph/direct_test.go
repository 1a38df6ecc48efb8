package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplograph/diplograph/bench/corpus"
	"github.com/diplograph/diplograph/bench/scenario"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

// equivCase is one request both paths answer; direct says whether the
// direct path must be the one answering it on the direct server (so the
// comparison is not of gqlgen with itself).
type equivCase struct {
	name   string
	query  string
	op     string
	vars   map[string]any
	direct bool
	want   []string // in the answer, so the case tests what it means to
}

// pair is the same data served twice: through the direct path where it
// covers the query, and through gqlgen's executor only.
type pair struct {
	direct, gqlgen http.Handler
}

func newPair(t testing.TB, deps app.Backend) pair {
	t.Helper()
	var p pair
	for _, off := range []bool{false, true} {
		srv, err := app.NewServer(quiet(server.Config{DisableDirectJSON: off}), deps)
		if err != nil {
			t.Fatal(err)
		}
		if off {
			p.gqlgen = srv.Handler()
		} else {
			p.direct = srv.Handler()
		}
	}
	return p
}

// answer is what a handler sent: status, content type and body.
type answer struct {
	status int
	ctype  string
	body   []byte
}

// send asks h c's query by POST (a JSON body) or GET (URL parameters).
func send(t testing.TB, h http.Handler, c equivCase, method string) answer {
	t.Helper()
	vars, err := json.Marshal(c.vars)
	if err != nil {
		t.Fatal(err)
	}
	var req *http.Request
	if method == http.MethodGet {
		q := url.Values{"query": {c.query}, "operationName": {c.op}, "variables": {string(vars)}}
		req = httptest.NewRequest(http.MethodGet, "/graphql?"+q.Encode(), nil)
	} else {
		body, err := json.Marshal(map[string]any{"query": c.query, "operationName": c.op, "variables": c.vars})
		if err != nil {
			t.Fatal(err)
		}
		req = httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return answer{status: rec.Code, ctype: rec.Header().Get("Content-Type"), body: rec.Body.Bytes()}
}

// check runs c through both paths and requires the same bytes.
func (p pair) check(t *testing.T, c equivCase) {
	t.Helper()
	if got := graph.DirectCovers(c.query, c.op, c.vars); got != c.direct {
		t.Fatalf("direct path covers: %v, want %v\n%s", got, c.direct, c.query)
	}
	var a []byte
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		d, g := send(t, p.direct, c, method), send(t, p.gqlgen, c, method)
		if d.status != g.status || d.ctype != g.ctype || !bytes.Equal(errorsSorted(t, d.body), errorsSorted(t, g.body)) {
			t.Fatalf("%s answers differ\nquery: %s\ndirect: %d %s %s\ngqlgen: %d %s %s", method, c.query,
				d.status, d.ctype, d.body, g.status, g.ctype, g.body)
		}
		if a == nil {
			a = d.body
		} else if !bytes.Equal(errorsSorted(t, a), errorsSorted(t, d.body)) {
			t.Fatalf("GET answers otherwise than POST\nquery: %s\nPOST: %s\nGET: %d %s", c.query, a, d.status, d.body)
		}
	}
	var r response
	if err := json.Unmarshal(a, &r); err != nil {
		t.Fatalf("not JSON: %s", a)
	}
	if c.direct && len(r.Errors) == 0 && (len(r.Data) == 0 || string(r.Data) == "null") {
		t.Fatalf("no data: %s", a)
	}
	for _, w := range c.want {
		if !bytes.Contains(a, []byte(w)) {
			t.Fatalf("answer lacks %s: %s", w, a)
		}
	}
}

// errorsSorted is body with the elements of its errors array (the first
// key, as gqlgen writes it) in byte order, every other byte as it was.
// gqlgen's executor resolves root fields concurrently, so the order of
// their errors varies from run to run (GraphQL does not define it); the
// errors themselves, the data and the extensions must still be identical.
func errorsSorted(t testing.TB, body []byte) []byte {
	t.Helper()
	const head = `{"errors":`
	if !bytes.HasPrefix(body, []byte(head)) {
		return body
	}
	var r struct{ Errors json.RawMessage }
	var list []json.RawMessage
	if err := json.Unmarshal(body, &r); err != nil || json.Unmarshal(r.Errors, &list) != nil ||
		!bytes.HasPrefix(body[len(head):], r.Errors) {
		t.Fatalf("errors not first or not a list: %s", body)
	}
	slices.SortFunc(list, func(x, y json.RawMessage) int { return bytes.Compare(x, y) })
	out := []byte(head + "[")
	for i, e := range list {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, e...)
	}
	return append(append(out, ']'), body[len(head)+len(r.Errors):]...)
}

// seedPair loads the reference data, the seed corpus and the fixture
// document (evidence with every document field), and serves them twice.
func seedPair(t testing.TB) pair {
	t.Helper()
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
	if _, err := st.LoadReference(ctx, g); err != nil {
		t.Fatal(err)
	}
	svc := ingest.New(extract.New(g), st)
	if sum, err := svc.Run(ctx, ingest.FS(seed.FS, "corpus/*.txt"), ingest.Options{Workers: 1}); err != nil || sum.Failed > 0 {
		t.Fatalf("seed corpus: %v", err)
	}
	if _, err := st.Load(ctx, fixtureExtraction()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load(ctx, escapingExtraction()); err != nil {
		t.Fatal(err)
	}
	return newPair(t, app.Backend{Driver: driver, Database: db, Store: st})
}

// directGolden says which golden queries the direct path answers.
var directGolden = map[string]bool{"bilateral-kz-tr": true, "bilateral-kz-qa": true, "country-kz-memberships": true,
	"search-pipeline": true, "neighbors-sco-2": true}

// equivTable are hand-written shapes: aliases, fragments, __typename,
// variables, operation names, errors, and shapes the direct path leaves
// to gqlgen.
var equivTable = []equivCase{
	{name: "aliases-fragments", direct: true, query: `query { k: country(id: "kz") { __typename ...E rels: relations(direction: OUT, first: 20) { ...R t: target { ... on Node { id } name } } } }
fragment E on Entity { id name aliases category reference year commodity properties { key value } }
fragment R on Relation { id type cursor direction ... on Relation { modality confidence } }`},
	{name: "merged-fields", direct: true, query: `{ country(id: "KZ") { id relations(first: 10) { type target { id } } relations(first: 10) { target { name kind } evidence { id } } } }`},
	{name: "two-roots", direct: true, query: `{ __typename a: country(id: "KZ") { id } b: bilateral(a: "KZ", b: "TR") { relations { id documents { id title authors length engine source publisher publishedAt } } } }`},
	{name: "variables", direct: true, vars: map[string]any{"id": "TR", "n": 3, "dir": "IN", "types": []any{"PARTY_TO", "MEMBER_OF"}},
		query: `query($id: ID!, $n: Int, $dir: Direction, $types: [Predicate!]) { entity(id: $id) { id relations(types: $types, direction: $dir, first: $n) { type subject { id } object { id } } } }`},
	{name: "operation-name", op: "B", direct: true, query: `query A { paths(from: "QA", to: "TR") { nodes { id } } }
query B { organization(id: "SCO") { id members(first: 5) { target { id } role } } }`},
	{name: "review-and-sectors", direct: true, query: `{ bilateral(a: "KZ", b: "QA") { a { id properties { key } } relations { review { id verdict by at note } sectors sector year since commodity topic mechanism kind role origin } } }`},
	{name: "page", direct: true, query: `{ entities(filter: {kinds: [COUNTRY, ORGANIZATION], nameContains: "a"}, orderBy: {direction: DESC}, first: 7) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id relationCount(direction: OUT) relations(direction: OUT, first: 2) { id } } } } }`},
	{name: "page-after", direct: true, query: `{ entities(filter: {kind: COUNTRY}, first: 3, after: "bzoy") { edges { node { id } } pageInfo { endCursor } } }`},
	{name: "empty-page", direct: true, query: `{ entities(first: 0) { totalCount edges { cursor } pageInfo { startCursor hasNextPage } } }`},
	{name: "search-relations", direct: true, query: `{ search(query: "kazakhstan pipeline", first: 5) { score __typename entity { id relations(first: 3) { type } } evidence { id start end document { id } } mentions { id name } } }`},
	{name: "neighbors-full", direct: true, query: `{ neighbors(id: "KZ", types: MEMBER_OF, depth: 1) { truncated nodes { id name aliases } relationships { id type origin evidence { sentence } } } }`},
	{name: "not-found", direct: true, query: `{ country(id: "XX") { id } }`},
	{name: "not-a-country", direct: true, query: `{ country(id: "SCO") { id } organization(id: "KZ") { id } }`},
	{name: "bilateral-not-found", direct: true, query: `{ bilateral(a: "KZ", b: "nowhere") { relations { id } } }`},
	{name: "search-bad-first", direct: true, query: `{ search(query: "x", first: 1000) { score } }`},
	{name: "entities-bad-after", direct: true, query: `{ entities(after: "nope") { totalCount } }`},
	{name: "neighbors-bad-depth", direct: true, query: `{ neighbors(id: "KZ", depth: 9) { truncated } }`},
	{name: "escapes-entity", direct: true, vars: map[string]any{"id": escapeID}, want: escapeWant,
		query: `query($id: ID!) { entity(id: $id) { id name aliases properties { key value } relations(first: 10) { id type mechanism sectors
  evidence { id sentence title source publisher } documents { id title source publisher authors } target { id name aliases } } } }`},
	{name: "escapes-page", direct: true, want: escapeWant[:2],
		query: `{ entities(filter: {nameContains: "Jerry"}, first: 5) { totalCount edges { cursor node { id name } } pageInfo { startCursor endCursor } } }`},
	{name: "escapes-neighbors", direct: true, vars: map[string]any{"id": escapeID}, want: escapeWant[:2],
		query: `query($id: ID!) { neighbors(id: $id, depth: 1) { nodes { id name aliases } relationships { id mechanism evidence { sentence } } } }`},
	{name: "escapes-not-found", direct: true, vars: map[string]any{"id": escapeID + "</x>"},
		query: `query($id: ID!) { entity(id: $id) { id } }`},
	{name: "relations-bad-first", direct: false, query: `{ country(id: "KZ") { id relations(first: 999) { id } } }`},
	{name: "two-shapes", direct: false, query: `{ country(id: "KZ") { a: relations(first: 1) { id } b: relations(first: 2) { id } } }`},
	{name: "relation-count-on-root", direct: false, query: `{ country(id: "KZ") { relationCount } }`},
	{name: "nested-relations", direct: false, query: `{ country(id: "KZ") { relations(first: 2) { target { relations(first: 1) { id } } } } }`},
	{name: "directive", direct: false, query: `{ country(id: "KZ") { id name @include(if: false) } }`},
	{name: "introspection", direct: false, query: `{ __schema { queryType { name } } }`},
	{name: "document-relations", direct: false, query: `{ bilateral(a: "KZ", b: "TR") { documents { id relations { id } } } }`},
}

// escapeText holds every byte a JSON encoder escapes or must leave alone:
// HTML's <, > and &, quotes, backslashes, control characters, DEL,
// non-ASCII, U+2028 and U+2029, and invalid UTF-8 (which Neo4j may store
// replaced: either way both paths must send the same bytes).
const escapeText = "<b>Tom & \"Jerry\"</b> \\ back\\slash \t\n\r\x01\x1f\x7f Türkiye 中文 😀 \u2028\u2029 bad\xff\xc3\x28"

// escapeID is an entity id with the same characters as the names.
const escapeID = "org:<esc>&\"q\"\\"

// escapeWant are escapes the answers about the escaping fixture must hold:
// encoding/json's (\u003c, \u0026, \u2028) and gqlgen's (\", \\, \u0001).
var escapeWant = []string{`\u003cb\u003eTom \u0026 \"Jerry\"`, `\\ back\\slash`, `\t\n\r\u0001\u001F`, `\u2028\u2029`}

// escapingExtraction is a document, two organizations and a relation whose
// strings are escapeText: titles, names, aliases, properties, sentences.
func escapingExtraction() *ontology.Extraction {
	doc := "doc:00000000000000e5"
	text := escapeText + " " + escapeText
	n := utf8.RuneCountInString(escapeText)
	return &ontology.Extraction{
		Document: ontology.Doc{ID: doc, Title: escapeText, Source: "https://example.org/?a=<1>&b=\"2\"", Publisher: escapeText,
			Authors: []string{escapeText, "A & B"}, PublishedAt: "2024-02-29", Length: utf8.RuneCountInString(text)},
		Entities: []ontology.Entity{
			{ID: escapeID, Label: ontology.Organization, Name: escapeText, Aliases: []string{escapeText, "<alias>"},
				Properties: map[string]any{"note": escapeText}},
			{ID: "org:escapes-partner", Label: ontology.Organization, Name: "Partner & <Co>", Aliases: []string{"P&C"}},
		},
		Relations: []ontology.Relation{{Subject: escapeID, Predicate: ontology.CooperatesWith, Object: "org:escapes-partner",
			Properties: map[string]any{"mechanism": escapeText, "sectors": []string{escapeText, "a<b"}},
			Evidence:   []ontology.Evidence{{Document: doc, Sentence: escapeText, Start: 0, End: n}}, Confidence: 0.5, Modality: ontology.Asserted}},
	}
}

// TestDirectEquivalence answers the golden queries, a table of shapes and
// generated selections through both paths and requires the same bytes.
func TestDirectEquivalence(t *testing.T) {
	p := seedPair(t)
	for _, g := range goldenCases {
		t.Run("golden/"+g.name, func(t *testing.T) {
			p.check(t, equivCase{name: g.name, query: g.query, direct: directGolden[g.name]})
		})
	}
	for _, c := range equivTable {
		t.Run("table/"+c.name, func(t *testing.T) { p.check(t, c) })
	}
	r := rand.New(rand.NewPCG(21, 1))
	for i := range 60 {
		c := generatedCase(r, i)
		t.Run(c.name, func(t *testing.T) { p.check(t, c) })
	}
}

// TestDirectEquivalenceScenarios answers the bench's scenario queries over
// a small synthetic corpus through both paths.
func TestDirectEquivalenceScenarios(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Load(ctx, driver, db, corpus.Generate(200, 1)); err != nil {
		t.Fatal(err)
	}
	params, _, err := scenario.Choose(ctx, driver, db)
	if err != nil {
		t.Fatal(err)
	}
	p := newPair(t, app.Backend{Driver: driver, Database: db, Store: st})
	for _, id := range []scenario.ID{scenario.Country, scenario.Bilateral, scenario.Neighbours, scenario.Search, scenario.List} {
		req, err := scenario.GraphQL(scenario.Diplograph, id, params)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(id.Name(), func(t *testing.T) {
			p.check(t, equivCase{name: id.Name(), query: req.Query, vars: req.Variables, direct: true})
		})
	}
}

// The generator's vocabulary: fields of each type, and where to ask.
var (
	genEntity   = []string{"id", "kind", "name", "aliases", "category", "reference", "year", "commodity", "properties { key value }", "__typename"}
	genRelation = []string{"id", "type", "direction", "origin", "modality", "confidence", "role", "sectors", "sector", "year",
		"since", "commodity", "topic", "mechanism", "kind", "cursor", "__typename", "review { verdict by }"}
	genEvidence = []string{"id", "sentence", "start", "end", "title", "source", "publisher", "publishedAt", "__typename"}
	genDocument = []string{"id", "title", "source", "publisher", "authors", "publishedAt", "length", "engine", "__typename"}
	genRoots    = []string{`country(id: "KZ") { %E relations(first: 30) { %R } }`, `bilateral(a: "KZ", b: "TR") { a { %E } relations { %R } }`,
		`search(query: "kazakhstan trade") { entity { %E relations(direction: OUT, first: 4) { %R } } evidence { %V } mentions { %E } }`,
		`entities(filter: {kind: COUNTRY}, first: 6) { edges { node { %E relations(first: 3) { %R } } } }`,
		`neighbors(id: "QA", depth: 2) { nodes { %E } relationships { %R } }`, `organization(id: "SCO") { %E members(first: 8) { %R } }`}
)

// generatedCase builds the i-th generated selection: a root with random
// fields of Entity, Relation, Evidence and Document, some aliased, some in
// a named or inline fragment.
func generatedCase(r *rand.Rand, i int) equivCase {
	var frags []string
	pick := func(typ string, fields []string, extra string) string {
		var sel []string
		for _, f := range fields {
			if r.IntN(3) > 0 {
				continue
			}
			if r.IntN(4) == 0 && !strings.Contains(f, "{") && f != "__typename" {
				f = fmt.Sprintf("a%d_%s: %s", r.IntN(2), f, f) // aliases, sometimes the same twice
			}
			sel = append(sel, f)
		}
		if extra != "" {
			sel = append(sel, extra)
		}
		if len(sel) == 0 {
			sel = append(sel, "__typename")
		}
		switch r.IntN(3) {
		case 0:
			name := fmt.Sprintf("F%d", len(frags))
			frags = append(frags, fmt.Sprintf("fragment %s on %s { %s }", name, typ, strings.Join(sel, " ")))
			return "..." + name + " "
		case 1:
			return fmt.Sprintf("... on %s { %s }", typ, strings.Join(sel, " "))
		}
		return strings.Join(sel, " ")
	}
	doc := pick("Document", genDocument, "")
	ev := pick("Evidence", genEvidence, "document { "+doc+" }")
	ends := []string{"", "target { " + pick("Entity", genEntity, "") + " }", "subject { id } object { " + pick("Entity", genEntity, "") + " }"}
	rel := pick("Relation", genRelation, ends[r.IntN(len(ends))]+[]string{"", " evidence { " + ev + " }", " documents { " + doc + " }"}[r.IntN(3)])
	root := strings.NewReplacer("%E", pick("Entity", genEntity, ""), "%R", rel, "%V", ev).Replace(genRoots[i%len(genRoots)])
	return equivCase{name: fmt.Sprintf("generated/%02d", i), query: "{ " + root + " }" + usedFragments(root, frags), direct: true}
}

// usedFragments returns the definitions among defs that body uses,
// directly or through another (GraphQL refuses unused fragments).
func usedFragments(body string, defs []string) string {
	used := map[int]bool{}
	for changed := true; changed; {
		changed = false
		text := body
		for i := range defs {
			if used[i] {
				text += defs[i]
			}
		}
		for i, d := range defs {
			name := strings.Fields(d)[1]
			if !used[i] && strings.Contains(text, "..."+name+" ") || !used[i] && strings.HasSuffix(text, "..."+name) {
				used[i], changed = true, true
			}
		}
	}
	var out strings.Builder
	for i, d := range defs {
		if used[i] {
			out.WriteString("\n" + d)
		}
	}
	return out.String()
}
