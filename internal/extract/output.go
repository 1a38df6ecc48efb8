package extract

import (
	"maps"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
)

// node is a reified Agreement, Project or Process read from the text.
type node struct {
	id        string
	label     ontology.Label
	name      string
	kind      string
	commodity string
	year      int
	topic     string
	parties   []string // of an agreement without a name, or the sides of talks, as first read
}

func (d *document) node(id string, label ontology.Label, name string) *node {
	if n, ok := d.nodes[id]; ok {
		return n
	}
	n := &node{id: id, label: label, name: name}
	d.nodes[id] = n
	return n
}

// relKey identifies one fact of a document.
type relKey struct {
	s string
	p ontology.Predicate
	o string
	m ontology.Modality
	q string // identity qualifier: the commodity of EXPORTS_TO
}

type relAcc struct {
	props    map[string]any
	evidence []ontology.Evidence
	conf     float64
}

// roleRank orders membership roles from least to most specific, so that
// "a member" and "one of the founding members" merge into founding_member.
var roleRank = map[string]int{"member": 1, "partner": 2, "associate_member": 3, "dialogue_partner": 3, "observer": 3, "founding_member": 4}

// add records a fact read in sentence s. Properties merge: "sectors" by
// union in order of mention, "role" by the most specific, others first
// value wins.
func (d *document) add(s *sentence, subj string, p ontology.Predicate, obj string, m ontology.Modality, conf float64, props map[string]any) {
	if subj == "" || obj == "" || subj == obj {
		return
	}
	if p == ontology.InSector && (m == ontology.Expected || m == ontology.Reported) && !strings.HasPrefix(subj, "agreement:") {
		// what a pipeline or an exercise is for is a fact of the thing,
		// not of a hedged part in it ("will join the gas pipeline"); an
		// agreement still to come is what it will be about
		m = ontology.Asserted
	}
	k := relKey{s: subj, p: p, o: obj, m: m}
	if p == ontology.ExportsTo {
		k.q, _ = props["commodity"].(string)
	}
	if p.Symmetric() {
		// One edge per pair: the first direction read wins.
		if _, ok := d.rels[k]; !ok {
			if rev := (relKey{s: obj, p: p, o: subj, m: m}); d.rels[rev] != nil {
				k = rev
			}
		}
	}
	r, ok := d.rels[k]
	if !ok {
		if d.x.maxRelations > 0 && len(d.rels) >= d.x.maxRelations {
			return
		}
		r = &relAcc{props: map[string]any{}}
		d.rels[k] = r
		d.order = append(d.order, k)
	}
	for name, v := range props {
		old, has := r.props[name]
		switch {
		case !has:
			if l, isList := v.([]string); isList {
				v = slices.Clone(l)
			}
			r.props[name] = v
		case name == "sectors":
			l := old.([]string)
			for _, x := range v.([]string) {
				if !slices.Contains(l, x) {
					l = append(l, x)
				}
			}
			r.props[name] = l
		case name == "role":
			if roleRank[v.(string)] > roleRank[old.(string)] {
				r.props[name] = v
			}
		}
	}
	if conf > r.conf {
		r.conf = conf
	}
	ev := ontology.Evidence{Document: d.doc.ID, Sentence: d.t[s.seg.Start:s.seg.End], Start: s.seg.Start, End: s.seg.End}
	// Sentences come in text order: a repeat can only be the last one.
	if n := len(r.evidence); n > 0 && r.evidence[n-1].Start == ev.Start {
		return
	}
	r.evidence = append(r.evidence, ev)
}

