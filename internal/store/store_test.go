package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// newStore returns a store over the wiped test database, migrated.
func newStore(t testing.TB) *store.Store {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	s := store.New(driver, db)
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

func counts(t testing.TB, s *store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

// doc builds an extraction by hand: sentences are laid out one after the
// other, and each relation's evidence is the sentence at its index.
type docBuilder struct {
	x      ontology.Extraction
	offset int
}

func newDoc(id string) *docBuilder {
	return &docBuilder{x: ontology.Extraction{Document: ontology.Doc{ID: id, Title: "Test " + id, Source: "test"}}}
}

func (b *docBuilder) entity(id string, l ontology.Label, name string, props map[string]any) *docBuilder {
	b.x.Entities = append(b.x.Entities, ontology.Entity{ID: id, Label: l, Name: name, Aliases: []string{name}, Properties: props})
	return b
}

func (b *docBuilder) fact(subject string, p ontology.Predicate, object string, m ontology.Modality, props map[string]any, sentence string) *docBuilder {
	start := b.offset
	end := start + len([]rune(sentence))
	b.offset = end + 1
	b.x.Document.Length = b.offset
	b.x.Relations = append(b.x.Relations, ontology.Relation{
		Subject: subject, Predicate: p, Object: object, Properties: props, Modality: m, Confidence: 0.8,
		Evidence: []ontology.Evidence{{Document: b.x.Document.ID, Sentence: sentence, Start: start, End: end}},
	})
	return b
}

func (b *docBuilder) build() *ontology.Extraction { x := b.x; return &x }

// countries adds the entities the hand-built documents use.
func (b *docBuilder) countries() *docBuilder {
	return b.entity("KZ", ontology.Country, "Kazakhstan", nil).
		entity("TR", ontology.Country, "Türkiye", nil).
		entity("IR", ontology.Country, "Iran", nil).
		entity("SA", ontology.Country, "Saudi Arabia", nil).
		entity("QA", ontology.Country, "Qatar", nil).
		entity("SCO", ontology.Organization, "Shanghai Cooperation Organization", map[string]any{"kind": "intergovernmental"})
}

const (
	docA = "doc:aaaaaaaaaaaaaaaa"
	docB = "doc:bbbbbbbbbbbbbbbb"
)

func docAExtraction() *ontology.Extraction {
	return newDoc(docA).countries().
		entity("agreement:kz-tr-free-trade-2017", ontology.Agreement, "free trade agreement", map[string]any{"kind": "free_trade", "year": 2017.0}).
		fact("KZ", ontology.PartyTo, "agreement:kz-tr-free-trade-2017", ontology.Asserted, map[string]any{"role": "signatory"},
			"In 2017, Kazakhstan and Türkiye signed a free trade agreement.").
		fact("TR", ontology.PartyTo, "agreement:kz-tr-free-trade-2017", ontology.Asserted, map[string]any{"role": "signatory"},
			"In 2017, Kazakhstan and Türkiye signed a free trade agreement.").
		fact("IR", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "observer"},
			"Kazakhstan cooperates with observer states such as Iran and Saudi Arabia.").
		fact("QA", ontology.CooperatesWith, "KZ", ontology.Asserted, map[string]any{"sectors": []any{"trade", "investment"}},
			"Qatar and Kazakhstan discussed cooperation in trade and investment.").
		build()
}

func docBExtraction() *ontology.Extraction {
	return newDoc(docB).countries().
		fact("QA", ontology.CooperatesWith, "KZ", ontology.Asserted, map[string]any{"sectors": []any{"trade", "shipping"}},
			"Qatar and Kazakhstan agreed to cooperate in trade and shipping.").
		fact("KZ", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "founding_member"},
			"Kazakhstan is a founding member of the SCO.").
		build()
}
