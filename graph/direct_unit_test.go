package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
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

// escapeSeeds are strings with every byte the writer escapes or must not:
// HTML's <, > and &, quotes, backslashes, control characters, DEL,
// non-ASCII, U+2028 and U+2029, and invalid or truncated UTF-8.
var escapeSeeds = []string{
	"", "plain", `<script>alert("x")</script>`, "Tom & Jerry > Spike", `back\slash "quoted" \"`,
	"\t\n\r\x00\x01\x08\x0b\x0c\x1f\x7f", "Türkiye – 中文 😀", "line\u2028sep\u2029para",
	"\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xaa\xe2\x80", "\xff\xfe\xe2", "bad \xc3\x28 utf-8 \xed\xa0\x80", "\xe2",
}

// gqlgenString is what gqlgen's executor and transport make of s: its
// string marshaler's bytes, re-marshalled by encoding/json.
func gqlgenString(t testing.TB, s string) []byte {
	var b bytes.Buffer
	graphql.MarshalString(s).MarshalGQL(&b)
	out, err := json.Marshal(json.RawMessage(b.Bytes()))
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return out
}

// FuzzDirectString requires the writer's strings to be exactly what
// gqlgen's marshaler and encoding/json together make of them.
func FuzzDirectString(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	r := rand.New(rand.NewPCG(21, 2))
	const alphabet = "<>&\"\\\x00\x1f\x7f\xe2\x80\xa8\xa9\xffa\t"
	for range 500 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := &writer{}
		w.string(s)
		if want := gqlgenString(t, s); !bytes.Equal(w.buf, want) {
			t.Fatalf("%q: writer %q, gqlgen %q", s, w.buf, want)
		}
	})
}
