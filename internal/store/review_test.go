package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
)

// factKey is the key of the claim subject -p-> object read as asserted.
func factKey(subject string, p ontology.Predicate, object string) string {
	return store.FactKey(subject, p, object, ontology.Asserted, store.OriginClaim, map[string]any{})
}

func verdictOf(t *testing.T, s *store.Store, key string) string {
	t.Helper()
	rows := cypher(t, s, "OPTIONAL MATCH (c:Verdict {fact: $key}) RETURN c.verdict AS v", map[string]any{"key": key})
	v, _ := rows[0]["v"].(string)
	return v
}

func TestReviewFactAndUndo(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	x := newDoc(docA).countries().
		fact("KZ", ontology.MemberOf, "SCO", ontology.Asserted, nil, "Kazakhstan is a member of the SCO.").
		fact("KZ", ontology.CooperatesWith, "TR", ontology.Asserted, nil, "Kazakhstan and Türkiye cooperate.").build()
	load(t, s, x)
	key := factKey("KZ", ontology.MemberOf, "SCO")

	tests := []struct {
		name, verdict, want string
	}{
		{"confirm", store.Confirmed, store.Confirmed},
		{"reject later wins", store.Rejected, store.Rejected},
	}
	var last store.Decision
	for _, tt := range tests {
		d, err := s.ReviewFact(ctx, key, tt.verdict, "alice", "note "+tt.name)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if d.Subject != "KZ" || d.Predicate != "MEMBER_OF" || d.Object != "SCO" || d.By != "alice" || d.Action != tt.verdict {
			t.Errorf("%s: decision %+v", tt.name, d)
		}
		if got := verdictOf(t, s, key); got != tt.want {
			t.Errorf("%s: verdict %q, want %q", tt.name, got, tt.want)
		}
		last = d
	}
	// Undo the rejection: the confirmation stands again.
	if _, err := s.UndoReview(ctx, last.ID, "bob"); err != nil {
		t.Fatal(err)
	}
	if got := verdictOf(t, s, key); got != store.Confirmed {
		t.Errorf("after undo: verdict %q, want CONFIRMED", got)
	}
	if _, err := s.UndoReview(ctx, last.ID, "bob"); !errors.Is(err, errs.ErrInvalid) {
		t.Errorf("second undo: %v, want ErrInvalid", err)
	}
	all, err := s.Reviews(ctx, store.ReviewFilter{Fact: key})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].UndoneBy != "bob" {
		t.Errorf("audit trail: %+v", all)
	}

	for _, bad := range []struct {
		name          string
		key, verdict  string
		by, note      string
		wantNotFound  bool
		wantInvalidOK bool
	}{
		{name: "unknown fact", key: "0123456789abcdef0123456789abcdef", verdict: store.Rejected, by: "a", wantNotFound: true},
		{name: "bad verdict", key: key, verdict: "MAYBE", by: "a"},
		{name: "no reviewer", key: key, verdict: store.Rejected, by: " "},
		{name: "huge note", key: key, verdict: store.Rejected, by: "a", note: string(make([]byte, store.MaxNote+1))},
		{name: "cypher in key", key: "x' OR 1=1 //", verdict: store.Rejected, by: "a", wantNotFound: true},
	} {
		_, err := s.ReviewFact(ctx, bad.key, bad.verdict, bad.by, bad.note)
		want := errs.ErrInvalid
		if bad.wantNotFound {
			want = errs.ErrNotFound
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", bad.name, err, want)
		}
	}
}

func TestConcurrentReviewsOfOneFact(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	load(t, s, newDoc(docA).countries().
		fact("KZ", ontology.MemberOf, "SCO", ontology.Asserted, nil, "Kazakhstan is a member of the SCO.").build())
	key := factKey("KZ", ontology.MemberOf, "SCO")
	var wg sync.WaitGroup
	for i, v := range []string{store.Confirmed, store.Rejected, store.Confirmed, store.Rejected} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.ReviewFact(ctx, key, v, []string{"a", "b", "c", "d"}[i], ""); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	all, err := s.Reviews(ctx, store.ReviewFilter{Fact: key})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Fatalf("audit trail has %d decisions, want 4", len(all))
	}
	// The standing verdict is the one written last.
	rows := cypher(t, s, "MATCH (c:Verdict {fact: $key}) MATCH (v:Review {id: c.review}) RETURN c.verdict AS c, v.action AS v, count(c) AS n", map[string]any{"key": key})
	if len(rows) != 1 || rows[0]["c"] != rows[0]["v"] {
		t.Errorf("verdict and its review disagree: %v", rows)
	}
}

