package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
)

// DeleteStats says what DeleteDocument removed.
type DeleteStats struct {
	Document     string `json:"document"`
	Sentences    int    `json:"sentences"`
	FactsDeleted int    `json:"facts_deleted"` // claims left without evidence
	FactsUpdated int    `json:"facts_updated"` // claims that keep evidence from other documents
	NodesDeleted int    `json:"nodes_deleted"` // agreements, projects, processes left with no relationship
	// Decisions people took on this document's facts, kept: a fact
	// added to it comes back when the document is loaded again, and a
	// verdict holds again for its fact whenever it is read again.
	Decisions int `json:"decisions"`
}

// DeleteDocument removes a document in one transaction: its Document and
// Sentence nodes, its evidence from the facts it supported, the claims left
// with no evidence, and the Agreement/Project/Process nodes it mentioned
// that are left with no relationship at all. Reference facts and other
// entities stay. The error wraps errs.ErrNotFound when there is no such document.
func (s *Store) DeleteDocument(ctx context.Context, id string) (DeleteStats, error) {
	st, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (DeleteStats, error) {
		return deleteDocument(ctx, tx, id)
	})
	if err != nil {
		return DeleteStats{}, fmt.Errorf("delete document %s: %w", id, err)
	}
	return st, nil
}

func deleteDocument(ctx context.Context, tx neo4j.ManagedTransaction, id string) (DeleteStats, error) {
	st := DeleteStats{Document: id}
	params := map[string]any{"id": id, "prefix": id + ":"}

	// The facts of the document, found from the entities its sentences
	// mention (every fact's subject is mentioned by its evidence), and the
	// reified nodes it mentioned, which may become orphans.
	res, err := tx.Run(ctx, `
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)<-[:IN_DOCUMENT]-(:Sentence)-[:MENTIONS]->(e:Entity)
WITH d, collect(DISTINCT e) AS mentioned
CALL (mentioned) {
  UNWIND mentioned AS e
  MATCH (e)-[r]->(:Entity)
  WHERE r.origin IN ['claim', 'person'] AND $id IN r.documents
  WITH DISTINCT r
  WITH r, r.key AS key, [x IN r.evidence WHERE NOT x STARTS WITH $prefix] AS ev
  FOREACH (_ IN CASE WHEN size(ev) = 0 THEN [1] ELSE [] END | DELETE r)
  FOREACH (_ IN CASE WHEN size(ev) > 0 THEN [1] ELSE [] END |
    SET r.evidence = ev, r.evidence_count = size(ev), r.documents = [x IN r.documents WHERE x <> $id])
  RETURN sum(CASE WHEN size(ev) = 0 THEN 1 ELSE 0 END) AS deleted, sum(CASE WHEN size(ev) > 0 THEN 1 ELSE 0 END) AS updated,
    collect(CASE WHEN size(ev) = 0 THEN key END) AS gone
}
RETURN deleted, updated,
  COUNT { MATCH (v:Review) WHERE v.document = $id OR v.fact IN gone } AS decisions,
  [e IN mentioned WHERE (e:Agreement OR e:Project OR e:Process) AND coalesce(e.reference, false) = false | e.id] AS reified`, params)
	if err != nil {
		return st, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return st, err
	}
	if len(recs) == 0 {
		return st, errs.ErrNotFound
	}
	deleted, err := intValue(recs[0], "deleted")
	if err != nil {
		return st, err
	}
	updated, err := intValue(recs[0], "updated")
	if err != nil {
		return st, err
	}
	reified, err := stringsValue(recs[0], "reified")
	if err != nil {
		return st, err
	}
	decisions, err := intValue(recs[0], "decisions")
	if err != nil {
		return st, err
	}
	st.FactsDeleted, st.FactsUpdated, st.Decisions = int(deleted), int(updated), int(decisions)

	res, err = tx.Run(ctx, `
MATCH (d:Document {id: $id})
OPTIONAL MATCH (s:Sentence)-[:IN_DOCUMENT]->(d)
WITH d, collect(s) AS sentences
FOREACH (s IN sentences | DETACH DELETE s)
DETACH DELETE d
WITH sentences
OPTIONAL MATCH (t:DocumentText {document: $id})
DELETE t
RETURN size(sentences) AS n`, params)
	if err != nil {
		return st, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return st, err
	}
	n, err := intValue(rec, "n")
	if err != nil {
		return st, err
	}
	st.Sentences = int(n)

	if len(reified) > 0 {
		res, err = tx.Run(ctx, `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE NOT EXISTS { (n)--() }
DELETE n
RETURN count(*) AS n`, map[string]any{"ids": reified})
		if err != nil {
			return st, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return st, err
		}
		n, err := intValue(rec, "n")
		if err != nil {
			return st, err
		}
		st.NodesDeleted = int(n)
	}
	return st, nil
}
