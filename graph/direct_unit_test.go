package graph

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
)

// TestDirectCovers pins which shapes the direct path answers (no Neo4j:
// compiling and binding read the query and its variables only).
func TestDirectCovers(t *testing.T) {
	cases := []struct {
		name, query string
		vars        map[string]any
		want        bool
	}{
		{"country", `{ country(id: "KZ") { id relations(first: 5) { id target { name } } } }`, nil, true},
		{"variables", `query($n: Int) { country(id: "KZ") { relations(first: $n) { id } } }`, map[string]any{"n": 5}, true},
		{"bad variable value", `query($n: Int) { country(id: "KZ") { relations(first: $n) { id } } }`, map[string]any{"n": 500}, false},
		{"fragments", `{ entities(first: 2) { edges { node { ...E } } } } fragment E on Entity { id ... on Node { id } relationCount }`, nil, true},
		{"search hit relations", `{ search(query: "x") { entity { memberships { id } } } }`, nil, true},
		{"mention relations", `{ search(query: "x") { mentions { memberships { id } } } }`, nil, false},
		{"bilateral", `{ bilateral(a: "KZ", b: "TR") { timeline { label relation { id } node { id } } } }`, nil, true},
		{"paths", `{ paths(from: "KZ", to: "TR") { nodes { id } } }`, nil, false},
		{"mutation", `mutation { undoReview(id: "x") { id } }`, nil, false},
		{"skip", `{ country(id: "KZ") { id @skip(if: true) } }`, nil, false},
		{"fragment directive", `{ country(id: "KZ") { ...E @include(if: true) } } fragment E on Entity { id }`, nil, false},
		{"document", `{ document(id: "doc:1") { id } }`, nil, false},
		{"typename only", `{ __typename }`, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DirectCovers(c.query, "", c.vars); got != c.want {
				t.Errorf("covers %v, want %v", got, c.want)
			}
		})
	}
}

// TestLimitsVerdictCache checks a cached verdict refuses as the first
// check did, with an error of its own each time.
func TestLimitsVerdictCache(t *testing.T) {
	l := Limits{MaxAliases: 1, Verdicts: lru.New[*limitVerdict](10)}
	ctx := context.Background()
	q := `{ a: __typename b: __typename }`
	first := l.MutateOperationParameters(ctx, &graphql.RawParams{Query: q})
	second := l.MutateOperationParameters(ctx, &graphql.RawParams{Query: q})
	if first == nil || second == nil || first == second || first.Message != second.Message ||
		first.Extensions["reason"] != "ALIAS_LIMIT_EXCEEDED" || second.Extensions["reason"] != "ALIAS_LIMIT_EXCEEDED" {
		t.Fatalf("verdicts: %v, %v", first, second)
	}
	if err := l.MutateOperationParameters(ctx, &graphql.RawParams{Query: `{ __typename }`}); err != nil {
		t.Fatalf("refused a query within the limits: %v", err)
	}
}
