package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ontology"
)

// MergeEntities records that merge and keep are one real thing and moves
// everything of merge to keep, in one transaction: its facts (re-keyed
// for their new end; a fact keep already had gains the moved one's
// evidence), the sentences mentioning it, its name and aliases (as keep's
// aliases), the verdicts on its facts; then merge is deleted and a
// Redirect sends its id to keep, so a later extraction producing it lands
// on keep. Both must be of one kind; a gazetteer node cannot be merged
// away. Errors wrap errs.ErrNotFound or errs.ErrInvalid.
func (s *Store) MergeEntities(ctx context.Context, keep, merge, by, note string) (Decision, error) {
	if err := checkReviewer(by, note); err != nil {
		return Decision{}, err
	}
	if keep == merge {
		return Decision{}, fmt.Errorf("%w: cannot merge %q into itself", errs.ErrInvalid, keep)
	}
	d, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (Decision, error) {
		snapshot, err := mergeable(ctx, tx, keep, merge)
		if err != nil {
			return Decision{}, err
		}
		moved, err := moveFacts(ctx, tx, keep, merge)
		if err != nil {
			return Decision{}, err
		}
		movedJSON, _ := json.Marshal(moved) // strings only
		return single(ctx, tx, `
MATCH (k:Entity {id: $keep}), (m:Entity {id: $merge})
OPTIONAL MATCH (sen:Sentence)-[x:MENTIONS]->(m)
WITH k, m, collect(sen) AS sentences, collect(x) AS mentions
FOREACH (sen IN sentences | MERGE (sen)-[:MENTIONS]->(k))
FOREACH (x IN mentions | DELETE x)
WITH k, m, [a IN [m.name] + coalesce(m.aliases, []) WHERE a <> k.name AND NOT a IN coalesce(k.aliases, [])] AS extra
SET k.aliases = coalesce(k.aliases, []) + extra,
    k.search_text = reduce(t = k.name, a IN coalesce(k.aliases, []) + extra | t + ' | ' + a)
DETACH DELETE m
WITH k
OPTIONAL MATCH (old:Redirect {to: $merge})
WITH k, collect(old) AS olds
FOREACH (o IN olds | SET o.to = $keep)
MERGE (red:Redirect {id: $merge})
SET red.to = $keep
CREATE (v:Review {id: $id, action: 'MERGED', keep: $keep, merged: $merge, by: $by, at: $at, note: $note,
  snapshot: $snapshot, moved: $moved, repointed: [o IN olds | o.id]})
`+reviewReturn, map[string]any{"keep": keep, "merge": merge, "by": by, "note": note, "id": newReviewID(),
			"at": now(), "snapshot": snapshot, "moved": string(movedJSON)})
	})
	if err != nil {
		return Decision{}, fmt.Errorf("merge %s into %s: %w", merge, keep, err)
	}
	return d, nil
}

// mergeable checks that both entities exist, share a kind and that merge
// is not reference data, and returns merge's snapshot (JSON of its labels
// and properties) for an undo.
func mergeable(ctx context.Context, tx neo4j.ManagedTransaction, keep, merge string) (string, error) {
	res, err := tx.Run(ctx, `
OPTIONAL MATCH (k:Entity {id: $keep})
OPTIONAL MATCH (m:Entity {id: $merge})
RETURN [l IN labels(k) WHERE l <> 'Entity'] AS kl, [l IN labels(m) WHERE l <> 'Entity'] AS ml,
  coalesce(m.reference, false) AS ref, properties(m) AS props`, map[string]any{"keep": keep, "merge": merge})
	if err != nil {
		return "", err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return "", err
	}
	kl, err := stringsValue(rec, "kl")
	if err != nil {
		return "", err
	}
	ml, err := stringsValue(rec, "ml")
	if err != nil {
		return "", err
	}
	ref, _, _ := neo4j.GetRecordValue[bool](rec, "ref")
	props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
	switch {
	case len(kl) == 0:
		return "", fmt.Errorf("keep %q: %w", keep, errs.ErrNotFound)
	case len(ml) == 0:
		return "", fmt.Errorf("merge %q: %w", merge, errs.ErrNotFound)
	case !slices.Equal(kl, ml):
		return "", fmt.Errorf("%w: %s is a %v and %s a %v: only entities of one kind merge", errs.ErrInvalid, keep, kl, merge, ml)
	case ref:
		return "", fmt.Errorf("%w: %s comes from the reference gazetteer and cannot be merged away (merge the other way)", errs.ErrInvalid, merge)
	}
	b, err := json.Marshal(map[string]any{"label": ml[0], "props": props})
	return string(b), err
}

