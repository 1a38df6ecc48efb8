package query

import (
	"context"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"

	"github.com/diplograph/diplograph/internal/errs"
)

// EntitiesByID returns the entities with the given ids, keyed by id; ids
// that match nothing are absent. One round trip whatever the number of ids.
func (db *DB) EntitiesByID(ctx context.Context, ids []string) (map[string]*Entity, error) {
	out := make(map[string]*Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := db.read(ctx, "MATCH (n:Entity) WHERE n.id IN $ids RETURN "+entityMap("n")+" AS n", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		v, err := value[map[string]any](rec, "n")
		if err != nil {
			return nil, err
		}
		e, err := toEntity(v)
		if err != nil {
			return nil, err
		}
		out[e.ID] = e
	}
	return out, nil
}

// Entity returns the entity with id; when label is not empty it must have
// that label. errs.ErrNotFound when absent.
func (db *DB) Entity(ctx context.Context, id string, label ontology.Label) (*Entity, error) {
	m, err := db.EntitiesByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	e, ok := m[id]
	if !ok || (label != "" && e.Label != label) {
		return nil, errs.ErrNotFound
	}
	return e, nil
}

// EntityFilter selects entities. Zero fields select everything.
type EntityFilter struct {
	Kinds        []ontology.Label
	NamePrefix   string // case-insensitive, on name or any alias
	NameContains string // case-insensitive, on name or any alias
	Region       string // entities LOCATED_IN the region (or listed in it)
	MemberOf     string // entities that are MEMBER_OF this organization
}

// EntityOrder orders a list of entities.
type EntityOrder struct {
	Field     string // "NAME" (default) or "ID"
	Direction SortDirection
}

func (f EntityFilter) where() (string, map[string]any, error) {
	var conds []string
	params := map[string]any{}
	if len(f.Kinds) > 0 {
		var labels []string
		for _, k := range f.Kinds {
			if !k.Valid() || k == ontology.Document {
				return "", nil, invalid("unknown entity kind %q", k)
			}
			labels = append(labels, string(k))
		}
		conds = append(conds, "any(l IN labels(n) WHERE l IN $labels)")
		params["labels"] = labels
	}
	if f.NamePrefix != "" {
		conds = append(conds, "any(s IN [n.name] + coalesce(n.aliases, []) WHERE toLower(s) STARTS WITH $prefix)")
		params["prefix"] = strings.ToLower(f.NamePrefix)
	}
	if f.NameContains != "" {
		conds = append(conds, "any(s IN [n.name] + coalesce(n.aliases, []) WHERE toLower(s) CONTAINS $contains)")
		params["contains"] = strings.ToLower(f.NameContains)
	}
	if f.Region != "" {
		conds = append(conds, "(n.id = $region OR EXISTS { (n)-[:LOCATED_IN]->(:Entity {id: $region}) })")
		params["region"] = f.Region
	}
	if f.MemberOf != "" {
		conds = append(conds, "EXISTS { (n)-[:MEMBER_OF]->(:Entity {id: $memberOf}) }")
		params["memberOf"] = f.MemberOf
	}
	if len(conds) == 0 {
		return "", params, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), params, nil
}

// Entities returns up to first entities matching f in order, after skipping skip.
func (db *DB) Entities(ctx context.Context, f EntityFilter, order EntityOrder, first, skip int) ([]*Entity, error) {
	where, params, err := f.where()
	if err != nil {
		return nil, err
	}
	by := "n.name, n.id"
	if order.Field == "ID" {
		by = "n.id"
	}
	if order.Direction == Desc {
		by = strings.ReplaceAll(by, ",", " DESC,") + " DESC"
	}
	params["skip"], params["first"] = skip, first
	recs, err := db.read(ctx, "MATCH (n:Entity)"+where+" RETURN "+entityMap("n")+" AS n ORDER BY "+by+" SKIP $skip LIMIT $first", params)
	if err != nil {
		return nil, err
	}
	out := make([]*Entity, 0, len(recs))
	for _, rec := range recs {
		v, err := value[map[string]any](rec, "n")
		if err != nil {
			return nil, err
		}
		e, err := toEntity(v)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Page is a page of entities read in one round trip by EntityPage.
type Page struct {
	Entities []*Entity
	// Total is how many entities match the filter in all, -1 when not counted.
	Total int
	// Relations holds each entity's relations by id when they were asked for.
	Relations map[string][]*Relation
	// RelationCounts holds each entity's RelationCounts by id when asked for.
	RelationCounts map[string]int
}

// PageParts says what EntityPage reads beside the page.
type PageParts struct {
	// Count counts the entities matching the filter (Page.Total).
	Count bool
	// Relations lists each entity's relations as RelationsOf does.
	Relations *RelationOptions
	// RelationCount counts each entity's facts as RelationCounts does.
	RelationCount *RelationCountOptions
}

// RelationCountOptions are RelationCounts' arguments.
type RelationCountOptions struct {
	Types     []ontology.Predicate
	Direction Direction
	// IncludeRejected also counts the facts people rejected.
	IncludeRejected bool
}

// EntityPage is Entities with, in the same round trip, what parts asks
// for: the count of CountEntities, each entity's relations as RelationsOf
// lists them, each entity's RelationCounts.
func (db *DB) EntityPage(ctx context.Context, f EntityFilter, order EntityOrder, first, skip int, parts PageParts) (*Page, error) {
	count, rels := parts.Count, parts.Relations
	where, params, err := f.where()
	if err != nil {
		return nil, err
	}
	by := "n.name, n.id"
	if order.Field == "ID" {
		by = "n.id"
	}
	if order.Direction == Desc {
		by = strings.ReplaceAll(by, ",", " DESC,") + " DESC"
	}
	params["skip"], params["first"] = skip, first
	total, call, relsCol := "-1", "", "[]"
	if count {
		total = "COUNT { MATCH (n:Entity)" + where + " }"
	}
	if rels != nil {
		if call, err = relationsCall(*rels, "relSkip", "relFirst"); err != nil {
			return nil, err
		}
		params["relSkip"], params["relFirst"] = rels.Skip, rels.First
		relsCol = "rels"
	}
	countCol := "0"
	if parts.RelationCount != nil {
		if countCol, err = relationCountExpr(*parts.RelationCount); err != nil {
			return nil, err
		}
	}
	cypher := `CALL () {
  MATCH (n:Entity)` + where + `
  WITH n ORDER BY ` + by + ` SKIP $skip LIMIT $first
  ` + call + `
  RETURN collect({n: ` + entityMap("n") + `, rels: ` + relsCol + `, count: ` + countCol + `}) AS page
}
RETURN ` + total + ` AS total, page`
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("query: entity page returned %d records", len(recs))
	}
	n, err := value[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	rows, err := value[[]any](recs[0], "page")
	if err != nil {
		return nil, err
	}
	out := &Page{Total: int(n), Entities: make([]*Entity, 0, len(rows))}
	if rels != nil {
		out.Relations = make(map[string][]*Relation, len(rows))
	}
	if parts.RelationCount != nil {
		out.RelationCounts = make(map[string]int, len(rows))
	}
	for _, row := range rows {
		m, _ := row.(map[string]any)
		e, err := toEntity(m["n"])
		if err != nil {
			return nil, err
		}
		out.Entities = append(out.Entities, e)
		if parts.RelationCount != nil {
			out.RelationCounts[e.ID] = toInt(m["count"])
		}
		if rels != nil {
			rs, _ := m["rels"].([]any)
			if out.Relations[e.ID], err = toRelations(e, rs, *rels); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// CountEntities counts the entities matching f.
func (db *DB) CountEntities(ctx context.Context, f EntityFilter) (int, error) {
	where, params, err := f.where()
	if err != nil {
		return 0, err
	}
	recs, err := db.read(ctx, "MATCH (n:Entity)"+where+" RETURN count(n) AS c", params)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, nil
	}
	c, err := value[int64](recs[0], "c")
	return int(c), err
}