// nameLateAgreements gives an agreement read without a name the name the
// article gives it later: "Australia, New Zealand and the island nations
// signed a declaration ... The Boe Declaration, named after the district it
// was signed in, ...". It applies when one unnamed agreement and one named
// agreement of the article share their head noun and the named one has no
// parties of its own.
func (d *document) nameLateAgreements() {
	unnamed, named := map[string][]string{}, map[string][]string{}
	parties := map[string]bool{}
	for _, k := range d.order {
		if k.p == ontology.PartyTo {
			parties[k.o] = true
		}
	}
	for id, n := range d.nodes {
		if n.label != ontology.Agreement {
			continue
		}
		f := strings.Fields(strings.ToLower(n.name))
		if len(f) == 0 {
			continue
		}
		head := f[len(f)-1]
		switch {
		case n.parties != nil && n.kind == "agreement" && parties[id]:
			unnamed[head] = append(unnamed[head], id)
		case n.parties == nil && len(f) > 1 && !parties[id]:
			named[head] = append(named[head], id)
		}
	}
	rename := map[string]string{}
	for head, ids := range unnamed {
		if to := named[head]; len(ids) == 1 && len(to) == 1 && head != "agreement" && head != "deal" {
			rename[ids[0]] = to[0]
		}
	}
	if len(rename) > 0 {
		d.renameNodes(rename)
	}
}

// renameNodes moves every fact of the nodes in rename (old id -> new id) to
// the new id, merging evidence with a fact the new id already has.
func (d *document) renameNodes(rename map[string]string) {
	order := d.order[:0:0]
	for _, k := range d.order {
		nk := k
		if to, ok := rename[k.s]; ok {
			nk.s = to
		}
		if to, ok := rename[k.o]; ok {
			nk.o = to
		}
		if nk == k || d.moveRel(k, nk) {
			order = append(order, nk)
		}
	}
	d.order = order
}

// kindSectors are the sectors a node's kind alone says: a pipeline is an
// energy project, an exercise is military.
var kindSectors = map[string]string{
	"pipeline": "energy", "power_line": "energy", "cable": "energy", "interconnector": "energy",
	"military_exercise": "military",
}

// sectorsOfKinds adds the sector of every project or process whose kind
// says it ("the Nigeria-Morocco gas pipeline": energy) and that some state
// takes part in, as a fact of the node, from the sentence of its first
// participant.
func (d *document) sectorsOfKinds() {
	done := map[string]bool{}
	for _, k := range d.order {
		if k.p == ontology.InSector {
			done[k.s] = true
		}
	}
	for _, k := range slices.Clone(d.order) {
		if k.p != ontology.PartnerIn && k.p != ontology.ParticipatesIn || k.m == ontology.Negated || done[k.o] {
			continue
		}
		n, ok := d.nodes[k.o]
		sector := ""
		if ok {
			sector = kindSectors[n.kind]
		}
		if sector == "" || !d.allowed(k) {
			continue
		}
		done[k.o] = true
		src := d.rels[k]
		key := relKey{s: k.o, p: ontology.InSector, o: sector, m: ontology.Asserted}
		d.rels[key] = &relAcc{props: map[string]any{}, evidence: slices.Clone(src.evidence[:1]), conf: confNode}
		d.order = append(d.order, key)
	}
}

// peaceWords name the agreements and talks that end a fight; armedPeace
// those that end an armed one. friendlyWords make a "peace" a friendship
// ("a Treaty of Peace and Friendship"), not the end of a conflict.
var (
	peaceWords    = []string{"peace", "ceasefire", "armistice", "truce"}
	armedPeace    = []string{"ceasefire", "armistice", "truce"}
	friendlyWords = []string{"friendship", "cooperation", "security", "prosperity", "development", "zone"}
)

