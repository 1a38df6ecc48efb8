package extract

import "github.com/diplograph/diplograph/internal/ontology"

// pairFallback reads a sentence that names exactly two states (or a state
// and an organization) and a word of cooperation, where the rules read no
// fact of cooperation or conflict and none of an agreement, a project or a
// process: "Chile and the United States have a relationship that is
// diverse", "the China-Sri Lanka relations overcame obstacles". The pair
// cooperates. Its confidence is the lowest a rule gives. (Agreements,
// talks and conflicts read this way were wrong more often than right on
// the annotated articles: a sentence naming two states and a deal or a
// war is as often about a third party's.)
func (c *sctx) pairFallback(g *dgraph) {
	pair := c.pairOfSentence()
	if len(pair) != 2 {
		return
	}
	read := map[ontology.Predicate]bool{}
	for _, k := range c.facts {
		read[k.p] = true
		if k.p == ontology.PartyTo || k.p == ontology.ParticipatesIn || k.p == ontology.PartnerIn || k.p == ontology.Hosts || k.p == ontology.Mediates {
			return // the sentence is about an agreement, a project or a process already
		}
	}
	if read[ontology.CooperatesWith] || read[ontology.InConflictWith] || read[ontology.Sanctions] {
		return
	}
	lx := c.d.x.lex
	for i := range g.ps.Tokens {
		l := g.lemma(i)
		trigger := g.noun(i) && lx.is("cooperation", "noun", l) || g.verb(i) && lx.is("cooperation", "verb", l) && l != "work"
		if trigger && c.bothWith(g, i, pair) {
			// "their relations with China and North Korea": the pair are
			// the partners of someone the sentence does not name
			return
		}
		if trigger && c.linked(g, i, pair) {
			if mod := c.depMod(g, i); mod != ontology.Negated {
				// a negated word of cooperation says too little of the
				// pair to read it the other way
				c.add(pair[0], ontology.CooperatesWith, pair[1], mod, confLoose, nil)
			}
			return
		}
	}
}

// bothWith reports whether both of the pair follow the trigger at i's
// "with".
func (c *sctx) bothWith(g *dgraph, i int, pair []string) bool {
	with := c.actors(g, i, "nmod:with", "obl:with")
	return contains(with, pair[0]) && contains(with, pair[1])
}

// linked reports whether the trigger at i is said of one of the pair: a
// noun with a side inside it ("the China-Sri Lanka relations", "ties with
// Peru") or the object of a side's verb ("Chile and Peru have a
// relationship"), a verb with a side as subject. "The importance of
// regional cooperation is reflected in the interest of Kazakhstan" is not.
func (c *sctx) linked(g *dgraph, i int, pair []string) bool {
	var ids []string
	if g.noun(i) {
		ids = c.subtreeActors(g, i)
		if p := g.parent[i]; p >= 0 && g.verb(p) && g.prel[i] == "obj" {
			ids = union(ids, c.subjects(g, p))
		}
	} else {
		ids = c.subjects(g, i)
	}
	for _, id := range ids {
		if contains(pair, id) {
			return true
		}
	}
	return false
}

// pairOfSentence is the two actors a sentence names (countries and
// organizations, anaphors resolved), or nil when it names another number.
func (c *sctx) pairOfSentence() []string {
	var ids []string
	for _, m := range c.s.ments {
		if m.label != ontology.Country && m.label != ontology.Organization {
			continue
		}
		for _, id := range m.ids {
			if !contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) != 2 {
		return nil
	}
	return ids
}
