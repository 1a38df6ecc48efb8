package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ontology"
)

// checkEnds checks that both ends of r are entities whose kinds the
// predicate allows, and that its document is stored.
func checkEnds(ctx context.Context, tx neo4j.ManagedTransaction, r ontology.Relation) error {
	res, err := tx.Run(ctx, `
OPTIONAL MATCH (a:Entity {id: $subject})
OPTIONAL MATCH (b:Entity {id: $object})
OPTIONAL MATCH (d:Document {id: $document})
RETURN [l IN labels(a) WHERE l <> 'Entity'] AS a, [l IN labels(b) WHERE l <> 'Entity'] AS b, d IS NOT NULL AS doc`,
		map[string]any{"subject": r.Subject, "object": r.Object, "document": r.Evidence[0].Document})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	a, err := stringsValue(rec, "a")
	if err != nil {
		return err
	}
	b, err := stringsValue(rec, "b")
	if err != nil {
		return err
	}
	doc, _, err := neo4j.GetRecordValue[bool](rec, "doc")
	if err != nil {
		return fmt.Errorf("read doc: %w", err)
	}
	switch {
	case len(a) == 0:
		return fmt.Errorf("subject %q: %w", r.Subject, errs.ErrNotFound)
	case len(b) == 0:
		return fmt.Errorf("object %q: %w", r.Object, errs.ErrNotFound)
	case !doc:
		return fmt.Errorf("document %q: %w", r.Evidence[0].Document, errs.ErrNotFound)
	}
	from, to := ontology.Label(a[0]), ontology.Label(b[0])
	if !r.Predicate.Allows(from, to) {
		return fmt.Errorf("%w: %s does not go from a %s to a %s", errs.ErrInvalid, r.Predicate, from, to)
	}
	return nil
}

// personRow is the write row of an added fact from its review's fields.
func personRow(p map[string]any, props map[string]any, sectors []any) map[string]any {
	row := map[string]any{}
	for _, k := range []string{"key", "subject", "predicate", "object", "modality", "document", "sentence", "text", "start", "end", "by"} {
		row[k] = p[k]
	}
	row["props"] = props
	if sectors != nil {
		row["sectors"] = sectors
	}
	return row
}

// personQueries write added facts, one query per type: the evidence
// sentence (created when no machine fact cited it), the entities it
// mentions, and the relationship.
var personQueries = func() map[ontology.Predicate]string {
	m := map[ontology.Predicate]string{}
	for _, p := range ontology.Predicates {
		m[p] = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.subject})
MATCH (b:Entity {id: row.object})
MATCH (d:Document {id: row.document})
MERGE (sen:Sentence {id: row.sentence})
ON CREATE SET sen.document = d.id, sen.text = row.text, sen.start = row.start, sen.end = row.end
MERGE (sen)-[:IN_DOCUMENT]->(d)
MERGE (sen)-[:MENTIONS]->(a)
MERGE (sen)-[:MENTIONS]->(b)
MERGE (a)-[r:` + string(p) + ` {key: row.key}]->(b)
ON CREATE SET r += row.props, r.origin = 'person', r.modality = row.modality, r.confidence = 1.0,
  r.evidence = [row.sentence], r.documents = [row.document], r.evidence_count = 1, r.sectors = row.sectors,
  r.added_by = row.by
WITH r, row, CASE WHEN row.sentence IN r.evidence THEN r.evidence ELSE r.evidence + row.sentence END AS ev,
  CASE WHEN row.document IN r.documents THEN r.documents ELSE r.documents + row.document END AS docs
SET r.evidence = ev, r.evidence_count = size(ev), r.documents = docs
RETURN count(r) AS n`
	}
	return m
}()

func writePersonFacts(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any) error {
	byType := map[ontology.Predicate][]map[string]any{}
	for _, r := range rows {
		p := ontology.Predicate(r["predicate"].(string))
		byType[p] = append(byType[p], r)
	}
	for _, p := range ontology.Predicates {
		if len(byType[p]) == 0 {
			continue
		}
		res, err := tx.Run(ctx, personQueries[p], map[string]any{"rows": byType[p]})
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		n, err := intValue(rec, "n")
		if err != nil {
			return err
		}
		if int(n) != len(byType[p]) {
			return fmt.Errorf("%w: an end of an added %s fact or its document is gone", errs.ErrNotFound, p)
		}
	}
	return nil
}

// restoreAdded writes again the facts people added to these documents
// (loaded anew after a deletion), from their reviews.
func restoreAdded(ctx context.Context, tx neo4j.ManagedTransaction, docs []string) error {
	res, err := tx.Run(ctx, `
UNWIND $docs AS doc
MATCH (v:Review {document: doc})
WHERE v.action = 'ADDED' AND v.undone_at IS NULL
MATCH (:Entity {id: v.subject})
MATCH (:Entity {id: v.object})
RETURN v {.*} AS v`, map[string]any{"docs": docs})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	rows := make([]map[string]any, 0, len(recs))
	for _, rec := range recs {
		v, _, err := neo4j.GetRecordValue[map[string]any](rec, "v")
		if err != nil {
			return fmt.Errorf("read review: %w", err)
		}
		var props map[string]any
		if s, _ := v["properties"].(string); s != "" {
			if err := json.Unmarshal([]byte(s), &props); err != nil {
				return fmt.Errorf("review %v: properties: %w", v["id"], err)
			}
		}
		var sectors []any
		if l, ok := props["sectors"].([]any); ok {
			sectors = l
			delete(props, "sectors")
		}
		for k, x := range props {
			props[k], _ = propValue(x) // JSON numbers back to integers
		}
		v["key"] = v["fact"]
		rows = append(rows, personRow(v, props, sectors))
	}
	return writePersonFacts(ctx, tx, rows)
}
