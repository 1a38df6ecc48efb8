package reliability_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/server"
)

// cypherStrings are Cypher fragments a client might put in any string
// argument.
var cypherStrings = []string{
	`' }) DETACH DELETE n //`,
	`" }) DETACH DELETE n //`,
	"`) DETACH DELETE n //",
	"KZ`]->() DETACH DELETE n //",
	`KZ' OR 1=1 WITH n DETACH DELETE n RETURN n //`,
	`$id`, `{id: $q}`,
	`\`, `\\' }) MATCH (n) DETACH DELETE n //`,
	"\x00", strings.Repeat("a", 10000),
	"doc:' }) DETACH DELETE n //",
	"Ünïcödé \u202e RTL 🚀",
}

// luceneStrings are full-text query syntax, for the search argument (and
// the name filters).
var luceneStrings = []string{
	`*`, `?`, `~`, `kaz~2`, `kaz*`, `"`, `"unterminated`, `AND OR`, `NOT`, `AND`, `OR NOT AND`,
	`[a TO z]`, `{a TO z}`, `name:kazakhstan`, `/.*/`, `(`, `)`, `+-&&||!(){}[]^"~*?:\/`,
	"KZ\x00", strings.Repeat("(", 2000), strings.Repeat("kaz ", 5000),
	"', '') YIELD node DETACH DELETE node //",
	"CALL db.index.fulltext.queryNodes('entity_names', '*')",
}

// hostileQueries put $s into every string argument of the read side.
var hostileQueries = []struct {
	name, query string
	lucene      bool // also try luceneStrings
}{
	{"entity", `query($s: ID!) { entity(id:$s) { id } }`, false},
	{"country", `query($s: ID!) { country(id:$s) { id } }`, false},
	{"organization", `query($s: ID!) { organization(id:$s) { id } }`, false},
	{"node", `query($s: ID!) { node(id:$s) { id } }`, false},
	{"document", `query($s: ID!) { document(id:$s) { id } }`, false},
	{"nameStartsWith", `query($s: String) { entities(filter:{nameStartsWith:$s}) { edges { node { id } } } }`, true},
	{"nameContains", `query($s: String) { entities(filter:{nameContains:$s}) { totalCount } }`, true},
	{"region", `query($s: ID) { entities(filter:{region:$s}) { totalCount } }`, false},
	{"memberOf", `query($s: ID) { entities(filter:{memberOf:$s}) { totalCount } }`, false},
	{"entities cursor", `query($s: String) { entities(after:$s) { edges { node { id } } } }`, false},
	{"relations filter", `query($s: ID) { relations(filter:{subject:$s, object:$s, document:$s}) { edges { node { type } } } }`, false},
	{"relations cursor", `query($s: String) { relations(after:$s) { edges { node { type } } } }`, false},
	{"documents cursor", `query($s: String) { documents(after:$s) { edges { node { id } } } }`, false},
	{"entity relations cursor", `query($s: String) { country(id:"KZ") { relations(after:$s) { type } } }`, false},
	{"search", `query($s: String!) { search(query:$s) { score entity { id } evidence { sentence } } }`, true},
	{"neighbors", `query($s: ID!) { neighbors(id:$s) { nodes { id } } }`, false},
	{"paths", `query($s: ID!) { paths(from:$s, to:"KZ") { paths { length } } }`, false},
	{"bilateral", `query($s: ID!) { bilateral(a:$s, b:"KZ") { relations { type } } }`, false},
}

// TestInjection sends every hostile string through every string argument
// and asserts that the graph is exactly as before (counts and checksum),
// and that no request fails with INTERNAL: hostile text is either a value
// that matches nothing or a clear BAD_USER_INPUT.
func TestInjection(t *testing.T) {
	e := newEnv(t, server.Config{}, true)
	before := e.snapshot()
	for _, q := range hostileQueries {
		t.Run(q.name, func(t *testing.T) {
			strs := cypherStrings
			if q.lucene {
				strs = append(slices.Clone(strs), luceneStrings...)
			}
			for _, s := range strs {
				r := e.query(q.query, map[string]any{"s": s})
				for _, c := range r.codes() {
					if c != "NOT_FOUND" && c != "BAD_USER_INPUT" {
						t.Errorf("%q: code %s: %+v", short(s), c, r.Errors)
					}
				}
			}
		})
	}
	t.Run("deleteDocument", func(t *testing.T) {
		for _, s := range cypherStrings {
			r := e.post(strings.NewReader(string(gql(t, `mutation($s: ID!) { deleteDocument(id:$s) { id } }`, map[string]any{"s": s}))), true)
			for _, c := range r.codes() {
				if c != "NOT_FOUND" && c != "BAD_USER_INPUT" {
					t.Errorf("%q: code %s: %+v", short(s), c, r.Errors)
				}
			}
		}
	})
	if after := e.snapshot(); after != before {
		t.Fatalf("graph changed by read queries:\nbefore %v\nafter  %v", before, after)
	}

	// Metadata is stored verbatim, as values: the hostile title is the
	// document's title and nothing else changes but the new document.
	t.Run("ingest metadata", func(t *testing.T) {
		title := `' }) MATCH (n) DETACH DELETE n // $title`
		text := "Kazakhstan and Türkiye signed a free trade agreement in 2017. " + title
		r := e.post(strings.NewReader(string(gql(t, `mutation($t: String!, $s: String!) {
  ingestDocument(input:{text:$t, title:$s, source:$s, publisher:$s, authors:[$s], publishedAt:"2024-05-01"}) { document { id title } } }`,
			map[string]any{"t": text, "s": title}))), true)
		if len(r.Errors) > 0 {
			t.Fatalf("ingest: %+v", r.Errors)
		}
		if !strings.Contains(string(r.Data), `"title":`+jsonString(title)) {
			t.Errorf("title not stored verbatim: %s", r.Data)
		}
		after := e.snapshot()
		if after.Documents != before.Documents+1 || after.Nodes < before.Nodes || after.Relationships < before.Relationships {
			t.Errorf("graph after ingesting a hostile title:\nbefore %v\nafter  %v", before, after)
		}
	})
}

func short(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%s... (%d bytes)", s[:40], len(s))
	}
	return s
}

func jsonString(s string) string {
	b, _ := jsonMarshal(s)
	return string(b)
}

// TestReadPathCannotWrite: the read side's transactions run in READ access
// mode (ExecuteQuery with readers routing, as internal/query does), and
// Neo4j refuses writes in them even in Community, which has no read-only
// users. Were a query ever spliced, it still could not write.
func TestReadPathCannotWrite(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	_, err := neo4j.ExecuteQuery(ctx, driver, "CREATE (:Probe {id: 'x'})", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err == nil {
		t.Fatal("a write in a read transaction was accepted")
	}
	t.Logf("refused: %v", err)
	res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (n:Probe) RETURN count(n) AS n", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n != 0 {
		t.Errorf("%d probe nodes written", n)
	}
}
