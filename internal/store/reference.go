package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// SourceGazetteer is the source property of reference facts.
const SourceGazetteer = "gazetteer"

// ReferenceStats says what LoadReference did.
type ReferenceStats struct {
	Nodes                int `json:"nodes"`
	Facts                int `json:"facts"`
	NodesCreated         int `json:"nodes_created"`
	RelationshipsCreated int `json:"relationships_created"`
	RelationshipsDeleted int `json:"relationships_deleted"` // reference facts no longer in the gazetteer
	PropertiesSet        int `json:"properties_set"`
}

// MembersComplete reports whether the gazetteer is taken to list every
// member of o, so that a claimed membership it lacks is a conflict: the
// intergovernmental organizations whose membership it records.
func MembersComplete(o gazetteer.Organization) bool {
	return o.Kind == "intergovernmental" && len(o.Members) > 0
}

// LoadReference writes the gazetteer as reference data, in one transaction:
// countries, organizations, regions and sectors as nodes with
// reference=true, and LOCATED_IN (country -> region), MEMBER_OF (with role,
// since, until) and PART_OF as facts with origin "reference" and source
// "gazetteer". Reference facts never share a key with claims, so neither
// overwrites the other. Reference facts the gazetteer no longer holds are
// removed; claims are never touched. Loading the same gazetteer again
// writes nothing.
func (s *Store) LoadReference(ctx context.Context, g *gazetteer.Gazetteer) (ReferenceStats, error) {
	if g == nil {
		return ReferenceStats{}, fmt.Errorf("load reference: nil gazetteer")
	}
	nodes := referenceNodes(g)
	facts, keys := referenceFacts(g)
	st, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (ReferenceStats, error) {
		var st ReferenceStats
		if err := st.writeNodes(ctx, tx, nodes); err != nil {
			return st, err
		}
		err := st.writeFacts(ctx, tx, facts, keys)
		return st, err
	})
	if err != nil {
		return ReferenceStats{}, fmt.Errorf("load reference: %w", err)
	}
	return st, nil
}

// referenceNodes are the gazetteer's entities as rows by label, sorted by
// id.
func referenceNodes(g *gazetteer.Gazetteer) map[ontology.Label][]map[string]any {
	nodes := map[ontology.Label][]map[string]any{}
	node := func(l ontology.Label, id, name string, aliases []string, props map[string]any) {
		props["name"] = name
		props["reference"] = true
		nodes[l] = append(nodes[l], map[string]any{"id": id, "aliases": uniqueSorted(aliases), "props": props})
	}
	for _, c := range g.Countries {
		props := map[string]any{"un_status": c.UNStatus}
		if c.Official != "" {
			props["official"] = c.Official
		}
		if len(c.Capitals) > 0 {
			props["capitals"] = c.Capitals
		}
		node(ontology.Country, c.ID, c.Name, append([]string{c.Official}, c.Aliases...), props)
	}
	for _, o := range g.Organizations {
		props := map[string]any{"kind": o.Kind, "members_complete": MembersComplete(o)}
		if o.Founded != 0 {
			props["founded"] = int64(o.Founded)
		}
		node(ontology.Organization, o.ID, o.Name, append(append([]string{}, o.Acronyms...), o.Aliases...), props)
	}
	for _, r := range g.Regions {
		node(ontology.Region, r.ID, r.Name, r.Aliases, map[string]any{})
	}
	for _, sec := range g.Sectors {
		node(ontology.Sector, sec.ID, sec.Name, sec.Terms, map[string]any{})
	}

	for l := range nodes {
		sort.Slice(nodes[l], func(i, j int) bool { return nodes[l][i]["id"].(string) < nodes[l][j]["id"].(string) })
	}
	return nodes
}

