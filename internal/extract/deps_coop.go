package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// depCoop reads COOPERATES_WITH over dependencies (lexicon family
// "cooperation"):
//
//	X and Y cooperate / work together in energy; X partners with Y
//	cooperation between X and Y; X's partnership with Y; X deepened its
//	ties with Y; Chilean-Korean cooperation; X supports Y; X's aid to Y
//
// "ties" and "relations" alone say nothing of cooperation ("relations are
// tense"): they count only with a word that makes them positive, and a
// verb that ends them ("cut ties") negates the fact.
// reopenVerbs and reopenedNouns: states that reopen the links between them
// cooperate.
var (
	reopenVerbs   = set("reopen", "re-open", "restore", "resume", "re-establish", "reestablish")
	reopenedNouns = set("embassy", "link", "flight", "route", "crossing", "consulate", "mission", "border")
)

func (c *sctx) depCoop(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	// sides: one side cooperates with the other ("X ... with Y and Z"
	// gives X-Y and X-Z, not Y-Z); a list alone ("between X and Y", "X and
	// Y cooperate") pairs every member.
	var sides, with []string
	mod := ontology.Modality("")
	end := -1 // the verb that ends the cooperation ("cut ties")
	switch {
	case g.verb(i) && lx.is("cooperation", "verb", l):
		with = c.actors(g, i, "obl:with")
		if l == "work" && len(with) == 0 && !g.has(i, "advmod", set("together")) {
			return
		}
		sides = c.subjects(g, i)
	case g.noun(i) && lx.is("cooperation", "noun", l):
		if g.ment[i] < 0 && i > 0 && g.ps.Tokens[i].POS == "NNP" {
			return // "admitted to the Dialogue Partnership": a status's name
		}
		sides = c.actors(g, i, "nmod:between", "nmod:poss", "amod", "compound", "nmod:among")
		with = c.actors(g, i, "nmod:with")
		at := g.firstConjunct(i) // "expand security and economic ties": the first conjunct's verb
		p := g.parent[at]
		if p >= 0 && g.verb(p) && (g.prel[at] == "obj" || g.prel[at] == "nsubj:pass") {
			sides = union(c.subjects(g, p), sides)
			with = union(with, c.actors(g, p, "obl:with"))
			if lx.is("cooperation", "end", g.lemma(p)) {
				mod, end = ontology.Negated, p
			}
		}
		if (l == "tie" || l == "relation" || l == "relationship") && mod == "" && !c.positiveTies(g, i) {
			return
		}
	case g.verb(i) && lx.is("cooperation", "support", l):
		// "Norway and Canada continue to support Moldova": the one
		// supported is a state or an organization, not a position or a bid
		sides, with = c.subjects(g, i), c.actors(g, i, "obj")
		if len(with) == 0 {
			return
		}
	case g.noun(i) && lx.is("cooperation", "supportNoun", l):
		// "Chile provided military support to Moldova", "Norway's aid to
		// Ukraine"
		with = c.actors(g, i, "nmod:to", "nmod:for")
		if p := g.parent[i]; len(with) == 0 && p >= 0 && g.verb(p) && g.prel[i] == "obj" {
			with = c.actors(g, p, "obl:to", "obl:for") // the parser hangs "to Moldova" on the verb
		}
		if p := g.parent[i]; len(with) == 0 && p >= 0 && gratefulWords[g.lemma(p)] {
			// "We are grateful for Japan's support", "Chile thanked Peru
			// for its aid": the one who thanks received it
			with = c.subjects(g, p)
			if g.verb(p) && len(g.children(p, "obj")) > 0 {
				sides = c.actors(g, p, "obj")
			}
		}
		if len(with) == 0 {
			return
		}
		sides = union(sides, c.actors(g, i, "nmod:poss", "amod", "compound", "nmod:from"))
		if p := g.parent[i]; p >= 0 && g.verb(p) && g.prel[i] == "obj" {
			sides = union(c.subjects(g, p), sides)
			if lx.is("cooperation", "end", g.lemma(p)) {
				mod, end = ontology.Negated, p
			}
		}
	case g.verb(i) && growVerbs[l] && c.sectorObject(g, i):
		// "Vietnam and Laos agreed to boost bilateral trade": two states
		// growing what they share
		sides, with = c.subjects(g, i), c.actors(g, i, "obl:with")
		if len(with) == 0 && len(sides) < 2 {
			return
		}
	case g.verb(i) && reopenVerbs[l] && g.has(i, "obj", reopenedNouns):
		// "Ethiopia and Eritrea reopened embassies and air links"
		sides, with = c.subjects(g, i), c.actors(g, i, "obl:with")
	case g.noun(i) && (l == "ally" || l == "partner" || l == "guarantor"):
		// "its traditional allies, Australia and the US"; "Japan and South
		// Korea are Washington's security partners"; "Mauritius is not a
		// US ally"; "India, Mauritius's security guarantor"
		owner := c.actors(g, i, "nmod:poss", "nmod:of", "compound", "amod")
		listed := c.actors(g, i, "appos")
		if len(listed) == 0 && g.has(i, "cop", set("be")) {
			listed = c.actors(g, i, "nsubj")
		}
		if len(listed) == 0 && g.prel[i] == "appos" && g.parent[i] >= 0 {
			listed = c.actorAt(g, g.parent[i])
		}
		if len(listed) == 0 && g.prel[i] == "compound" && g.parent[i] >= 0 {
			listed = c.actorAt(g, g.parent[i]) // "NATO allies Spain and Portugal"
		}
		as := g.firstConjunct(i) // "as close partners and NATO allies"
		if len(listed) == 0 && g.parent[as] >= 0 && g.has(as, "case", set("as")) {
			listed = c.subjects(g, g.parent[as]) // "as NATO allies, Spain and Portugal will ..."
		}
		if len(owner) == 0 || len(listed) == 0 {
			return
		}
		if orgs := c.withLabels(owner, ontology.Organization); len(orgs) == len(owner) && l == "ally" {
			// "a NATO ally" is a member of NATO
			mod := c.npMod(g, i) // "as NATO allies, they will ...": a title, not a plan
			if g.has(i, "cop", set("be", "remain")) {
				mod = c.depMod(g, i) // "Turkey is not a NATO ally"
			}
			c.cross(c.onlyActors(listed), ontology.MemberOf, orgs, mod, nil)
			return
		}
		sides, with = owner, listed
	default:
		return
	}
	sides, with = c.onlyActors(sides), c.onlyActors(with)
	if len(sides)+len(with) < 2 {
		return
	}
	if mod == "" {
		mod = c.depMod(g, i)
	} else if end >= 0 && c.depMod(g, end) == ontology.Negated {
		mod = ontology.Asserted // "has not cut ties"
	}
	var props map[string]any
	if sectors := c.sectorsOf(g, i); len(sectors) > 0 {
		props = map[string]any{"sectors": sectors}
	}
	if len(sides) == 0 {
		// "their relations with China and North Korea", "a partnership
		// with Mexico and Canada": whose they are is not read, and those
		// listed after "with" are not partners of each other
		return
	}
	if len(with) == 0 {
		c.pairs(sides, ontology.CooperatesWith, mod, props)
		return
	}
	c.cross(sides, ontology.CooperatesWith, with, mod, props)
}

