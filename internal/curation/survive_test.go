package curation_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/explore"
	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
	"github.com/diplograph/diplograph/internal/curation"
	"github.com/diplograph/diplograph/internal/eval"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// TestDecisionsSurviveReingestAndReseed rejects, adds and merges on the
// seed corpus, then loads the corpus again with both engines and the
// reference data again, and finds every decision standing; the decisions
// then export as gold that eval reads and scores.
func TestDecisionsSurviveReingestAndReseed(t *testing.T) {
	ctx := context.Background()
	driver, db := neo4jtest.Driver(t)
	s := store.New(driver, db)
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	parser, err := corenlp.New(corenlptest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	surface := extract.New(g)
	engines := map[string]*extract.Extractor{"surface": surface, "corenlp": extract.New(g, extract.WithParser(parser, "corenlp-test"))}
	seedAll := func(engine string) {
		t.Helper()
		if _, err := s.LoadReference(ctx, g); err != nil {
			t.Fatal(err)
		}
		sum, err := ingest.New(engines[engine], s).Run(ctx, ingest.FS(seed.FS, "corpus/*.txt"), ingest.Options{})
		if err != nil || sum.Failed > 0 {
			t.Fatalf("seed with %s: %+v, %v", engine, sum, err)
		}
	}
	seedAll("surface")
	db2 := query.New(driver, db)

	// Reject a fact between Kazakhstan and Saudi Arabia.
	bl, err := db2.Bilateral(ctx, "KZ", "SA")
	if err != nil || len(bl.Relations) == 0 {
		t.Fatalf("seed holds no KZ-SA fact: %v", err)
	}
	rejected := bl.Relations[0]
	if _, err := s.ReviewFact(ctx, rejected.Key, store.Rejected, "alice", "test"); err != nil {
		t.Fatal(err)
	}
	// Add a fact from the first sentence of that fact's document.
	doc := rejected.Documents[0]
	full, _, err := s.DocumentText(ctx, doc, 0, 0)
	if err != nil || full == "" {
		t.Fatalf("document %s has no stored text: %v", doc, err)
	}
	seg := text.Split(full, 0, 0)[0]
	runes := text.NewRunes(full)
	added, err := s.AddFact(ctx, store.NewFact{Relation: ontology.Relation{Subject: "KZ", Predicate: ontology.CooperatesWith, Object: "SA",
		Evidence: []ontology.Evidence{{Document: doc, Sentence: seg.Text(full), Start: runes.Of(seg.Start), End: runes.Of(seg.End)}}}}, "alice")
	if err != nil {
		t.Fatal(err)
	}
	// Merge a node the documents minted into another of its kind.
	rows, err := s.Query(ctx, `MATCH (n:Entity) WHERE NOT coalesce(n.reference, false)
WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS l, n ORDER BY n.id
WITH l, collect(n.id) AS ids WHERE size(ids) >= 2
RETURN ids[0] AS keep, ids[1] AS merge ORDER BY l LIMIT 1`, nil)
	if err != nil || len(rows) == 0 {
		t.Fatalf("seed holds no two minted nodes of one kind: %v", err)
	}
	keep, merge := rows[0]["keep"].(string), rows[0]["merge"].(string)
	if _, err := s.MergeEntities(ctx, keep, merge, "alice", ""); err != nil {
		t.Fatal(err)
	}

	seedAll("surface")
	seedAll("corenlp")

	bl, err = db2.Bilateral(ctx, "KZ", "SA")
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, len(bl.Relations))
	for i, r := range bl.Relations {
		keys[i] = r.Key
	}
	if slices.Contains(keys, rejected.Key) {
		t.Error("the rejected fact is listed again after re-seeding")
	}
	if !slices.Contains(keys, added.Fact) {
		t.Error("the added fact is gone after re-seeding")
	}
	rows, err = s.Query(ctx, "OPTIONAL MATCH (m:Entity {id: $merge}) OPTIONAL MATCH (k:Entity {id: $keep}) RETURN m IS NULL AS gone, k IS NOT NULL AS kept",
		map[string]any{"merge": merge, "keep": keep})
	if err != nil || rows[0]["gone"] != true || rows[0]["kept"] != true {
		t.Errorf("merge after re-seeding: %v %v", rows, err)
	}

	// The Neo4j Browser guide's review queries show the decisions.
	for _, q := range explore.Queries() {
		if !strings.HasPrefix(q.Name, "7-") && !strings.HasPrefix(q.Name, "8-") {
			continue
		}
		rows, err := s.Query(ctx, q.Cypher, nil)
		if err != nil || len(rows) < 2 {
			t.Errorf("guide query %s: %d rows, %v", q.Name, len(rows), err)
		}
	}
	rows, err = s.Query(ctx, "MATCH (c:Verdict:Rejected {fact: $key}) RETURN count(c) AS n", map[string]any{"key": rejected.Key})
	if err != nil || rows[0]["n"] != int64(1) {
		t.Errorf("the rejected fact's verdict is not labelled Rejected for Neo4j Browser's style: %v %v", rows, err)
	}

	dir := t.TempDir()
	st, err := curation.Export(ctx, s, dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents == 0 || st.Facts == 0 || st.Forbidden == 0 {
		t.Fatalf("export: %+v", st)
	}
	golds, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	var results []eval.Result
	for _, path := range golds {
		name, txt, gold, err := eval.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		x, err := surface.Extract(ctx, txt, ontology.Doc{})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, eval.Evaluate(name, gold, x))
	}
	// The surface engine read these very documents: it asserts the fact
	// people rejected, and the one they added is within its reach.
	pooled := eval.Pool(results)
	if pooled.TP+pooled.FN != st.Facts {
		t.Errorf("eval of the exported gold: %+v", pooled)
	}
	forbidden := 0
	for _, r := range results {
		forbidden += len(r.Forbidden)
	}
	if forbidden == 0 {
		t.Error("eval does not report the rejected fact the engine asserts")
	}
}
