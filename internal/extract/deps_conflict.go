package extract

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// envoyNouns are the people a state recalls or expels in a rupture.
var envoyNouns = set("ambassador", "envoy", "diplomat", "consul", "attache", "chargé")

// depConflict reads SANCTIONS and IN_CONFLICT_WITH over dependencies
// (lexicon family "conflict"):
//
//	X sanctioned Y; X imposed sanctions on Y; X's sanctions against Y
//	X invaded/attacked/accused Y; X clashed/fought with Y
//	the war between X and Y; X's dispute with Y; the Armenian-Azerbaijani conflict
func (c *sctx) depConflict(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	switch {
	case g.verb(i) && (l == "recall" || l == "expel") && g.has(i, "obj", envoyNouns):
		// "Chile recalled its ambassador from Peru", "expelled Peruvian
		// diplomats": a diplomatic rupture
		from := c.onlyStates(c.subjects(g, i))
		var to []string
		for _, o := range g.children(i, "obj") {
			if envoyNouns[g.lemma(o)] {
				to = union(to, c.actors(g, o, "amod", "nmod:of", "nmod:poss", "compound", "nmod:from", "nmod:to", "nmod:in"))
			}
		}
		to = union(to, c.actors(g, i, "obl:from"))
		if l == "recall" {
			to = union(to, c.actors(g, i, "obl:to", "obl:in")) // "recalled its ambassador to Niger"
		}
		to = slices.DeleteFunc(c.onlyStates(to), func(id string) bool { return slices.Contains(from, id) })
		c.depConflicts(from, to, c.depMod(g, i), "political")
	case g.verb(i) && lx.is("conflict", "sanction", l):
		c.depSanctions(c.subjects(g, i), c.actors(g, i, "obj"), c.depMod(g, i))
	case g.verb(i) && lx.is("conflict", "lift", l):
		// "lifted its arms embargo on Vietnam": no longer sanctions
		for _, o := range g.children(i, "obj", "nsubj:pass") {
			if lx.is("conflict", "sanctionNoun", g.lemma(o)) {
				targets := union(c.actors(g, o, "nmod:on", "nmod:against"), c.actors(g, i, "obl:on", "obl:against"))
				c.depSanctions(union(c.subjects(g, i), c.actors(g, o, "amod", "compound", "nmod:poss")), targets, ontology.Negated)
			}
		}
	case g.noun(i) && liftNouns[l]:
		// "the lifting of sanctions against Guinea and Mali"
		for _, o := range g.children(i, "nmod:of") {
			if lx.is("conflict", "sanctionNoun", g.lemma(o)) {
				targets := union(c.actors(g, o, "nmod:on", "nmod:against"), c.actors(g, i, "nmod:on", "nmod:against"))
				by := c.actors(g, i, "nmod:poss", "nmod:by")
				if p := g.parent[i]; len(by) == 0 && p >= 0 && g.verb(p) {
					by = c.subjects(g, p)
				}
				c.depSanctions(union(by, c.actors(g, o, "amod", "compound")), targets, ontology.Negated)
			}
		}
	case g.verb(i) && lx.is("conflict", "impose", l):
		for _, o := range g.children(i, "obj", "nsubj:pass") {
			if lx.is("conflict", "sanctionNoun", g.lemma(o)) {
				targets := union(c.actors(g, o, "nmod:on", "nmod:against"), c.actors(g, i, "obl:on", "obl:against"))
				if p := g.parent[i]; len(targets) == 0 && p >= 0 && (g.prel[i] == "advcl" || g.prel[i] == "dep") {
					// "broke ties with Qatar, imposing a blockade"
					targets = c.actors(g, p, "obl:with", "obj")
					for _, po := range g.children(p, "obj") {
						targets = union(targets, c.actors(g, po, "nmod:with"))
					}
				}
				mod := c.depMod(g, i)
				if g.has(o, "det", set("no")) {
					mod = ontology.Negated // "it has imposed no sanctions on the Maldives"
				}
				c.depSanctions(union(c.subjects(g, i), c.actors(g, o, "amod", "compound")), targets, mod)
			}
		}
	case g.noun(i) && lx.is("conflict", "sanctionNoun", l):
		if p := g.parent[i]; p >= 0 && (lx.is("conflict", "impose", g.lemma(p)) || lx.is("conflict", "lift", g.lemma(p))) {
			return // read from the verb
		}
		c.depSanctions(c.actors(g, i, "nmod:poss", "amod", "compound"), c.actors(g, i, "nmod:on", "nmod:against"), c.depMod(g, i))
	case g.verb(i) && (l == "trade" || l == "exchange") && g.has(i, "obj", fireNouns):
		// "Pakistan and Afghanistan traded fire along the border"
		sides := c.onlyActors(union(c.subjects(g, i), c.actors(g, i, "obl:with")))
		if len(sides) >= 2 {
			c.pairs(sides, ontology.InConflictWith, c.depMod(g, i), kindProps("armed"))
		}
	case g.verb(i) && lx.is("conflict", "verb", l):
		subj := c.subjects(g, i)
		var other []string
		if l == "fight" || l == "clash" || l == "dispute" || l == "quarrel" {
			other = c.actors(g, i, "obl:with", "obl:against", "obj")
			if len(other) == 0 && l == "fight" && c.commonEnemy(g, i) {
				return // "to fight terrorism": a common enemy, not each other
			}
			if len(other) == 0 && len(subj) == 2 {
				c.pairs(c.onlyActors(subj), ontology.InConflictWith, c.depMod(g, i), kindProps(conflictKind(l)))
				return
			}
		} else {
			other = c.actors(g, i, "obj")
		}
		c.depConflicts(subj, other, c.depMod(g, i), conflictKind(l))
	case g.noun(i) && lx.is("conflict", "act", l):
		// "Russia's invasion of Ukraine", "the Russian attack on Kyiv"
		c.depConflicts(c.actors(g, i, "nmod:poss", "amod", "nmod:by"), c.actors(g, i, "nmod:of", "nmod:on", "nmod:against"), c.depMod(g, i), "armed")
	case g.noun(i) && lx.is("conflict", "noun", l):
		sides := c.actors(g, i, "nmod:between", "amod", "compound")
		if with := c.actors(g, i, "nmod:with", "nmod:against"); len(with) > 0 {
			sides = union(c.actors(g, i, "nmod:poss"), sides, with)
		}
		if rivalNouns[l] {
			// "the two bitter rivals", "Armenia's rival Azerbaijan": the
			// rivals are the sides
			sides = union(sides, c.actorAt(g, i))
			if owner := c.actors(g, i, "nmod:poss"); len(owner) > 0 {
				sides = union(sides, owner, c.actors(g, i, "appos"))
			}
		}
		// "X and Y are at odds", "X and Y remain rivals"
		if g.has(i, "cop", set("be", "remain")) || g.prel[i] == "obl" && g.has(g.parent[i], "cop", set("be", "remain")) {
			sides = union(sides, c.actors(g, i, "nsubj"))
			if g.prel[i] == "obl" {
				sides = union(sides, c.actors(g, g.parent[i], "nsubj"))
			}
		}
		if p := g.parent[i]; p >= 0 && g.verb(p) && strings.HasPrefix(g.prel[i], "obl") && (g.lemma(p) == "remain" || g.lemma(p) == "be" || lockedIn[g.lemma(p)]) {
			// "X and Y remain in conflict", "are locked in a border dispute"
			sides = union(sides, c.subjects(g, p), c.actors(g, p, "nsubj:pass"))
		}
		sides = c.onlyActors(sides)
		if len(sides) < 2 {
			return
		}
		kind := conflictKind(l)
		if kind == "" && (g.has(i, "compound", territorialWords) || g.has(i, "amod", territorialWords)) {
			kind = "territorial" // "a border dispute", "territorial claims"
		}
		c.pairs(sides, ontology.InConflictWith, c.depMod(g, i), kindProps(kind))
	}
}

