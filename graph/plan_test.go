package graph_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// TestPlannedRoundTrips checks that nested queries on the planned root
// fields cost one Neo4j round trip, aliases and fragments included, and
// that a planned answer equals the one the resolvers give unplanned (a
// second relations list with other arguments turns the plan off).
func TestPlannedRoundTrips(t *testing.T) {
	e := seedEnv(t, server.Config{})
	var docs struct {
		Documents struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	if err := json.Unmarshal(e.post(`{ documents(first: 1) { edges { node { id } } } }`, nil, nil).Data, &docs); err != nil || len(docs.Documents.Edges) == 0 {
		t.Fatalf("no document in the fixture: %v", err)
	}
	doc := map[string]any{"doc": docs.Documents.Edges[0].Node.ID}
	const rel = `id type direction modality role sectors target { id name kind } evidence { id sentence start end title source publisher publishedAt document { id title } }`
	cases := []struct {
		name, query, unplanned string
		vars                   map[string]any
		want                   int64
		must                   string // in the planned answer, so empty lists cannot pass
	}{
		{"country relations target evidence",
			`{ country(id:"KZ") { id name relations { ` + rel + ` } } }`,
			`{ country(id:"KZ") { id name relations { ` + rel + ` } other: relations(first: 1) { id } } }`, nil, 1, `"evidence":[{"id":"doc:`},
		{"country relations out, first, alias and fragment",
			`query($first: Int) { country(id:"kz") { name rels: relations(direction: OUT, first: $first) { ...R } } } fragment R on Relation { ` + rel + ` }`,
			`query($first: Int) { country(id:"kz") { name rels: relations(direction: OUT, first: $first) { ...R } other: relations(first: 1) { id } } } fragment R on Relation { ` + rel + ` }`,
			map[string]any{"first": 3}, 1, `"sentence":"`},
		{"entity relations by type",
			`{ entity(id:"SCO") { id aliases relations(types: [MEMBER_OF], direction: IN) { id target { id name } } } }`,
			`{ entity(id:"SCO") { id aliases relations(types: [MEMBER_OF], direction: IN) { id target { id name } } other: relations(first: 1) { id } } }`, nil, 1, `"target":{"id":"KZ"`},
		{"country memberships", goldenQuery("country-kz-memberships"),
			`{ country(id:"KZ") { id name kind memberships { type role origin since target { id name } } other: relations(first: 1) { id } } }`,
			nil, 1, `"role":"founding_member"`},
		{"organization members",
			`{ organization(id:"SCO") { id members(first: 20) { id target { id name } } } }`,
			`{ organization(id:"SCO") { id members(first: 20) { id target { id name } } other: relations(first: 1) { id } } }`,
			nil, 1, `"target":{"id":"`},
		{"organization relations",
			`{ organization(id:"SCO") { id relations(first: 10) { id target { id } evidence { sentence } } } }`,
			`{ organization(id:"SCO") { id relations(first: 10) { id target { id } evidence { sentence } } other: relations(first: 1) { id } } }`, nil, 1, `"target":{"id":"AF"}`},
		{"neighbors depth 2",
			`{ neighbors(id:"SCO", depth: 2) { truncated nodes { id name } relationships { id type subject { id } object { id } evidence { sentence } } } }`,
			"", nil, 1, `"id":"KZ"`},
		{"neighbors depth 3, full nodes",
			`{ neighbors(id:"KZ", types: [MEMBER_OF, COOPERATES_WITH], depth: 3) { nodes { id aliases } relationships { type } } }`,
			"", nil, 1, `"id":"KZ"`},
		{"bilateral with evidence, shared nodes, sectors, timeline and documents",
			goldenQuery("bilateral-kz-tr"), "", nil, 1, `"sentence":"`},
		{"bilateral relations and documents", goldenQuery("bilateral-kz-qa"), "", nil, 1, `"civil-aviation"`},
		{"100 countries with relations and count",
			`{ entities(filter: {kind: COUNTRY}, first: 100) { totalCount pageInfo { hasNextPage } edges { cursor node { id name kind relationCount(direction: OUT) relations(direction: OUT, first: 5) { id type modality target { id name } evidence { sentence } } } } } }`,
			`{ entities(filter: {kind: COUNTRY}, first: 100) { totalCount pageInfo { hasNextPage } edges { cursor node { id name kind relationCount(direction: OUT) relations(direction: OUT, first: 5) { id type modality target { id name } evidence { sentence } } other: relations(first: 1) { id } other2: relationCount(types: [MEMBER_OF]) } } } }`,
			nil, 1, `"totalCount":`},
		{"entities by name, second page",
			`{ entities(filter: {nameStartsWith: "K"}, orderBy: {field: ID, direction: DESC}, first: 3, after: "bzox") { totalCount edges { node { id relations { id target { id } } } } } }`,
			`{ entities(filter: {nameStartsWith: "K"}, orderBy: {field: ID, direction: DESC}, first: 3, after: "bzox") { totalCount edges { node { id relations { id target { id } } other: relations(first: 1) { id } } } } }`,
			nil, 1, `"totalCount":`},
		{"relations with count, ends, evidence and documents",
			`{ relations(filter: {subject: "KZ"}, first: 10) { totalCount pageInfo { hasNextPage } edges { cursor node { ` + rel + ` subject { id name } object { id name } documents { id title } } } } }`,
			"", nil, 1, `"documents":[{"id":"doc:`},
		{"relations of a type, counted from the type counts",
			`{ relations(filter: {types: [MEMBER_OF]}, first: 3) { totalCount edges { node { id object { id aliases } } } } }`,
			"", nil, 1, `"totalCount":`},
		{"search hits with their entity's relations",
			`{ search(query: "Kazakhstan", first: 10) { score entity { id name relations(first: 3) { id target { id name } } } evidence { sentence document { id title } } mentions { id name } } }`,
			`{ search(query: "Kazakhstan", first: 10) { score entity { id name relations(first: 3) { id target { id name } } other: relations(first: 1) { id } } evidence { sentence document { id title } } mentions { id name } } }`,
			nil, 1, `"relations":[{"id":"`},
		{"documents with count and relations",
			`{ documents(first: 5) { totalCount edges { cursor node { id title relations(first: 5) { ` + rel + ` documents { id } } } } } }`,
			`{ documents(first: 5) { totalCount edges { cursor node { id title relations(first: 5) { ` + rel + ` documents { id } } other: relations(first: 1) { id } } } } }`,
			nil, 1, `"relations":[{"id":"`},
		{"document with relations",
			`query($doc: ID!) { document(id: $doc) { id title relations(first: 20) { ` + rel + ` } } }`,
			`query($doc: ID!) { document(id: $doc) { id title relations(first: 20) { ` + rel + ` } other: relations(first: 1) { id } } }`,
			doc, 1, `"relations":[{"id":"`},
		{"node: a document with relations",
			`query($doc: ID!) { node(id: $doc) { id ... on Document { title relations { id target { id } } } } }`,
			`query($doc: ID!) { node(id: $doc) { id ... on Document { title relations { id target { id } } other: relations(first: 1) { id } } } }`,
			doc, 1, `"relations":[{"id":"`},
		{"node: an entity with relations",
			`{ node(id: "KZ") { id ... on Entity { name relations(first: 5) { ` + rel + ` } } } }`,
			`{ node(id: "KZ") { id ... on Entity { name relations(first: 5) { ` + rel + ` } other: relations(first: 1) { id } } } }`,
			nil, 1, `"evidence":[{"id":"doc:`},
		{"bilateral relations with their documents and ends",
			`{ bilateral(a: "KZ", b: "TR") { a { id name } b { id } relations { id subject { id name } documents { id title } evidence { sentence } } } }`,
			"", nil, 1, `"documents":[{"id":"doc:`},
		{"neighbors, nodes only",
			`{ neighbors(id:"SCO", types: [MEMBER_OF], depth: 2) { truncated nodes { id name } } }`,
			`{ neighbors(id:"SCO", types: [MEMBER_OF], depth: 2) { truncated nodes { id name } other: relationships { id } } }`,
			nil, 1, `"id":"KZ"`},
		{"neighbors with documents",
			`{ neighbors(id: "KZ") { nodes { id } relationships { id documents { id title } } } }`,
			"", nil, 1, `"documents":[{"id":"doc:`},
		{"paths with evidence and documents",
			`{ paths(from: "KZ", to: "TR") { paths { length nodes { id name } relationships { id type evidence { sentence } documents { id } } } nodes { id } relationships { id subject { id } } } }`,
			"", nil, 1, `"sentence":"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.post(c.query, c.vars, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			if e.lastTrips != c.want {
				t.Errorf("%d round trips, want %d", e.lastTrips, c.want)
			}
			if !bytes.Contains(r.Data, []byte(c.must)) {
				t.Errorf("answer lacks %s:\n%s", c.must, r.Data)
			}
			if c.unplanned == "" {
				return
			}
			u := e.post(c.unplanned, c.vars, nil)
			if len(u.Errors) > 0 {
				t.Fatalf("unplanned errors: %+v", u.Errors)
			}
			var planned, loaded any
			if err := json.Unmarshal(r.Data, &planned); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(u.Data, &loaded); err != nil {
				t.Fatal(err)
			}
			if withoutOther(loaded); !reflect.DeepEqual(planned, loaded) {
				t.Errorf("planned:\n%s\nunplanned:\n%s", r.Data, u.Data)
			}
		})
	}
}

// withoutOther drops the fields aliased other and other2 (the unplanned
// variant's extra fields) from a decoded answer.
func withoutOther(v any) {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "other")
		delete(v, "other2")
		for _, w := range v {
			withoutOther(w)
		}
	case []any:
		for _, w := range v {
			withoutOther(w)
		}
	}
}

// TestBilateralEvidenceDocuments checks that the bilateral view reads its
// evidence's documents only when a field of theirs is selected, and
// answers the same either way.
func TestBilateralEvidenceDocuments(t *testing.T) {
	e := seedEnv(t, server.Config{})
	const full = `{ bilateral(a:"KZ", b:"TR") { relations { id evidence { id sentence start end title } } timeline { year relation { id evidence { id title } } } } }`
	r := e.post(full, nil, nil)
	if len(r.Errors) > 0 || !bytes.Contains(r.Data, []byte(`"title":"Kazakhstan and Middle Eastern countries"`)) {
		t.Fatalf("with titles: %s", r.text())
	}
	var want struct {
		Bilateral struct {
			Relations []struct {
				ID       string
				Evidence []struct {
					ID, Sentence, Title string
					Start, End          int
				}
			}
			Timeline json.RawMessage
		}
	}
	if err := json.Unmarshal(r.Data, &want); err != nil {
		t.Fatal(err)
	}
	slim := e.post(`{ bilateral(a:"KZ", b:"TR") { relations { id evidence { id sentence start end } } } }`, nil, nil)
	if len(slim.Errors) > 0 || e.lastTrips != 1 {
		t.Fatalf("sentences only: %d round trips, %s", e.lastTrips, slim.text())
	}
	got := want
	got.Bilateral.Relations = nil
	if err := json.Unmarshal(slim.Data, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Bilateral.Relations) != len(want.Bilateral.Relations) || len(got.Bilateral.Relations) == 0 {
		t.Fatalf("%d relations, want %d", len(got.Bilateral.Relations), len(want.Bilateral.Relations))
	}
	for i, rel := range want.Bilateral.Relations {
		for j := range rel.Evidence {
			rel.Evidence[j].Title = ""
		}
		if !reflect.DeepEqual(got.Bilateral.Relations[i], rel) {
			t.Errorf("relation %d: %+v, want %+v", i, got.Bilateral.Relations[i], rel)
		}
	}
	// The timeline's dated facts are the same facts: asking for their
	// evidence's titles there reads the documents even when the direct
	// facts ask for sentences only.
	mixed := e.post(`{ bilateral(a:"KZ", b:"TR") { relations { id evidence { sentence } } timeline { year relation { id evidence { id title } } } } }`, nil, nil)
	if len(mixed.Errors) > 0 {
		t.Fatalf("mixed: %s", mixed.text())
	}
	var m struct {
		Bilateral struct{ Timeline json.RawMessage }
	}
	if err := json.Unmarshal(mixed.Data, &m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Bilateral.Timeline, want.Bilateral.Timeline) {
		t.Errorf("timeline:\n%s\nwant\n%s", m.Bilateral.Timeline, want.Bilateral.Timeline)
	}
}
