package ontology_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/internal/ontology"
)

// The relationship types are listed once, in ontology.Vocabulary. What is
// generated from it (the GraphQL enum) and what is written by hand next to
// it (Cypher migrations, the model diagram, the ontology document) must
// agree with it; these tests fail on drift and say what to change.

const root = "../.."

func read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func predicates() []string {
	out := make([]string, len(ontology.Predicates))
	for i, p := range ontology.Predicates {
		out[i] = string(p)
	}
	return out
}

func TestVocabularyIsWellFormed(t *testing.T) {
	seen := map[ontology.Predicate]bool{}
	for _, v := range ontology.Vocabulary {
		if seen[v.Predicate] {
			t.Errorf("%s listed twice", v.Predicate)
		}
		seen[v.Predicate] = true
		if !regexp.MustCompile(`^[A-Z][A-Z_]*[A-Z]$`).MatchString(string(v.Predicate)) {
			t.Errorf("%q is not an UPPER_SNAKE relationship type", v.Predicate)
		}
		if v.Doc == "" || len(v.From) == 0 || len(v.To) == 0 {
			t.Errorf("%s: doc, from and to are required", v.Predicate)
		}
		for _, l := range append(slices.Clone(v.From), v.To...) {
			if !l.Valid() || l == ontology.Document {
				t.Errorf("%s: %q is not an entity kind", v.Predicate, l)
			}
		}
		if !v.Predicate.Valid() {
			t.Errorf("%s is not Valid()", v.Predicate)
		}
	}
}

// The GraphQL enums are generated: run `go generate ./graph` after changing
// the ontology.
func TestGraphQLEnumsFollowTheOntology(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(root, "schema", "*.graphqls"))
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("load schema: %v", err)
	}
	type value struct{ name, doc string }
	var predicates, kinds, modalities []value
	for _, v := range ontology.Vocabulary {
		predicates = append(predicates, value{string(v.Predicate), v.Doc})
	}
	for _, k := range ontology.Kinds {
		kinds = append(kinds, value{strings.ToUpper(string(k.Label)), k.Doc})
	}
	for _, m := range ontology.Modalities {
		modalities = append(modalities, value{strings.ToUpper(string(m.Modality)), m.Doc})
	}
	for name, want := range map[string][]value{"Predicate": predicates, "EntityKind": kinds, "Modality": modalities} {
		enum := schema.Types[name]
		if enum == nil || enum.Kind != ast.Enum {
			t.Errorf("no enum %s in schema/*.graphqls (run go generate ./graph)", name)
			continue
		}
		var got []value
		for _, v := range enum.EnumValues {
			got = append(got, value{v.Name, v.Description})
		}
		if !slices.Equal(got, want) {
			t.Errorf("enum %s = %v,\nontology = %v (run go generate ./graph)", name, got, want)
		}
	}
}

// gqlgen.yml binds the EntityKind and Modality enums to the ontology's Go
// constants by hand (their values differ from the enum names); it must bind
// every one of them.
func TestGqlgenBindsEveryKindAndModality(t *testing.T) {
	yml := read(t, "gqlgen.yml")
	for _, k := range ontology.Kinds {
		name := strings.ToUpper(string(k.Label))
		if !regexp.MustCompile(`(?m)^\s+` + name + `: \{ value: github.com/diplograph/diplograph/internal/ontology\.` + string(k.Label) + ` \}`).MatchString(yml) {
			t.Errorf("gqlgen.yml does not bind EntityKind %s to ontology.%s", name, k.Label)
		}
	}
	names := map[ontology.Modality]string{ontology.Asserted: "Asserted", ontology.Expected: "Expected", ontology.Negated: "Negated", ontology.Reported: "Reported"}
	for _, m := range ontology.Modalities {
		name := strings.ToUpper(string(m.Modality))
		if !regexp.MustCompile(`(?m)^\s+` + name + `: \{ value: github.com/diplograph/diplograph/internal/ontology\.` + names[m.Modality] + ` \}`).MatchString(yml) {
			t.Errorf("gqlgen.yml does not bind Modality %s to ontology.%s", name, names[m.Modality])
		}
	}
}

