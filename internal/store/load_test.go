package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"

	"github.com/diplograph/diplograph/internal/errs"
)

func load(t testing.TB, s *store.Store, x *ontology.Extraction) store.LoadStats {
	t.Helper()
	st, err := s.Load(context.Background(), x)
	if err != nil {
		t.Fatalf("Load %s: %v", x.Document.ID, err)
	}
	return st
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	s := newStore(t)
	first := load(t, s, docAExtraction())
	if first.NodesCreated == 0 || first.RelationshipsCreated == 0 {
		t.Fatalf("first load wrote nothing: %+v", first)
	}
	before := counts(t, s)
	second := load(t, s, docAExtraction())
	if !second.Unchanged() {
		t.Errorf("second load wrote: %+v", second)
	}
	if after := counts(t, s); after != before {
		t.Errorf("counts changed on re-load: %+v -> %+v", before, after)
	}
}

func TestSameFactFromTwoDocuments(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	s := store.New(driver, db)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	load(t, s, docAExtraction())
	load(t, s, docBExtraction())
	res, err := neo4j.ExecuteQuery(ctx, driver, `
MATCH (:Country {id: 'QA'})-[r:COOPERATES_WITH]->(:Country {id: 'KZ'})
RETURN r.evidence AS evidence, r.documents AS documents, r.evidence_count AS n, r.sectors AS sectors`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("QA COOPERATES_WITH KZ: %d relationships, want 1", len(res.Records))
	}
	rec := res.Records[0]
	ev, _, _ := neo4j.GetRecordValue[[]any](rec, "evidence")
	docs, _, _ := neo4j.GetRecordValue[[]any](rec, "documents")
	n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
	sectors, _, _ := neo4j.GetRecordValue[[]any](rec, "sectors")
	if len(ev) != 2 || n != 2 {
		t.Errorf("evidence = %v (count %d), want 2 entries", ev, n)
	}
	if !slices.Equal(docs, []any{docA, docB}) {
		t.Errorf("documents = %v, want [%s %s]", docs, docA, docB)
	}
	for _, want := range []any{"trade", "investment", "shipping"} {
		if !slices.Contains(sectors, want) {
			t.Errorf("sectors %v lack %v", sectors, want)
		}
	}
	for _, e := range ev {
		res, err := neo4j.ExecuteQuery(ctx, driver, `
MATCH (s:Sentence {id: $id})-[:IN_DOCUMENT]->(d:Document), (s)-[:MENTIONS]->(q:Entity {id: 'QA'})
RETURN d.id AS doc`, map[string]any{"id": e}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Records) != 1 {
			t.Errorf("evidence %v: no Sentence in a Document mentioning QA", e)
		}
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	good := docAExtraction
	tests := []struct {
		name   string
		mutate func(x *ontology.Extraction)
		want   string
	}{
		{"bad document id", func(x *ontology.Extraction) { x.Document.ID = "doc:xyz" }, "document id"},
		{"unknown label", func(x *ontology.Extraction) { x.Entities[0].Label = "Planet" }, "unknown label"},
		{"empty entity id", func(x *ontology.Extraction) { x.Entities[0].ID = " " }, "empty id"},
		{"unknown predicate", func(x *ontology.Extraction) { x.Relations[0].Predicate = "LIKES" }, "unknown predicate"},
		{"unknown modality", func(x *ontology.Extraction) { x.Relations[0].Modality = "rumoured" }, "unknown modality"},
		{"unlisted subject", func(x *ontology.Extraction) { x.Relations[0].Subject = "XX" }, "not among the entities"},
		{"offsets reversed", func(x *ontology.Extraction) {
			x.Relations[0].Evidence[0].Start = 50
			x.Relations[0].Evidence[0].End = 10
		}, "offsets"},
		{"offsets past end", func(x *ontology.Extraction) { x.Relations[0].Evidence[0].End = x.Document.Length + 5 }, "offsets"},
		{"evidence of other document", func(x *ontology.Extraction) { x.Relations[0].Evidence[0].Document = docB }, "names document"},
		{"no evidence", func(x *ontology.Extraction) { x.Relations[0].Evidence = nil }, "no evidence"},
		{"map property", func(x *ontology.Extraction) { x.Relations[0].Properties["role"] = map[string]any{"a": 1} }, "scalar"},
		{"mixed list", func(x *ontology.Extraction) { x.Relations[0].Properties["years"] = []any{1.0, "x"} }, "mixes"},
		{"reserved property", func(x *ontology.Extraction) { x.Relations[0].Properties["evidence"] = "x" }, "written by the loader"},
		{"confidence above 1", func(x *ontology.Extraction) { x.Relations[0].Confidence = 2 }, "confidence"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := good()
			tc.mutate(x)
			err := store.Validate(x)
			if !errors.Is(err, errs.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate = %v, want errs.ErrInvalid mentioning %q", err, tc.want)
			}
		})
	}
	t.Run("nothing written", func(t *testing.T) {
		s := newStore(t)
		before := counts(t, s)
		x := good()
		x.Relations[len(x.Relations)-1].Predicate = "LIKES"
		if _, err := s.Load(context.Background(), x); !errors.Is(err, errs.ErrInvalid) {
			t.Fatalf("Load = %v, want errs.ErrInvalid", err)
		}
		if after := counts(t, s); after != before {
			t.Errorf("rejected load changed counts: %+v -> %+v", before, after)
		}
	})
	if err := store.Validate(good()); err != nil {
		t.Errorf("Validate(good) = %v", err)
	}
}
