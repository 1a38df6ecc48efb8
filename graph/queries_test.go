package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// TestQueries runs every query of the schema once over the fixture and
// checks one fact of each answer.
func TestQueries(t *testing.T) {
	e := newEnv(t, server.Config{}, true)
	tests := []struct {
		name  string
		query string
		must  []string
	}{
		{"node entity", `{ node(id:"KZ") { id ... on Entity { name kind } } }`, []string{`"name":"Kazakhstan"`, `"kind":"COUNTRY"`}},
		{"node document", `{ node(id:"doc:00000000000000aa") { ... on Document { title } } }`, []string{`"title":"Kazakhstan and the Middle East"`}},
		{"node absent", `{ node(id:"nothing") { id } }`, []string{`"node":null`}},
		{"entity", `{ entity(id:"agreement:kz-tr-free-trade-2017") { kind category year reference } }`, []string{`"kind":"AGREEMENT"`, `"category":"free_trade"`, `"year":2017`, `"reference":false`}},
		{"country lower case", `{ country(id:"kz") { id } }`, []string{`"id":"KZ"`}},
		{"organization members", `{ organization(id:"SCO") { name members(first: 50) { role subject { id } } } }`, []string{`"id":"KZ"`, `"role":"founding_member"`}},
		{"entities filtered", `{ entities(filter:{kind:COUNTRY, nameStartsWith:"kaz"}) { totalCount edges { node { id } } } }`, []string{`"totalCount":1`, `"id":"KZ"`}},
		{"entities by membership", `{ entities(filter:{memberOf:"OTS"}, orderBy:{field:ID}) { edges { node { id } } } }`, []string{`"id":"TR"`, `"id":"KZ"`}},
		{"entities by region", `{ entities(filter:{region:"region:central-asia", nameContains:"stan"}) { edges { node { id } } } }`, []string{`"id":"KZ"`}},
		{"entities paging", `{ entities(filter:{kind:COUNTRY}, first: 2, after:"bzox") { pageInfo { hasNextPage hasPreviousPage startCursor } edges { cursor } } }`, []string{`"hasNextPage":true`, `"hasPreviousPage":true`, `"startCursor":"bzoy"`}},
		{"relations filtered", `{ relations(filter:{subject:"QA", types:[COOPERATES_WITH]}) { edges { node { mechanism sectors object { id } evidence { sentence publisher publishedAt source } documents { id } } } } }`,
			[]string{`"mechanism":"joint higher committee"`, `"civil-aviation"`, `"publisher":"Example Institute"`, `"publishedAt":"2024-01-15"`}},
		{"relations dated", `{ relations(filter:{since:2017, until:2017, document:"doc:00000000000000aa"}) { edges { node { type year subject { id } } } } }`, []string{`"type":"PARTY_TO"`, `"year":2017`}},
		{"relations by modality", `{ relations(filter:{modality:NEGATED}) { edges { cursor } } }`, []string{`"edges":[]`}},
		{"entity relations by type and direction", `{ country(id:"QA") { relations(types:[COOPERATES_WITH], direction:OUT) { direction target { id } } } }`, []string{`"direction":"OUT"`, `"id":"KZ"`}},
		{"document", `{ document(id:"doc:00000000000000aa") { title relations { type } } }`, []string{`"PARTNER_IN"`}},
		{"documents", `{ documents { totalCount edges { node { id } } } }`, []string{`"totalCount":1`}},
		{"neighbors by type", `{ neighbors(id:"KZ", types:[PARTY_TO], depth:2) { nodes { id } } }`, []string{`"id":"TR"`}},
		{"paths short", `{ paths(from:"IR", to:"KZ", maxHops:2) { paths { length } nodes { id } relationships { type } } }`, []string{`"length":2`, `"id":"project:kz-ir-gas-pipeline"`}},
		{"search", `{ search(query:"Türkiye", first: 5) { entity { id } } }`, []string{`"id":"TR"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.post(tt.query, nil, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			for _, m := range tt.must {
				if !strings.Contains(string(r.Data), m) {
					t.Errorf("answer lacks %s: %s", m, r.Data)
				}
			}
		})
	}
	bad := []struct{ name, query, code string }{
		{"bilateral absent", `{ bilateral(a:"KZ", b:"XX") { a { id } } }`, "NOT_FOUND"},
		{"bilateral with itself", `{ bilateral(a:"KZ", b:"KZ") { a { id } } }`, "BAD_USER_INPUT"},
		{"paths too long", `{ paths(from:"KZ", to:"TR", maxHops: 5) { nodes { id } } }`, "BAD_USER_INPUT"},
		{"organization is a country", `{ organization(id:"KZ") { id } }`, "NOT_FOUND"},
		{"document absent", `{ document(id:"doc:ffff") { id } }`, "NOT_FOUND"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if r := e.post(tt.query, nil, nil); !slices.Equal(r.codes(), []string{tt.code}) {
				t.Errorf("codes = %v, want [%s]", r.codes(), tt.code)
			}
		})
	}
}
