package query_test

import (
	"context"
	"os"
	"testing"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/store"
)

// These tests run the read side's Cypher against a real Neo4j; the graph
// is written with the store (the tests may use the write side; the
// package may not).
func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// setup returns a migrated, empty database with the reference data of g
// and the claims of docs, and a reader over it.
func setup(t *testing.T, g *gazetteer.Gazetteer, docs ...*ontology.Extraction) *query.DB {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	st := store.New(driver, db)
	ctx := context.Background()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadReference(ctx, g); err != nil {
		t.Fatal(err)
	}
	for _, x := range docs {
		if _, err := st.Load(ctx, x); err != nil {
			t.Fatalf("load %s: %v", x.Document.ID, err)
		}
	}
	return query.New(driver, db)
}

// doc builds a document whose sentences follow each other; each fact's
// evidence is its own sentence.
type doc struct {
	x      ontology.Extraction
	offset int
}

func newDoc(id string) *doc {
	d := &doc{x: ontology.Extraction{Document: ontology.Doc{ID: id, Title: "Test " + id}}}
	for _, e := range []ontology.Entity{
		{ID: "IR", Label: ontology.Country, Name: "Iran"},
		{ID: "KZ", Label: ontology.Country, Name: "Kazakhstan"},
		{ID: "QA", Label: ontology.Country, Name: "Qatar"},
		{ID: "SCO", Label: ontology.Organization, Name: "Shanghai Cooperation Organization", Properties: map[string]any{"kind": "intergovernmental"}},
	} {
		e.Aliases = []string{e.Name}
		d.x.Entities = append(d.x.Entities, e)
	}
	return d
}

func (d *doc) fact(subject string, p ontology.Predicate, object string, m ontology.Modality, props map[string]any, sentence string) *doc {
	start := d.offset
	end := start + len([]rune(sentence))
	d.offset = end + 1
	d.x.Document.Length = d.offset
	d.x.Relations = append(d.x.Relations, ontology.Relation{
		Subject: subject, Predicate: p, Object: object, Properties: props, Modality: m, Confidence: 0.8,
		Evidence: []ontology.Evidence{{Document: d.x.Document.ID, Sentence: sentence, Start: start, End: end}},
	})
	return d
}

// sco is a gazetteer whose SCO membership is complete, with Iran an
// observer until 2023 and a member since.
func sco() *gazetteer.Gazetteer {
	return &gazetteer.Gazetteer{
		Countries: []gazetteer.Country{
			{ID: "IR", Name: "Iran", UNStatus: "member"},
			{ID: "KZ", Name: "Kazakhstan", UNStatus: "member"},
			{ID: "QA", Name: "Qatar", UNStatus: "member"},
		},
		Organizations: []gazetteer.Organization{
			{ID: "SCO", Name: "Shanghai Cooperation Organisation", Kind: "intergovernmental", Acronyms: []string{"SCO"}, Founded: 2001,
				Members: []gazetteer.Membership{
					{Member: "KZ", Role: "founding_member", Since: 2001},
					{Member: "IR", Role: "observer", Since: 2005, Until: 2023},
					{Member: "IR", Role: "member", Since: 2023},
				}},
		},
	}
}

const docA, docC = "doc:aaaaaaaaaaaaaaaa", "doc:cccccccccccccccc"

func TestConflicts(t *testing.T) {
	a := newDoc(docA).
		fact("IR", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "observer"},
			"Kazakhstan cooperates with observer states such as Iran.").
		fact("KZ", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "founding_member"},
			"Kazakhstan is a founding member of the SCO.")
	c := newDoc(docC).
		fact("IR", ontology.MemberOf, "SCO", ontology.Negated, map[string]any{"role": "observer"},
			"Iran is not an observer of the SCO.").
		fact("QA", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "member"},
			"Qatar is a member of the SCO.")
	db := setup(t, sco(), &a.x, &c.x)
	ctx, counter := query.WithCounter(context.Background())
	got, err := db.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.Count(); n != 1 {
		t.Errorf("%d round trips, want 1", n)
	}
	find := func(kind query.ConflictKind, subject string) *query.Conflict {
		for i, c := range got {
			if c.Kind == kind && c.Subject.ID == subject {
				return &got[i]
			}
		}
		return nil
	}
	ir := find(query.ReferenceRole, "IR")
	if ir == nil {
		t.Fatalf("no reference_role conflict for IR in %+v", got)
	}
	if ir.Object.ID != "SCO" || ir.Claim.Role != "observer" || ir.Reference == nil || ir.Reference.Role != "member" ||
		ir.Reference.Since != 2023 || ir.Reference.Until != 0 {
		t.Errorf("IR conflict = %+v (reference %+v)", ir, ir.Reference)
	}
	if len(ir.Claim.Sentences) != 1 || ir.Claim.Sentences[0].Document != docA || ir.Claim.Sentences[0].Text == "" {
		t.Errorf("IR claim evidence = %+v", ir.Claim.Sentences)
	}
	// What the API shows of the conflict comes with it.
	if s, o := ir.SubjectEntity, ir.ObjectEntity; s == nil || s.ID != "IR" || s.Name != "Iran" || s.Label != ontology.Country ||
		o == nil || o.ID != "SCO" || o.Label != ontology.Organization {
		t.Errorf("IR conflict ends = %+v, %+v", s, o)
	}
	if d := ir.Claim.Docs; len(d) != 1 || d[0].ID != docA || d[0].Title != "Test "+docA {
		t.Errorf("IR claim documents = %+v", d)
	}
	if ev := ir.Claim.Evidence; len(ev) != 1 || ev[0].ID != ir.Claim.Sentences[0].ID || ev[0].Text != ir.Claim.Sentences[0].Text ||
		ev[0].End <= ev[0].Start || ev[0].Document.ID != docA || ev[0].Document.Title != "Test "+docA {
		t.Errorf("IR claim sentences = %+v", ev)
	}
	if find(query.NoReference, "QA") == nil {
		t.Errorf("no no_reference_membership conflict for QA in %+v", got)
	}
	if c := find(query.ClaimNegation, "IR"); c == nil || c.Other == nil {
		t.Errorf("no claim_negation conflict for IR in %+v", got)
	} else if c.SubjectEntity == nil || c.SubjectEntity.ID != "IR" || len(c.Other.Evidence) != 1 || len(c.Other.Docs) != 1 ||
		c.Other.Evidence[0].Document.ID != c.Other.Docs[0].ID {
		t.Errorf("claim_negation for IR lacks its ends, documents or evidence: %+v (other %+v)", c, c.Other)
	}
	if c := find(query.ReferenceRole, "KZ"); c != nil {
		t.Errorf("KZ founding member agrees with the reference, got %+v", c)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].Kind > got[i].Kind {
			t.Errorf("not sorted by kind: %s before %s", got[i-1].Kind, got[i].Kind)
		}
	}
}

func TestSeedGazetteerIranConflict(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	a := newDoc(docA).fact("IR", ontology.MemberOf, "SCO", ontology.Asserted, map[string]any{"role": "observer"},
		"Kazakhstan cooperates with observer states such as Iran.")
	got, err := setup(t, g, &a.x).Conflicts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range got {
		if c.Kind == query.ReferenceRole && c.Subject.ID == "IR" && c.Object.ID == "SCO" && c.Reference.Role == "member" {
			return
		}
	}
	t.Errorf("no reference_role conflict for IR observer of the SCO against the shipped gazetteer: %+v", got)
}