// conflictsOfPeace adds that the two parties of a peace agreement or a
// ceasefire are in conflict ("a peace accord between Cambodia and
// Thailand"): exactly two states or organizations are party to it (a third
// is often a mediator or a guarantor, whose side the text does not give),
// and the text did not already say how they stand. Peace talks and peace
// processes are left out: their participants often include the mediators
// and the hosts. The conflict is asserted whatever the modality of the
// peace: a peace that is only hoped for still ends a conflict that is. A
// ceasefire, an armistice or a truce ends an armed one.
func (d *document) conflictsOfPeace() {
	sides := map[string][]relKey{}
	for _, k := range d.order {
		if k.p != ontology.PartyTo || k.m == ontology.Negated {
			continue
		}
		if l, ok := d.label(k.s); !ok || l != ontology.Country && l != ontology.Organization {
			continue
		}
		if !slices.ContainsFunc(sides[k.o], func(o relKey) bool { return o.s == k.s }) {
			sides[k.o] = append(sides[k.o], k)
		}
	}
	stated := map[[2]string]bool{}
	for _, k := range d.order {
		if k.p == ontology.InConflictWith {
			stated[[2]string{k.s, k.o}], stated[[2]string{k.o, k.s}] = true, true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(sides)) {
		ks := sides[id]
		n, ok := d.nodes[id]
		if len(ks) != 2 || !ok || stated[[2]string{ks[0].s, ks[1].s}] {
			continue
		}
		words := strings.ToLower(n.id + " " + n.name + " " + n.kind)
		if !containsAny(words, peaceWords) || containsAny(words, friendlyWords) {
			continue
		}
		props := map[string]any{}
		if containsAny(words, armedPeace) {
			props["kind"] = "armed"
		}
		key := relKey{s: ks[0].s, p: ontology.InConflictWith, o: ks[1].s, m: ontology.Asserted}
		stated[[2]string{key.s, key.o}], stated[[2]string{key.o, key.s}] = true, true
		d.rels[key] = &relAcc{props: props, evidence: slices.Clone(d.rels[ks[1]].evidence[:1]), conf: confNode}
		d.order = append(d.order, key)
	}
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// output builds the Extraction: relations sorted by subject, predicate,
// object and modality, evidence by offset, entities by id. Entities are
// every entity a relation references plus every country, organization and
// region mentioned in the text.
func (d *document) output() *ontology.Extraction {
	d.overrule()
	d.dateAgreements()
	d.nameLateAgreements()
	d.sectorsOfKinds()
	d.conflictsOfPeace()
	runes := text.NewRunes(d.t)
	ex := &ontology.Extraction{Document: d.doc, Entities: []ontology.Entity{}, Relations: []ontology.Relation{}, Text: d.t}
	ids := map[string]bool{}
	for _, k := range d.order {
		r := d.rels[k]
		if !d.allowed(k) {
			continue // "the West" as a member of NATO, a region in conflict
		}
		rel := ontology.Relation{Subject: k.s, Predicate: k.p, Object: k.o, Properties: r.props, Confidence: r.conf, Modality: k.m}
		for _, e := range r.evidence {
			e.Start, e.End = runes.Of(e.Start), runes.Of(e.End)
			rel.Evidence = append(rel.Evidence, e)
		}
		slices.SortFunc(rel.Evidence, func(a, b ontology.Evidence) int { return a.Start - b.Start })
		ex.Relations = append(ex.Relations, rel)
		ids[k.s], ids[k.o] = true, true
	}
	slices.SortFunc(ex.Relations, func(a, b ontology.Relation) int {
		if c := strings.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Predicate), string(b.Predicate)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Object, b.Object); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Modality), string(b.Modality)); c != 0 {
			return c
		}
		ca, _ := a.Properties["commodity"].(string)
		cb, _ := b.Properties["commodity"].(string)
		return strings.Compare(ca, cb)
	})
	for id := range d.seen {
		if l, ok := d.x.g.Label(id); ok && l != ontology.Sector {
			ids[id] = true
		}
	}
	for id := range ids {
		if e, ok := d.entity(id); ok {
			ex.Entities = append(ex.Entities, e)
		}
	}
	slices.SortFunc(ex.Entities, func(a, b ontology.Entity) int { return strings.Compare(a.ID, b.ID) })
	return ex
}