// movedFact is a fact moved by a merge: its key before and after, for an
// undo.
type movedFact struct {
	Type string `json:"type"`
	Old  string `json:"old"`
	New  string `json:"new"`
	// Existed is true when keep already had the fact: an undo then copies
	// it back rather than moving it.
	Existed bool `json:"existed,omitempty"`
}

// moveFacts re-creates every fact of merge on keep under its new key and
// deletes the old relationship; verdicts and reviews follow the key. A
// fact between the two (it would become keep to keep) is dropped.
func moveFacts(ctx context.Context, tx neo4j.ManagedTransaction, keep, merge string) ([]movedFact, error) {
	res, err := tx.Run(ctx, `
MATCH (m:Entity {id: $merge})-[r]-(x:Entity)
RETURN type(r) AS type, properties(r) AS props, startNode(r) = m AS out, x.id AS other`, map[string]any{"merge": merge})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	var moved []movedFact
	rows := map[ontology.Predicate][]map[string]any{}
	for _, rec := range recs {
		typ, _, _ := neo4j.GetRecordValue[string](rec, "type")
		props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
		out, _, _ := neo4j.GetRecordValue[bool](rec, "out")
		other, _, _ := neo4j.GetRecordValue[string](rec, "other")
		p := ontology.Predicate(typ)
		if !p.Valid() {
			continue // not a fact
		}
		subject, object := keep, other
		if !out {
			subject, object = other, keep
		}
		old, _ := props["key"].(string)
		origin, _ := props["origin"].(string)
		modality, _ := props["modality"].(string)
		if other == merge || other == keep {
			moved = append(moved, movedFact{Type: typ, Old: old}) // dropped: it would join keep to itself
			continue
		}
		newKey := FactKey(subject, p, object, ontology.Modality(modality), origin, props)
		moved = append(moved, movedFact{Type: typ, Old: old, New: newKey})
		props["key"] = newKey
		rows[p] = append(rows[p], map[string]any{"subject": subject, "object": object, "key": newKey, "old": old, "props": props})
	}
	for _, p := range ontology.Predicates {
		if len(rows[p]) == 0 {
			continue
		}
		res, err := tx.Run(ctx, moveQuery(p), map[string]any{"rows": rows[p], "merge": merge})
		if err != nil {
			return nil, err
		}
		existed, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, rec := range existed {
			k, _, _ := neo4j.GetRecordValue[string](rec, "existed")
			for i := range moved {
				if moved[i].New == k {
					moved[i].Existed = true
				}
			}
		}
	}
	_, err = tx.Run(ctx, `
UNWIND $moved AS mv
OPTIONAL MATCH (c:Verdict {fact: mv.old})
OPTIONAL MATCH (v:Review {fact: mv.old})
WITH mv, c, collect(v) AS vs
FOREACH (_ IN CASE WHEN c IS NOT NULL AND mv.new IS NULL THEN [1] ELSE [] END | DELETE c)
FOREACH (_ IN CASE WHEN c IS NOT NULL AND mv.new IS NOT NULL AND NOT EXISTS { MATCH (:Verdict {fact: mv.new}) } THEN [1] ELSE [] END |
  SET c.fact = mv.new,
    c.subject = CASE c.subject WHEN $merge THEN $keep ELSE c.subject END,
    c.object = CASE c.object WHEN $merge THEN $keep ELSE c.object END)
FOREACH (v IN vs | SET v.fact = coalesce(mv.new, v.fact), v.merged_from = mv.old)`,
		map[string]any{"moved": movedRows(moved), "keep": keep, "merge": merge})
	return moved, err
}