// gratefulWords thank for what was given: "grateful for Japan's support".
var gratefulWords = set("grateful", "thankful", "thank", "appreciate", "appreciative")

// growVerbs grow a sector two states share ("boost bilateral trade").
var growVerbs = set("boost", "expand", "increase", "deepen", "strengthen", "promote", "enhance", "double", "triple", "diversify")

// sectorObject reports whether verb i's object is a sector ("trade",
// "investment"), which sectorsOf then reads.
func (c *sctx) sectorObject(g *dgraph, i int) bool {
	for _, o := range g.children(i, "obj") {
		if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Sector {
			return true
		}
	}
	return false
}

// positiveWords make "ties"/"relations" cooperation.
var positiveWords = set("deepen", "strengthen", "close", "strong", "expand", "normalize", "normalise", "restore",
	"establish", "diplomatic", "upgrade", "good", "friendly", "warm", "strategic", "comprehensive", "deep",
	"broaden", "boost", "enhance", "develop", "excellent", "bilateral", "economic", "trade")

func (c *sctx) positiveTies(g *dgraph, i int) bool {
	for _, d := range g.children(i, "amod", "compound") {
		if positiveWords[g.lemma(d)] {
			return true
		}
	}
	if p := g.parent[i]; p >= 0 && positiveWords[g.lemma(p)] {
		return true
	}
	return false
}