// allowed reports whether the fact's ends are of the kinds its type takes
// (ontology.Vocabulary), either way round for a symmetric type.
func (d *document) allowed(k relKey) bool {
	from, ok1 := d.label(k.s)
	to, ok2 := d.label(k.o)
	if !ok1 || !ok2 {
		return true // an id without a known kind is checked by the store
	}
	return k.p.Allows(from, to) || k.p.Symmetric() && k.p.Allows(to, from)
}

// entity describes one id: from the gazetteer, or a reified node.
func (d *document) entity(id string) (ontology.Entity, bool) {
	e := ontology.Entity{ID: id, Properties: map[string]any{}}
	var known []string
	if n, ok := d.nodes[id]; ok {
		e.Label, e.Name = n.label, n.name
		if n.kind != "" {
			e.Properties["kind"] = n.kind
		}
		if n.commodity != "" {
			e.Properties["commodity"] = n.commodity
		}
		if n.year != 0 {
			e.Properties["year"] = n.year
		}
		if n.topic != "" {
			e.Properties["topic"] = n.topic
		}
	} else if c, ok := d.x.g.Country(id); ok {
		e.Label, e.Name = ontology.Country, c.Name
		known = append(append(append([]string{c.Official}, c.Aliases...), c.Demonyms...), c.Capitals...)
	} else if o, ok := d.x.g.Organization(id); ok {
		e.Label, e.Name = ontology.Organization, o.Name
		known = append(append([]string{}, o.Acronyms...), o.Aliases...)
		if o.Kind != "" {
			e.Properties["kind"] = o.Kind
		}
	} else if r, ok := d.x.g.Region(id); ok {
		e.Label, e.Name = ontology.Region, r.Name
		known = append(append([]string{}, r.Aliases...), r.Demonyms...)
	} else if s, ok := d.x.g.Sector(id); ok {
		e.Label, e.Name = ontology.Sector, s.Name
		known = append([]string{}, s.Terms...)
	} else {
		return e, false
	}
	for f := range d.seen[id] {
		known = append(known, f)
	}
	aliases := []string{}
	for _, a := range known {
		if a != "" && a != e.Name {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	e.Aliases = slices.Compact(aliases)
	return e, true
}

// dateAgreements moves the facts about an agreement read without its year
// ("the free trade agreement between Chile and Korea entered into force")
// to the same parties' and kind's agreement read with one elsewhere in the
// text ("signed by Chile and Korea in 2003"), when exactly one year is
// read. Facts of an expected agreement stay: a deal still to come is
// another deal.
func (d *document) dateAgreements() {
	dated := map[string][]string{}
	for id, n := range d.nodes {
		if n.label != ontology.Agreement || len(id) < 5 {
			continue
		}
		base, year := id[:len(id)-5], id[len(id)-4:]
		if id[len(id)-5] != '-' || strings.Trim(year, "0123456789") != "" {
			continue
		}
		if _, ok := d.nodes[base]; ok {
			dated[base] = append(dated[base], id)
		}
	}
	if len(dated) == 0 {
		return
	}
	order := d.order[:0:0]
	for _, k := range d.order {
		to := dated[k.o]
		if len(to) != 1 || k.m == ontology.Expected {
			order = append(order, k)
			continue
		}
		nk := k
		nk.o = to[0]
		if d.moveRel(k, nk) {
			order = append(order, nk)
		}
	}
	d.order = order
}

// moveRel moves the fact at k to nk, merging its evidence into a fact nk
// already has; it reports whether nk is a new fact, to be put in order.
func (d *document) moveRel(k, nk relKey) bool {
	r := d.rels[k]
	delete(d.rels, k)
	if old, ok := d.rels[nk]; ok {
		old.evidence = append(old.evidence, r.evidence...)
		slices.SortFunc(old.evidence, func(a, b ontology.Evidence) int { return a.Start - b.Start })
		old.evidence = slices.CompactFunc(old.evidence, func(a, b ontology.Evidence) bool { return a.Start == b.Start })
		old.conf = max(old.conf, r.conf)
		return false
	}
	d.rels[nk] = r
	return true
}