// moveQuery writes moved facts of type p on their new ends and deletes
// the old relationships; it returns the keys keep already had.
func moveQuery(p ontology.Predicate) string {
	return `
UNWIND $rows AS row
MATCH (a:Entity {id: row.subject})
MATCH (b:Entity {id: row.object})
OPTIONAL MATCH (a)-[had:` + string(p) + ` {key: row.key}]->(b)
MERGE (a)-[r:` + string(p) + ` {key: row.key}]->(b)
ON CREATE SET r = row.props
WITH r, row, had,
  [e IN coalesce(row.props.evidence, []) WHERE NOT e IN coalesce(r.evidence, [])] AS newEv,
  [d IN coalesce(row.props.documents, []) WHERE NOT d IN coalesce(r.documents, [])] AS newDocs
SET r.evidence = coalesce(r.evidence, []) + newEv, r.documents = coalesce(r.documents, []) + newDocs,
  r.evidence_count = size(coalesce(r.evidence, []) + newEv),
  r.confidence = CASE WHEN row.props.confidence > r.confidence THEN row.props.confidence ELSE r.confidence END
WITH row, had
MATCH (:Entity {id: $merge})-[old:` + string(p) + ` {key: row.old}]-(:Entity)
DELETE old
WITH row, had WHERE had IS NOT NULL
RETURN row.key AS existed`
}

func movedRows(moved []movedFact) []map[string]any {
	rows := make([]map[string]any, len(moved))
	for i, m := range moved {
		rows[i] = map[string]any{"old": m.Old}
		if m.New != "" {
			rows[i]["new"] = m.New
		}
	}
	return rows
}

// undoMerge reverses the merge recorded by review id: the merged entity
// comes back as it was, with its facts (a fact keep had before the merge
// is copied back and stays on keep too), the verdicts on them, and its
// redirect is removed (those re-pointed to keep by the merge point to it
// again). Sentences that mentioned it mention keep as well.
func undoMerge(ctx context.Context, tx neo4j.ManagedTransaction, id string) error {
	res, err := tx.Run(ctx, `MATCH (v:Review {id: $id}) RETURN v.snapshot AS snapshot, v.moved AS moved, v.keep AS keep, v.merged AS merge, v.repointed AS repointed`,
		map[string]any{"id": id})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	snapshotJSON, _ := stringValue(rec, "snapshot")
	movedJSON, _ := stringValue(rec, "moved")
	keep, _ := stringValue(rec, "keep")
	merge, _ := stringValue(rec, "merge")
	repointed, _ := stringsValue(rec, "repointed")
	var snap struct {
		Label string         `json:"label"`
		Props map[string]any `json:"props"`
	}
	var moved []movedFact
	if err := json.Unmarshal([]byte(snapshotJSON), &snap); err != nil {
		return fmt.Errorf("merge snapshot: %w", err)
	}
	if err := json.Unmarshal([]byte(movedJSON), &moved); err != nil {
		return fmt.Errorf("merge facts: %w", err)
	}
	label := ontology.Label(snap.Label)
	if !label.Valid() {
		return fmt.Errorf("merge snapshot: unknown label %q", snap.Label)
	}
	for k, v := range snap.Props {
		snap.Props[k], _ = propValue(v)
	}
	if _, err := tx.Run(ctx, `
OPTIONAL MATCH (n:Entity {id: $merge})
WITH n WHERE n IS NULL
CREATE (m:`+string(label)+`:Entity)
SET m = $props
WITH m
MATCH (k:Entity {id: $keep})
SET k.aliases = [a IN coalesce(k.aliases, []) WHERE a <> m.name AND NOT a IN coalesce(m.aliases, [])]
SET k.search_text = reduce(t = k.name, a IN k.aliases | t + ' | ' + a)
WITH m
OPTIONAL MATCH (red:Redirect {id: $merge})
DETACH DELETE red
WITH m
UNWIND (CASE WHEN size($repointed) = 0 THEN [null] ELSE $repointed END) AS rid
OPTIONAL MATCH (o:Redirect {id: rid})
SET o.to = $merge`, map[string]any{"merge": merge, "keep": keep, "props": snap.Props, "repointed": repointed}); err != nil {
		return err
	}
	for _, mv := range moved {
		if mv.New == "" {
			continue // dropped, not restored: it joined keep to merge
		}
		if err := moveBack(ctx, tx, keep, merge, mv); err != nil {
			return err
		}
	}
	_, err = tx.Run(ctx, `
MATCH (k:Entity {id: $keep})<-[:MENTIONS]-(sen:Sentence), (m:Entity {id: $merge})
WHERE EXISTS { MATCH (m)-[r]-() WHERE ANY(e IN r.evidence WHERE e = sen.id) }
MERGE (sen)-[:MENTIONS]->(m)`, map[string]any{"keep": keep, "merge": merge})
	return err
}