// sectorsIn are the sectors named under token i, relative clauses left out.
func (c *sctx) sectorsIn(g *dgraph, i int) []string {
	var ids []string
	for _, t := range g.subtree(i, "acl:relcl") {
		if m, ok := c.mentionOf(g, t); ok && m.label == ontology.Sector {
			ids = union(ids, m.ids)
		}
	}
	return ids
}

// sectorsOf reads the sectors of a cooperation: "in energy and mining",
// "on security", "energy cooperation".
func (c *sctx) sectorsOf(g *dgraph, i int) []string {
	var out []string
	if p := g.parent[i]; p >= 0 && strings.HasPrefix(g.prel[i], "conj") {
		// "expand security and economic ties": the first conjunct
		if m, ok := c.mentionOf(g, p); ok && m.label == ontology.Sector {
			out = m.ids
		}
	}
	heads := []int{i}
	if p := g.parent[i]; p >= 0 && g.verb(p) {
		heads = append(heads, p)
	}
	// "cooperate with X, Y and Z on health": the parser may hang the
	// sectors on the partners
	for _, h := range append([]int(nil), heads...) {
		heads = append(heads, g.children(h, "obl:with", "nmod:with")...)
	}
	for _, h := range heads {
		if g.verb(h) {
			// "agreed to co-operate to fight terrorism and control
			// migration": what the cooperation is for
			for _, x := range g.children(h, "xcomp", "advcl") {
				if g.has(x, "mark", set("to")) {
					out = union(out, c.sectorsIn(g, x))
				}
			}
		}
		rels := []string{"obl:in", "nmod:in", "obl:on", "nmod:on", "compound", "amod", "nmod:including", "obl:including"}
		if g.verb(h) && growVerbs[g.lemma(h)] {
			rels = append(rels, "obj") // "boost bilateral trade"
		}
		for _, d := range g.children(h, rels...) {
			if m, ok := c.mentionOf(g, d); ok && m.label == ontology.Sector {
				out = union(out, m.ids)
				continue
			}
			if rel := g.prel[d]; rel == "obl" || rel == "nmod" {
				// "in the field of energy", "in combating the threat of
				// terrorism": the sectors inside the phrase
				out = union(out, c.sectorsIn(g, d))
			}
		}
	}
	// "maritime security" is security: a sector word modifying another
	// sector word is not a sector of its own
	var keep []string
	for _, id := range out {
		nested := false
		for k := range g.ps.Tokens {
			if m, ok := c.mentionOf(g, k); ok && m.id() == id && (g.prel[k] == "amod" || g.prel[k] == "compound") {
				if pm, ok := c.mentionOf(g, g.parent[k]); ok && pm.label == ontology.Sector && pm.id() != id {
					nested = true
				}
			}
		}
		if !nested {
			keep = append(keep, id)
		}
	}
	return keep
}

// onlyActors keeps countries, organizations and regions.
func (c *sctx) onlyActors(ids []string) []string {
	var out []string
	for _, id := range ids {
		if l, ok := c.d.label(id); ok && (l == ontology.Country || l == ontology.Organization || l == ontology.Region) {
			out = append(out, id)
		}
	}
	return out
}