// Every relationship type has its key constraint (the index the fact MERGE
// seeks on) and its (origin, modality) index; a new type needs a new
// migration file with both (applied migrations are never edited).
func TestMigrationsCoverEveryType(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(root, "schema", "migrations", "*.cypher"))
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	cypher := all.String()
	keyed := map[string]bool{}
	for _, m := range regexp.MustCompile(`FOR \(\)-\[r:(\w+)\]-\(\) REQUIRE r\.key IS UNIQUE`).FindAllStringSubmatch(cypher, -1) {
		keyed[m[1]] = true
	}
	indexed := map[string]bool{}
	for _, m := range regexp.MustCompile(`FOR \(\)-\[r:(\w+)\]-\(\) ON \(r\.origin, r\.modality\)`).FindAllStringSubmatch(cypher, -1) {
		indexed[m[1]] = true
	}
	for _, p := range predicates() {
		if !keyed[p] {
			t.Errorf("%s has no key constraint in schema/migrations (add a migration: CREATE CONSTRAINT ... FOR ()-[r:%s]-() REQUIRE r.key IS UNIQUE)", p, p)
		}
		if !indexed[p] {
			t.Errorf("%s has no (origin, modality) index in schema/migrations", p)
		}
	}
	for typ := range keyed {
		if !ontology.Predicate(typ).Valid() {
			t.Errorf("schema/migrations constrains %s, which the ontology does not have", typ)
		}
	}
}

// The model diagram in schema/README.md draws every relationship type.
func TestModelDiagramShowsEveryType(t *testing.T) {
	readme := read(t, "schema/README.md")
	i := strings.Index(readme, "```mermaid")
	j := strings.Index(readme[i+1:], "```")
	if i < 0 || j < 0 {
		t.Fatal("no mermaid diagram in schema/README.md")
	}
	diagram := readme[i : i+1+j]
	for _, p := range predicates() {
		if !regexp.MustCompile(`\b` + p + `\b`).MatchString(diagram) {
			t.Errorf("the model diagram in schema/README.md does not show %s", p)
		}
	}
}

// docs/ONTOLOGY.md has a row for every relationship type and no other.
func TestOntologyDocumentListsEveryType(t *testing.T) {
	doc := read(t, "docs/ONTOLOGY.md")
	var rows []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\|").FindAllStringSubmatch(doc, -1) {
		rows = append(rows, m[1])
	}
	if !slices.Equal(rows, predicates()) {
		t.Errorf("docs/ONTOLOGY.md relationship rows = %v,\nontology = %v", rows, predicates())
	}
}

func TestOntologyDocumentNamesTheSymmetricTypes(t *testing.T) {
	doc := read(t, "docs/ONTOLOGY.md")
	m := regexp.MustCompile("(?m)^(.*) (?:is|are) symmetric").FindStringSubmatch(doc)
	if m == nil {
		t.Fatal(`docs/ONTOLOGY.md has no sentence "... are symmetric"`)
	}
	var named []string
	for _, p := range regexp.MustCompile("`([A-Z_]+)`").FindAllStringSubmatch(m[1], -1) {
		named = append(named, p[1])
	}
	var want []string
	for _, v := range ontology.Vocabulary {
		if v.Symmetric {
			want = append(want, string(v.Predicate))
		}
		if v.Symmetric != v.Predicate.Symmetric() {
			t.Errorf("%s.Symmetric() disagrees with Vocabulary", v.Predicate)
		}
	}
	if !slices.Equal(named, want) {
		t.Errorf("docs/ONTOLOGY.md names %v as symmetric, ontology.Vocabulary %v", named, want)
	}
}
