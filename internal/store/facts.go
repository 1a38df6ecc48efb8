package store

import (
	"slices"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

type sentenceRow struct {
	id         string
	text       string
	start, end int
	mentions   map[string]bool
}

type evidenceRow struct {
	id, text   string
	start, end int
}

type fact struct {
	key             string
	subject, object string
	predicate       ontology.Predicate
	modality        ontology.Modality
	confidence      float64
	props           map[string]any
	sectors         []any
	evidence        []evidenceRow
	docs            []string
}

func (f *fact) evidenceIDs() []string {
	ids := make([]string, len(f.evidence))
	for i, e := range f.evidence {
		ids[i] = e.id
	}
	return ids
}

// merge adds g (the same fact, read elsewhere) to f.
func (f *fact) merge(g *fact) {
	f.confidence = max(f.confidence, g.confidence)
	for _, s := range g.sectors {
		if !slices.Contains(f.sectors, s) {
			f.sectors = append(f.sectors, s)
		}
	}
	for _, ev := range g.evidence {
		if !slices.ContainsFunc(f.evidence, func(e evidenceRow) bool { return e.id == ev.id }) {
			f.evidence = append(f.evidence, ev)
		}
	}
	for _, d := range g.docs {
		if !slices.Contains(f.docs, d) {
			f.docs = append(f.docs, d)
		}
	}
}

// mergeFacts turns one document's relations into facts keyed like the
// graph: relations with the same key (the same fact read in two sentences)
// become one, with the union of their evidence and sectors and the highest
// confidence. Sorted by key.
func mergeFacts(doc string, rels []ontology.Relation) []*fact {
	byKey := map[string]*fact{}
	for _, r := range rels {
		m := r.Modality
		if m == "" {
			m = ontology.Asserted
		}
		props := map[string]any{}
		var sectors []any
		for k, v := range r.Properties {
			pv, _ := propValue(v) // validated
			if k == "sectors" {
				if l, ok := pv.([]any); ok {
					sectors = l
					continue
				}
			}
			props[k] = pv
		}
		key := FactKey(r.Subject, r.Predicate, r.Object, m, OriginClaim, props)
		g := &fact{key: key, subject: r.Subject, object: r.Object, predicate: r.Predicate, modality: m,
			confidence: r.Confidence, props: props, docs: []string{doc}}
		for _, s := range sectors {
			if !slices.Contains(g.sectors, s) {
				g.sectors = append(g.sectors, s)
			}
		}
		for _, ev := range r.Evidence {
			g.evidence = append(g.evidence, evidenceRow{id: SentenceID(doc, ev.Start, ev.End), text: ev.Sentence, start: ev.Start, end: ev.End})
		}
		if f := byKey[key]; f != nil {
			f.merge(g)
		} else {
			g.evidence = slices.CompactFunc(g.evidence, func(a, b evidenceRow) bool { return a.id == b.id })
			byKey[key] = g
		}
	}
	out := make([]*fact, 0, len(byKey))
	for _, f := range byKey {
		sort.Slice(f.evidence, func(i, j int) bool { return f.evidence[i].start < f.evidence[j].start })
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// dedupEntities keeps one entity per id (the first), with the union of the
// aliases of all its listings, sorted by id.
func dedupEntities(es []ontology.Entity) []ontology.Entity {
	byID := map[string]int{}
	var out []ontology.Entity
	for _, e := range es {
		if i, ok := byID[e.ID]; ok {
			out[i].Aliases = append(out[i].Aliases, e.Aliases...)
			continue
		}
		byID[e.ID] = len(out)
		e.Aliases = slices.Clone(e.Aliases)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func uniqueSorted(xs []string) []string {
	out := []string{}
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