// moveBack puts one moved fact back on the restored entity under its old
// key.
func moveBack(ctx context.Context, tx neo4j.ManagedTransaction, keep, merge string, mv movedFact) error {
	p := ontology.Predicate(mv.Type)
	if !p.Valid() {
		return fmt.Errorf("merge facts: unknown type %q", mv.Type)
	}
	_, err := tx.Run(ctx, `
MATCH (a)-[r:`+string(p)+` {key: $new}]->(b)
MATCH (m:Entity {id: $merge})
WITH r, a, b, m, CASE WHEN a.id = $keep THEN m ELSE a END AS s, CASE WHEN a.id = $keep THEN b ELSE m END AS o
CREATE (s)-[back:`+string(p)+`]->(o)
SET back = r {.*, key: $old}
WITH r, s, o
OPTIONAL MATCH (c:Verdict {fact: $new})
OPTIONAL MATCH (v:Review {fact: $new, merged_from: $old})
WITH r, s, o, c, collect(v) AS vs
FOREACH (x IN vs | SET x.fact = $old REMOVE x.merged_from)
FOREACH (_ IN CASE WHEN c IS NOT NULL AND NOT $existed THEN [1] ELSE [] END |
  SET c.fact = $old, c.subject = s.id, c.object = o.id)
FOREACH (_ IN CASE WHEN NOT $existed THEN [1] ELSE [] END | DELETE r)`,
		map[string]any{"new": mv.New, "old": mv.Old, "keep": keep, "merge": merge, "existed": mv.Existed})
	return err
}

// preludeQuery reads, in one round trip at the start of a load, what
// people decided that the load must follow: the redirects of the batch's
// entity ids, and which of its documents have facts people added.
const preludeQuery = `
CALL () { UNWIND $ids AS id MATCH (r:Redirect {id: id}) RETURN collect([r.id, r.to]) AS redirects }
CALL () {
  UNWIND $docs AS doc MATCH (v:Review {document: doc})
  WHERE v.action = 'ADDED' AND v.undone_at IS NULL
  RETURN collect(DISTINCT doc) AS withAdded
}
RETURN redirects, withAdded`

// prelude is p as people's decisions make it: when an entity of xs was
// merged into another, the plan of xs with the merged ids replaced by the
// kept ones; and the documents with facts people added.
func prelude(ctx context.Context, tx neo4j.ManagedTransaction, p *loadPlan, xs []*ontology.Extraction) (*loadPlan, error) {
	var ids, docs []string
	for _, x := range xs {
		docs = append(docs, x.Document.ID)
		for _, e := range x.Entities {
			ids = append(ids, e.ID)
		}
	}
	res, err := tx.Run(ctx, preludeQuery, map[string]any{"ids": ids, "docs": docs})
	if err != nil {
		return nil, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, err
	}
	pairs, _, err := neo4j.GetRecordValue[[]any](rec, "redirects")
	if err != nil {
		return nil, fmt.Errorf("read redirects: %w", err)
	}
	withAdded, err := stringsValue(rec, "withAdded")
	if err != nil {
		return nil, err
	}
	to := make(map[string]string, len(pairs))
	for _, pair := range pairs {
		if kv, ok := pair.([]any); ok && len(kv) == 2 {
			from, _ := kv[0].(string)
			to[from], _ = kv[1].(string)
		}
	}
	if len(to) > 0 {
		p = plan(redirect(xs, to))
	}
	p.withAdded = make(map[string]bool, len(withAdded))
	for _, d := range withAdded {
		p.withAdded[d] = true
	}
	return p, nil
}

// redirect is xs with the ids merged away replaced by those they were
// merged into (to), dropping the facts that would join a thing to itself.
func redirect(xs []*ontology.Extraction, to map[string]string) []*ontology.Extraction {
	at := func(id string) string {
		if t, ok := to[id]; ok {
			return t
		}
		return id
	}
	out := make([]*ontology.Extraction, len(xs))
	for i, x := range xs {
		y := *x
		y.Entities = slices.Clone(x.Entities)
		for j := range y.Entities {
			y.Entities[j].ID = at(y.Entities[j].ID)
		}
		y.Relations = nil
		for _, r := range x.Relations {
			s, o := at(r.Subject), at(r.Object)
			if s == o && r.Subject != r.Object {
				continue // between the merged and the kept: one thing now
			}
			r.Subject, r.Object = s, o
			y.Relations = append(y.Relations, r)
		}
		out[i] = &y
	}
	return out
}