// referenceFacts are the gazetteer's facts (LOCATED_IN, MEMBER_OF,
// PART_OF) as rows by type, sorted by key, and all their keys.
func referenceFacts(g *gazetteer.Gazetteer) (map[ontology.Predicate][]map[string]any, []string) {
	facts := map[ontology.Predicate][]map[string]any{}
	var keys []string
	fact := func(subject string, p ontology.Predicate, object string, props map[string]any, extra string) {
		props["origin"], props["source"], props["modality"] = OriginReference, SourceGazetteer, string(ontology.Asserted)
		key := FactKey(subject, p, object, ontology.Asserted, OriginReference+extra, props)
		keys = append(keys, key)
		facts[p] = append(facts[p], map[string]any{"key": key, "subject": subject, "object": object, "props": props})
	}
	for _, c := range g.Countries {
		for _, r := range c.Regions {
			fact(c.ID, ontology.LocatedIn, r, map[string]any{}, "")
		}
	}
	for _, o := range g.Organizations {
		for _, m := range o.Members {
			props := map[string]any{"role": m.Role}
			if m.Since != 0 {
				props["since"] = int64(m.Since)
			}
			if m.Until != 0 {
				props["until"] = int64(m.Until)
			}
			// A member can hold the same role twice (left and rejoined).
			fact(m.Member, ontology.MemberOf, o.ID, props, fmt.Sprintf("|since=%d", m.Since))
		}
		if o.PartOf != "" {
			fact(o.ID, ontology.PartOf, o.PartOf, map[string]any{}, "")
		}
	}
	for p := range facts {
		sort.Slice(facts[p], func(i, j int) bool { return facts[p][i]["key"].(string) < facts[p][j]["key"].(string) })
	}

	return facts, keys
}

// count adds a query's write counters.
func (st *ReferenceStats) count(sum neo4j.ResultSummary) {
	c := sum.Counters()
	st.NodesCreated += c.NodesCreated()
	st.RelationshipsCreated += c.RelationshipsCreated()
	st.RelationshipsDeleted += c.RelationshipsDeleted()
	st.PropertiesSet += c.PropertiesSet()
}

// writeNodes merges the reference entities, writing a property only when
// it would change.
func (st *ReferenceStats) writeNodes(ctx context.Context, tx neo4j.ManagedTransaction, nodes map[ontology.Label][]map[string]any) error {
	for _, l := range ontology.Labels {
		rows := nodes[l]
		if len(rows) == 0 {
			continue
		}
		res, err := tx.Run(ctx, fmt.Sprintf(`
UNWIND $rows AS row
MERGE (n:%s:Entity {id: row.id})
WITH n, row, coalesce(n.aliases, []) AS old
WITH n, row, old + [a IN row.aliases WHERE NOT a IN old] AS aliases
WITH n, row, aliases, reduce(t = row.props.name, a IN aliases | t + ' | ' + a) AS st
WHERE any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])
   OR n.aliases IS NULL OR size(aliases) <> size(n.aliases) OR n.search_text IS NULL OR n.search_text <> st
SET n += row.props, n.aliases = aliases, n.search_text = st`, l), map[string]any{"rows": rows})
		if err != nil {
			return fmt.Errorf("%s nodes: %w", l, err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return fmt.Errorf("%s nodes: %w", l, err)
		}
		st.count(sum)
		st.Nodes += len(rows)
	}
	return nil
}

// writeFacts removes the reference facts the gazetteer no longer has and
// merges the others.
func (st *ReferenceStats) writeFacts(ctx context.Context, tx neo4j.ManagedTransaction, facts map[ontology.Predicate][]map[string]any, keys []string) error {
	for _, p := range ontology.Predicates {
		rows := facts[p]
		// Remove this type's reference facts the gazetteer no longer has.
		res, err := tx.Run(ctx, fmt.Sprintf(`
MATCH ()-[r:%s]->() WHERE r.origin = 'reference' AND NOT r.key IN $keys
DELETE r`, p), map[string]any{"keys": keys})
		if err != nil {
			return fmt.Errorf("stale %s facts: %w", p, err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return fmt.Errorf("stale %s facts: %w", p, err)
		}
		st.count(sum)
		if len(rows) == 0 {
			continue
		}
		res, err = tx.Run(ctx, fmt.Sprintf(`
UNWIND $rows AS row
MATCH (a:Entity {id: row.subject})
MATCH (b:Entity {id: row.object})
MERGE (a)-[r:%s {key: row.key}]->(b)
WITH r, row, count(*) AS matched
CALL (r, row) {
  WITH * WHERE any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])
  SET r += row.props
}
RETURN count(*) AS n`, p), map[string]any{"rows": rows})
		if err != nil {
			return fmt.Errorf("%s facts: %w", p, err)
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return fmt.Errorf("%s facts: %w", p, err)
		}
		n, err := intValue(rec, "n")
		if err != nil {
			return err
		}
		if int(n) != len(rows) {
			return fmt.Errorf("%s facts: %d of %d written: the gazetteer names an id it does not define", p, n, len(rows))
		}
		sum, err = res.Consume(ctx)
		if err != nil {
			return fmt.Errorf("%s facts: %w", p, err)
		}
		st.count(sum)
		st.Facts += len(rows)
	}
	return nil
}
