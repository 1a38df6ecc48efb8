package store_test

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/store"
)

func gaz(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatalf("gazetteer: %v", err)
	}
	return g
}

func TestLoadReferenceTwiceChangesNothing(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	st, err := s.LoadReference(ctx, gaz(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.NodesCreated == 0 || st.RelationshipsCreated == 0 {
		t.Fatalf("first LoadReference wrote nothing: %+v", st)
	}
	before := counts(t, s)
	st, err = s.LoadReference(ctx, gaz(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.NodesCreated+st.RelationshipsCreated+st.RelationshipsDeleted+st.PropertiesSet != 0 {
		t.Errorf("second LoadReference wrote: %+v", st)
	}
	if after := counts(t, s); after != before {
		t.Errorf("counts changed: %+v -> %+v", before, after)
	}
}

func TestClaimsAndReferenceStayApart(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.LoadReference(ctx, gaz(t)); err != nil {
		t.Fatal(err)
	}
	load(t, s, docBExtraction()) // claims KZ founding_member of SCO, as the reference says
	rows := cypher(t, s, `
MATCH (:Country {id: 'KZ'})-[r:MEMBER_OF]->(:Organization {id: 'SCO'})
RETURN r.origin AS origin, r.role AS role, r.source AS source, r.evidence_count AS n ORDER BY origin`, nil)
	if len(rows) != 2 {
		t.Fatalf("KZ MEMBER_OF SCO: %d relationships, want a claim and a reference: %v", len(rows), rows)
	}
	if rows[0]["origin"] != store.OriginClaim || rows[0]["n"] != int64(1) {
		t.Errorf("claim = %v", rows[0])
	}
	if rows[1]["origin"] != store.OriginReference || rows[1]["source"] != store.SourceGazetteer || rows[1]["n"] != nil {
		t.Errorf("reference = %v", rows[1])
	}
	// The reference node keeps its gazetteer name; the claim adds aliases.
	rows = cypher(t, s, `MATCH (n:Entity {id: 'KZ'}) RETURN n.name AS name, n.reference AS ref`, nil)
	if rows[0]["ref"] != true {
		t.Errorf("KZ node: %v", rows[0])
	}
	if _, err := s.LoadReference(ctx, gaz(t)); err != nil {
		t.Fatal(err)
	}
	if n := cypher(t, s, `MATCH ()-[r {origin: 'claim'}]->() RETURN count(r) AS n`, nil)[0]["n"]; n != int64(len(docBExtraction().Relations)) {
		t.Errorf("reloading the reference left %v claims, want %d", n, len(docBExtraction().Relations))
	}
}