func TestAddedFactSurvivesDeleteAndReload(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	x := newDoc(docA).countries().
		fact("KZ", ontology.MemberOf, "SCO", ontology.Asserted, nil, "Kazakhstan is a member of the SCO.").build()
	x.Text = "Kazakhstan is a member of the SCO. Iran and Qatar signed a gas deal."
	x.Document.Length = len([]rune(x.Text))
	load(t, s, x)

	add := store.NewFact{Relation: ontology.Relation{Subject: "IR", Predicate: ontology.CooperatesWith, Object: "QA",
		Properties: map[string]any{"sectors": []any{"energy"}},
		Evidence:   []ontology.Evidence{{Document: docA, Sentence: "Iran and Qatar signed a gas deal.", Start: 35, End: 68}}}, Note: "missed"}
	d, err := s.AddFact(ctx, add, "alice")
	if err != nil {
		t.Fatal(err)
	}
	person := func() int {
		rows := cypher(t, s, "MATCH (:Country {id: 'IR'})-[r:COOPERATES_WITH {origin: 'person'}]->(:Country {id: 'QA'}) RETURN count(r) AS n", nil)
		return int(rows[0]["n"].(int64))
	}
	if person() != 1 || verdictOf(t, s, d.Fact) != store.Confirmed {
		t.Fatalf("added fact: %d relationships, verdict %q", person(), verdictOf(t, s, d.Fact))
	}

	for _, bad := range []struct {
		name string
		f    func(store.NewFact) store.NewFact
		want error
	}{
		{"unknown document", func(f store.NewFact) store.NewFact { f.Relation.Evidence[0].Document = docB; return f }, errs.ErrNotFound},
		{"unknown end", func(f store.NewFact) store.NewFact { f.Relation.Object = "XX"; return f }, errs.ErrNotFound},
		{"kinds the type forbids", func(f store.NewFact) store.NewFact {
			f.Relation.Predicate, f.Relation.Object = ontology.LocatedIn, "QA"
			return f
		}, errs.ErrInvalid},
		{"reserved property", func(f store.NewFact) store.NewFact {
			f.Relation.Properties = map[string]any{"origin": "claim"}
			return f
		}, errs.ErrInvalid},
	} {
		f := add
		f.Relation.Evidence = []ontology.Evidence{add.Relation.Evidence[0]}
		if _, err := s.AddFact(ctx, bad.f(f), "alice"); !errors.Is(err, bad.want) {
			t.Errorf("%s: %v, want %v", bad.name, err, bad.want)
		}
	}

	st, err := s.DeleteDocument(ctx, docA)
	if err != nil {
		t.Fatal(err)
	}
	if person() != 0 || st.Decisions != 1 {
		t.Errorf("after delete: %d person facts, %d decisions reported; want 0 and 1", person(), st.Decisions)
	}
	load(t, s, x)
	if person() != 1 || verdictOf(t, s, d.Fact) != store.Confirmed {
		t.Errorf("after reload: %d person facts, verdict %q; want 1 and CONFIRMED", person(), verdictOf(t, s, d.Fact))
	}
	if _, err := s.UndoReview(ctx, d.ID, "bob"); err != nil {
		t.Fatal(err)
	}
	if person() != 0 || verdictOf(t, s, d.Fact) != "" {
		t.Errorf("after undo: %d person facts, verdict %q", person(), verdictOf(t, s, d.Fact))
	}
}

func TestMergeEntitiesRedirectsLaterLoadsAndUndoes(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	x := newDoc(docA).countries().
		entity("project:tapi", ontology.Project, "TAPI pipeline", nil).
		entity("project:tapi-gas-pipeline", ontology.Project, "TAPI gas pipeline", nil).
		fact("KZ", ontology.PartnerIn, "project:tapi", ontology.Asserted, nil, "Kazakhstan joins TAPI.").
		fact("TR", ontology.PartnerIn, "project:tapi-gas-pipeline", ontology.Asserted, nil, "Türkiye joins the TAPI gas pipeline.").build()
	load(t, s, x)
	rejected := factKey("TR", ontology.PartnerIn, "project:tapi-gas-pipeline")
	if _, err := s.ReviewFact(ctx, rejected, store.Rejected, "alice", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeEntities(ctx, "project:tapi", "KZ", "alice", ""); !errors.Is(err, errs.ErrInvalid) {
		t.Errorf("merging a country into a project: %v, want ErrInvalid", err)
	}
	d, err := s.MergeEntities(ctx, "project:tapi", "project:tapi-gas-pipeline", "alice", "one pipeline")
	if err != nil {
		t.Fatal(err)
	}
	partners := func() []any {
		rows := cypher(t, s, "MATCH (c)-[:PARTNER_IN]->(p:Project) RETURN collect(c.id + '>' + p.id) AS l", nil)
		return rows[0]["l"].([]any)
	}
	if got := partners(); len(got) != 2 {
		t.Errorf("after merge: %v", got)
	}
	if verdictOf(t, s, factKey("TR", ontology.PartnerIn, "project:tapi")) != store.Rejected {
		t.Error("the verdict did not follow the moved fact")
	}
	// A later extraction naming the merged id lands on the kept one.
	y := newDoc(docB).countries().entity("project:tapi-gas-pipeline", ontology.Project, "TAPI gas pipeline", nil).
		fact("IR", ontology.PartnerIn, "project:tapi-gas-pipeline", ontology.Asserted, nil, "Iran eyes the TAPI gas pipeline.").build()
	load(t, s, y)
	rows := cypher(t, s, "OPTIONAL MATCH (n:Entity {id: 'project:tapi-gas-pipeline'}) RETURN n IS NULL AS gone, COUNT { (:Country {id: 'IR'})-[:PARTNER_IN]->(:Project {id: 'project:tapi'}) } AS n", nil)
	if rows[0]["gone"] != true || rows[0]["n"] != int64(1) {
		t.Errorf("later load: %v", rows)
	}
	if _, err := s.UndoReview(ctx, d.ID, "bob"); err != nil {
		t.Fatal(err)
	}
	rows = cypher(t, s, "MATCH (n:Project {id: 'project:tapi-gas-pipeline'}) RETURN COUNT { (:Country {id: 'TR'})-[:PARTNER_IN]->(n) } AS n", nil)
	if len(rows) != 1 || rows[0]["n"] != int64(1) {
		t.Errorf("after undo: %v", rows)
	}
	if verdictOf(t, s, rejected) != store.Rejected {
		t.Error("after undo the verdict is not back on the restored fact")
	}
}
