package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/server"
)

// reviewer is the API key the review tests use, named "alice".
var reviewer = http.Header{"Authorization": {"Bearer s3cret-review-key"}}

func newReviewEnv(t *testing.T) *env {
	t.Helper()
	return newEnv(t, server.Config{APIKeys: []string{"alice:s3cret-review-key"}}, true)
}

// mutate posts a mutation with the reviewer's key and fails on errors.
func (e *env) mutate(q string, vars map[string]any, out any) {
	e.t.Helper()
	r := e.post(q, vars, reviewer)
	if len(r.Errors) > 0 {
		e.t.Fatalf("mutation failed: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		e.t.Fatalf("decode: %v\n%s", err, r.Data)
	}
}

// bilateralIDs lists the ids of the direct facts between a and b.
func (e *env) bilateralIDs(a, b string, includeRejected bool) []string {
	e.t.Helper()
	var out struct {
		Bilateral struct {
			Relations []struct{ ID string }
		}
	}
	e.mustData(`query($a: ID!, $b: ID!, $inc: Boolean) { bilateral(a: $a, b: $b, includeRejected: $inc) { relations { id } } }`,
		map[string]any{"a": a, "b": b, "inc": includeRejected}, &out)
	var ids []string
	for _, r := range out.Bilateral.Relations {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestRejectedFactIsHiddenEverywhere(t *testing.T) {
	e := newReviewEnv(t)
	ids := e.bilateralIDs("QA", "KZ", false)
	if len(ids) != 1 {
		t.Fatalf("fixture: QA-KZ facts %v, want 1", ids)
	}
	id := ids[0]
	var rev struct {
		ReviewFact struct {
			ID     string
			Review struct{ ID, Verdict, By, Note string }
		}
	}
	e.mutate(`mutation($id: ID!) { reviewFact(input: {id: $id, verdict: REJECTED, note: "a committee is not cooperation"}) { id review { id verdict by note } } }`,
		map[string]any{"id": id}, &rev)
	if e.lastTrips > 2 {
		t.Errorf("reviewFact took %d round trips, want the write and one read-back", e.lastTrips)
	}
	if r := rev.ReviewFact; r.ID != id || r.Review.Verdict != "REJECTED" || r.Review.By != "alice" || r.Review.Note == "" {
		t.Errorf("reviewFact returned %+v", r)
	}

	// Hidden from every list, and counted out.
	lists := []struct {
		name, query string
		count       func(json.RawMessage) int
	}{
		{"bilateral", `{ bilateral(a: "QA", b: "KZ") { relations { id } } }`, nil},
		{"entity relations", `{ entity(id: "QA") { relations { id } } }`, nil},
		{"relations filter", `{ relations(filter: {subject: "QA"}) { edges { node { id } } totalCount } }`, nil},
		{"document relations", `{ document(id: "doc:00000000000000aa") { relations { id } } }`, nil},
		{"neighbors", `{ neighbors(id: "QA") { relationships { id } } }`, nil},
		{"paths", `{ paths(from: "QA", to: "KZ", maxHops: 1) { relationships { id } } }`, nil},
	}
	for _, l := range lists {
		r := e.post(l.query, nil, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", l.name, r.Errors)
		}
		if strings.Contains(string(r.Data), id) {
			t.Errorf("%s lists the rejected fact: %s", l.name, r.Data)
		}
		inc := strings.Replace(l.query, ") {", ", includeRejected: true) {", 1)
		switch l.name {
		case "entity relations":
			inc = `{ entity(id: "QA") { relations(includeRejected: true) { id review { verdict } } } }`
		case "document relations":
			inc = `{ document(id: "doc:00000000000000aa") { relations(includeRejected: true) { id } } }`
		}
		r = e.post(inc, nil, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s with includeRejected: %+v", l.name, r.Errors)
		}
		if !strings.Contains(string(r.Data), id) {
			t.Errorf("%s with includeRejected does not list it: %s", l.name, r.Data)
		}
	}
	// Reading facts with their reviews costs no extra round trip.
	for _, q := range []string{
		`{ entity(id: "QA") { relations(includeRejected: true) { id review { verdict by } } } }`,
		`{ bilateral(a: "QA", b: "KZ", includeRejected: true) { relations { id review { verdict } } } }`,
		`{ document(id: "doc:00000000000000aa") { relations(includeRejected: true) { id review { verdict } } } }`,
	} {
		if r := e.post(q, nil, nil); len(r.Errors) > 0 || e.lastTrips != 1 || !strings.Contains(string(r.Data), "REJECTED") {
			t.Errorf("%s: %d round trips, errors %v, data %s", q, e.lastTrips, r.Errors, r.Data)
		}
	}
	var counts struct {
		Entity struct {
			RelationCount, All int
			Relations          []struct{ ID string }
		}
		Relations struct{ TotalCount int }
	}
	e.mustData(`{ entity(id: "QA") { relationCount all: relationCount(includeRejected: true) relations { id } }
	  relations(filter: {types: [COOPERATES_WITH]}) { totalCount } }`, nil, &counts)
	if counts.Entity.RelationCount != len(counts.Entity.Relations) || counts.Entity.All != counts.Entity.RelationCount+1 {
		t.Errorf("counts disagree with lists: %+v", counts)
	}
	if counts.Relations.TotalCount != 0 {
		t.Errorf("totalCount of COOPERATES_WITH facts is %d, want 0 (the only one is rejected)", counts.Relations.TotalCount)
	}

	// Undo: the fact is back, with no review.
	var undo struct{ UndoReview struct{ UndoneBy string } }
	e.mutate(`mutation($id: ID!) { undoReview(id: $id) { undoneBy } }`, map[string]any{"id": rev.ReviewFact.Review.ID}, &undo)
	if undo.UndoReview.UndoneBy != "alice" || !slices.Contains(e.bilateralIDs("QA", "KZ", false), id) {
		t.Errorf("after undo: %+v, %v", undo, e.bilateralIDs("QA", "KZ", false))
	}
	var trail struct {
		Reviews []struct{ Action, UndoneAt string }
	}
	e.mustData(`{ reviews(filter: {document: "doc:00000000000000aa"}) { action undoneAt } }`, nil, &trail)
	if len(trail.Reviews) != 1 || trail.Reviews[0].Action != "REJECTED" || trail.Reviews[0].UndoneAt == "" {
		t.Errorf("audit trail: %+v", trail.Reviews)
	}
}

func TestAddFactFromASentence(t *testing.T) {
	e := newReviewEnv(t)
	// The fixture is loaded without a stored text: only its evidence
	// sentences can carry a new fact.
	var doc struct {
		Document struct {
			Relations []struct{ Evidence []struct{ Start, End int } }
		}
	}
	e.mustData(`{ document(id: "doc:00000000000000aa") { relations { evidence { start end } } } }`, nil, &doc)
	ev := doc.Document.Relations[0].Evidence[0]
	var add struct {
		AddFact struct {
			ID, Origin string
			Subject    struct{ ID string }
			Review     struct{ Verdict string }
		}
	}
	q := `mutation($s: ID!, $o: ID!, $start: Int!, $end: Int!) { addFact(input: {subject: $s, type: COOPERATES_WITH, object: $o,
	  properties: [{key: "sectors", value: "[\"energy\"]"}], evidence: {document: "doc:00000000000000aa", start: $start, end: $end}}) {
	  id origin subject { id } review { verdict } } }`
	e.mutate(q, map[string]any{"s": "KZ", "o": "IR", "start": ev.Start, "end": ev.End}, &add)
	if add.AddFact.Origin != "person" || add.AddFact.Review.Verdict != "CONFIRMED" || add.AddFact.Subject.ID != "KZ" {
		t.Errorf("addFact returned %+v", add.AddFact)
	}
	for _, bad := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"not a sentence", map[string]any{"s": "KZ", "o": "IR", "start": ev.Start + 1, "end": ev.End}, "BAD_USER_INPUT"},
		{"unknown entity", map[string]any{"s": "KZ", "o": "XX", "start": ev.Start, "end": ev.End}, "NOT_FOUND"},
		{"injection in an id", map[string]any{"s": "KZ'}) DETACH DELETE (n) //", "o": "IR", "start": ev.Start, "end": ev.End}, "NOT_FOUND"},
	} {
		r := e.post(q, bad.vars, reviewer)
		if !slices.Contains(r.codes(), bad.code) {
			t.Errorf("%s: codes %v, want %s", bad.name, r.codes(), bad.code)
		}
	}
	if r := e.post(q, map[string]any{"s": "KZ", "o": "IR", "start": ev.Start, "end": ev.End}, nil); !slices.Contains(r.codes(), "UNAUTHENTICATED") {
		t.Errorf("addFact without a key: %v", r.codes())
	}
}

func TestMergeEntitiesThroughGraphQL(t *testing.T) {
	e := newReviewEnv(t)
	ctx := context.Background()
	// A second node for the fixture's pipeline, as another article would mint it.
	if _, err := neo4j.ExecuteQuery(ctx, e.store.Driver(), `MATCH (ir:Country {id: 'IR'})
	  CREATE (p:Project:Entity {id: 'project:ir-kz-pipeline', name: 'Iran–Kazakhstan pipeline', aliases: ['IKP']})
	  CREATE (ir)-[:PARTNER_IN {key: 'hand-made-key', origin: 'claim', modality: 'asserted', confidence: 0.5, evidence: [], documents: []}]->(p)`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(e.store.Database())); err != nil {
		t.Fatal(err)
	}
	var out struct {
		MergeEntities struct {
			ID      string
			Aliases []string
			Members []struct{ ID string } `json:"relations"`
		}
	}
	e.mutate(`mutation { mergeEntities(keep: "project:kz-ir-gas-pipeline", merge: "project:ir-kz-pipeline", note: "one pipeline") {
	  id aliases relations(direction: IN) { id } } }`, nil, &out)
	m := out.MergeEntities
	if m.ID != "project:kz-ir-gas-pipeline" || !slices.Contains(m.Aliases, "IKP") || !slices.Contains(m.Aliases, "Iran–Kazakhstan pipeline") {
		t.Errorf("merged entity: %+v", m)
	}
	if len(m.Members) != 2 { // KZ and IR: the moved IR fact is the fixture's own (same key once re-pointed)
		t.Errorf("kept entity's facts: %+v", m.Members)
	}
	r := e.post(`{ entity(id: "project:ir-kz-pipeline") { id } }`, nil, nil)
	if !slices.Contains(r.codes(), "NOT_FOUND") {
		t.Errorf("merged entity still answers: %s", r.Data)
	}
	if r := e.post(`mutation { mergeEntities(keep: "KZ", merge: "project:kz-ir-gas-pipeline") { id } }`, nil, reviewer); !slices.Contains(r.codes(), "BAD_USER_INPUT") {
		t.Errorf("merging a project into a country: %v", r.codes())
	}
}

// TestRejectedFactStaysHiddenAfterMerge: a fact people rejected on an
// entity that is then merged away stays hidden on the kept entity, whose
// lists find its rejected facts through the verdicts' ends.
func TestRejectedFactStaysHiddenAfterMerge(t *testing.T) {
	e := newReviewEnv(t)
	ctx := context.Background()
	if _, err := neo4j.ExecuteQuery(ctx, e.store.Driver(), `MATCH (kz:Country {id: 'KZ'})
	  CREATE (p:Project:Entity {id: 'project:kz-ir-pipeline-2', name: 'Kazakh–Iranian pipeline'})
	  CREATE (kz)-[:PARTNER_IN {key: 'kz-pipeline-2-expected', origin: 'claim', modality: 'expected', confidence: 0.5, evidence: [], documents: []}]->(p)`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(e.store.Database())); err != nil {
		t.Fatal(err)
	}
	var done map[string]any
	e.mutate(`mutation { reviewFact(input: {id: "kz-pipeline-2-expected", verdict: REJECTED}) { id } }`, nil, &done)
	e.mutate(`mutation { mergeEntities(keep: "project:kz-ir-gas-pipeline", merge: "project:kz-ir-pipeline-2") { id } }`, nil, &done)
	var out struct {
		Entity struct {
			Shown []struct{ Modality string } `json:"shown"`
			All   []struct{ Modality string } `json:"all"`
		}
	}
	e.mustData(`{ entity(id: "project:kz-ir-gas-pipeline") {
	  shown: relations(direction: IN) { modality }
	  all: relations(direction: IN, includeRejected: true) { modality } } }`, nil, &out)
	expected := func(rs []struct{ Modality string }) int {
		n := 0
		for _, r := range rs {
			if r.Modality == "EXPECTED" {
				n++
			}
		}
		return n
	}
	if n := expected(out.Entity.Shown); n != 0 {
		t.Errorf("the rejected fact moved by the merge is listed: %+v", out.Entity.Shown)
	}
	if n := expected(out.Entity.All); n != 1 {
		t.Errorf("with includeRejected the moved fact should be listed once: %+v", out.Entity.All)
	}
}
