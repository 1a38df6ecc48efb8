package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/diplograph/diplograph/internal/store"

	"github.com/diplograph/diplograph/internal/errs"
)

// cypher runs a read query on the store's database and returns its rows.
func cypher(t testing.TB, s *store.Store, q string, params map[string]any) []map[string]any {
	t.Helper()
	rows, err := s.Query(context.Background(), q, params)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}

func TestDeleteDocument(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.LoadReference(ctx, gaz(t)); err != nil {
		t.Fatal(err)
	}
	afterReference := counts(t, s)
	load(t, s, docBExtraction())
	afterB := counts(t, s)
	load(t, s, docAExtraction())

	st, err := s.DeleteDocument(ctx, docA)
	if err != nil {
		t.Fatal(err)
	}
	want := store.DeleteStats{Document: docA, Sentences: 4, FactsDeleted: 3, FactsUpdated: 1, NodesDeleted: 1}
	if st != want {
		t.Errorf("DeleteDocument = %+v, want %+v", st, want)
	}
	// B's evidence is intact and the graph is what it was with B alone.
	rows := cypher(t, s, `
MATCH (:Country {id: 'QA'})-[r:COOPERATES_WITH]->(:Country {id: 'KZ'})
RETURN r.evidence AS evidence, r.documents AS documents, r.evidence_count AS n`, nil)
	if len(rows) != 1 || rows[0]["n"] != int64(1) || len(rows[0]["documents"].([]any)) != 1 || rows[0]["documents"].([]any)[0] != docB {
		t.Errorf("QA COOPERATES_WITH KZ after delete: %v", rows)
	}
	if n := cypher(t, s, `MATCH (n) WHERE n:Agreement OR n:Document AND n.id = $id RETURN count(n) AS n`, map[string]any{"id": docA})[0]["n"]; n != int64(0) {
		t.Errorf("%v nodes of the deleted document left", n)
	}
	// Sectors added by A stay (attributes are not tracked per document), so
	// compare nodes and relationships only.
	if got := counts(t, s); got.Nodes != afterB.Nodes || got.Relationships != afterB.Relationships {
		t.Errorf("after deleting A: %+v, want the nodes and relationships of B alone %+v", got, afterB)
	}
	if _, err := s.DeleteDocument(ctx, docA); !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("second delete = %v, want errs.ErrNotFound", err)
	}
	if _, err := s.DeleteDocument(ctx, docB); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, s); got.Nodes != afterReference.Nodes || got.Relationships != afterReference.Relationships {
		t.Errorf("after deleting both: %+v, want the reference data alone %+v", got, afterReference)
	}
}
