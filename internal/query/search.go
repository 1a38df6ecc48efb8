package query

import (
	"context"
	"strings"
	"unicode"
)

// Hit is one search result: an entity (matched on name or alias) or an
// evidence sentence (with the entities it mentions).
type Hit struct {
	Score    float64
	Entity   *Entity
	Evidence *Evidence
	Mentions []*Entity
	// Relations are the entity's relations when Search was asked for them.
	Relations []*Relation
}

// LuceneQuery turns free user text into a safe full-text query: it keeps
// only runs of letters and digits, lower-cased (so AND/OR/NOT lose their
// operator meaning and no Lucene syntax survives), and ORs them. It returns
// "" when nothing searchable is left.
func LuceneQuery(s string) string {
	terms := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(terms) > 16 {
		terms = terms[:16]
	}
	return strings.Join(terms, " ")
}

// SearchOptions says what Search returns beside the hits' ids.
type SearchOptions struct {
	// FullNodes returns every property of the entities (hits and
	// mentions); without it they carry id, name, kind and labels.
	FullNodes bool
	// Documents returns each sentence hit's document; without it the
	// evidence carries only its document's id.
	Documents bool
	// Relations lists each entity hit's relations as RelationsOf does
	// (Hit.Relations).
	Relations *RelationOptions
}

// Search looks text up in entity names and aliases (index entity_names) and
// in evidence sentences (index sentence_text), best score first, with what
// opt asks for. One round trip.
func (db *DB) Search(ctx context.Context, text string, first int, opt SearchOptions) ([]*Hit, error) {
	q := LuceneQuery(text)
	if q == "" {
		return nil, nil
	}
	rels := opt.Relations
	node := entitySlim
	if opt.FullNodes {
		node = entityMap
	}
	doc := "null"
	if opt.Documents {
		doc = "COLLECT { MATCH (node)-[:IN_DOCUMENT]->(d:Document) RETURN d {.*} }[0]"
	}
	params := map[string]any{"q": q, "first": first}
	call, relsCol := "", "null"
	if rels != nil {
		var err error
		if call, err = relationsCall(*rels, "rskip", "rfirst"); err != nil {
			return nil, err
		}
		call = "WITH node AS n, score\n  " + call + "\n  WITH n AS node, score, rels\n  "
		params["rskip"], params["rfirst"], relsCol = rels.Skip, rels.First, "rels"
	}
	recs, err := db.read(ctx, `CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $first}) YIELD node, score
  `+call+`RETURN score, `+node("node")+` AS e, null AS s, null AS d, [] AS mentions, `+relsCol+` AS rels
  UNION ALL
  CALL db.index.fulltext.queryNodes('sentence_text', $q, {limit: $first}) YIELD node, score
  RETURN score, null AS e, node {.id, .text, .start, .end, .document} AS s, `+doc+` AS d,
         COLLECT { MATCH (node)-[:MENTIONS]->(m:Entity) RETURN `+node("m")+` ORDER BY m.id } AS mentions, null AS rels
}
RETURN score, e, s, d, mentions, rels ORDER BY score DESC, coalesce(e.id, s.id) LIMIT $first`, params)
	if err != nil {
		return nil, err
	}
	out := make([]*Hit, 0, len(recs))
	for _, rec := range recs {
		score, err := value[float64](rec, "score")
		if err != nil {
			return nil, err
		}
		h := &Hit{Score: score}
		ev, err := value[map[string]any](rec, "e")
		if err != nil {
			return nil, err
		}
		if ev != nil {
			if h.Entity, err = toEntity(ev); err != nil {
				return nil, err
			}
			if rels != nil {
				rows, err := value[[]any](rec, "rels")
				if err != nil {
					return nil, err
				}
				if h.Relations, err = toRelations(h.Entity, rows, *rels); err != nil {
					return nil, err
				}
			}
		} else {
			if h.Evidence, err = evidenceRow(rec); err != nil {
				return nil, err
			}
			ms, err := value[[]any](rec, "mentions")
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				e, err := toEntity(m)
				if err != nil {
					return nil, err
				}
				h.Mentions = append(h.Mentions, e)
			}
		}
		out = append(out, h)
	}
	return out, nil
}