// liftNouns end sanctions: "the lifting of sanctions on X".
var liftNouns = set("lifting", "removal", "easing", "end", "repeal")

// unarmedConflict are the conflict words that say nothing of force.
var unarmedConflict = set("accuse", "blame", "threaten", "dispute", "quarrel", "tension", "rivalry", "rival", "standoff",
	"hostility", "feud", "odds", "enmity", "confrontation", "disagreement", "conflict")

// fireNouns are what sides at war trade: "traded fire", "exchanged
// artillery fire".
var fireNouns = set("fire", "gunfire", "shot", "shell", "strike", "blow", "salvo", "barrage")

// rivalNouns name the sides of a conflict themselves.
var rivalNouns = set("rival", "adversary", "foe", "enemy", "arch-rival", "archrival")

// lockedIn verbs put their subjects in the conflict of their oblique.
var lockedIn = set("lock", "embroil", "mire", "entangle", "involve", "engage", "trap")

var territorialWords = set("border", "territorial", "boundary", "maritime", "frontier")

// commonEnemy reports a fight against something that is not a war: "to
// fight terrorism", "fight against drug trafficking" ("fought a long war"
// is a fight with each other).
func (c *sctx) commonEnemy(g *dgraph, v int) bool {
	for _, o := range g.children(v, "obj", "obl:against") {
		if l := g.lemma(o); !c.d.x.lex.is("conflict", "noun", l) && l != "battle" && l != "war" {
			return true
		}
	}
	return false
}

// conflictKind is "armed" for the words of fighting ("invade", "war",
// "clash"), "" for the others.
func conflictKind(lemma string) string {
	if unarmedConflict[lemma] {
		return ""
	}
	return "armed"
}

func kindProps(kind string) map[string]any {
	if kind == "" {
		return nil
	}
	return map[string]any{"kind": kind}
}

func (c *sctx) depSanctions(by, targets []string, mod ontology.Modality) {
	c.cross(c.onlyActors(by), ontology.Sanctions, c.onlyActors(targets), mod, nil)
}

func (c *sctx) depConflicts(a, b []string, mod ontology.Modality, kind string) {
	c.cross(c.onlyActors(a), ontology.InConflictWith, c.onlyActors(b), mod, kindProps(kind))
}
