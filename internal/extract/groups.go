package extract

import (
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// A group named by its size acts before its members are listed: "Fifteen
// countries signed the RCEP agreement. ... The 15 countries include China,
// Japan and ...". groupAct remembers what the group did, so that the list
// gives each member the fact.
type groupAct struct {
	size int
	obj  string // the named node the group acted on
	pred ontology.Predicate
	mod  ontology.Modality
}

// groupWords count a group: "fifteen countries", "the 15 members".
var groupWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}

// groupSize is the size of a group noun at token i ("15 countries"), or 0.
func groupSize(g *dgraph, i int) int {
	if !listHeads[g.lemma(i)] && g.lemma(i) != "member" {
		return 0
	}
	for _, d := range g.children(i, "nummod", "compound") { // "Eleven countries" at a sentence start parses as a compound
		w := strings.ToLower(g.ps.Tokens[d].Word)
		if n, ok := groupWords[w]; ok {
			return n
		}
		if n, err := strconv.Atoi(w); err == nil && n > 1 && n < 200 {
			return n
		}
	}
	return 0
}

// predicateOn is the predicate of taking part in a node of label l.
func predicateOn(l ontology.Label) ontology.Predicate {
	switch l {
	case ontology.Agreement:
		return ontology.PartyTo
	case ontology.Process:
		return ontology.ParticipatesIn
	case ontology.Project:
		return ontology.PartnerIn
	case ontology.Organization:
		return ontology.MemberOf
	}
	return ""
}

// rememberGroupActs records what a group named by its size and nothing
// else did to a named node in this sentence.
func (c *sctx) rememberGroupActs(g *dgraph) {
	for s := range g.ps.Tokens {
		if g.prel[s] != "nsubj" && g.prel[s] != "nsubj:pass" {
			continue
		}
		n := groupSize(g, s)
		v := g.parent[s]
		if n == 0 || v < 0 || !g.verb(v) || len(c.actorAt(g, s)) > 0 {
			continue
		}
		for _, o := range g.children(v, "obj", "obl:in", "obl:to") {
			// "the Regional Comprehensive Economic Partnership agreement":
			// the name may end before the head noun
			for _, t := range append([]int{o}, g.children(o, "compound")...) {
				m, ok := c.mentionOf(g, t)
				if !ok || m.node == nil && m.label != ontology.Organization {
					continue
				}
				if p := predicateOn(m.label); p != "" {
					c.d.groupActs = append(c.d.groupActs, groupAct{size: n, obj: m.id(), pred: p, mod: c.depMod(g, v)})
					break
				}
			}
		}
	}
}

// groupMembers gives the members listed for a group named by its size
// ("The 15 countries include A, B and C") the facts the group had.
func (c *sctx) groupMembers(g *dgraph, subj int, members []string) {
	n := groupSize(g, subj)
	if n == 0 {
		return
	}
	for _, a := range c.d.groupActs {
		if a.size != n {
			continue
		}
		for _, m := range c.onlyStates(members) {
			c.addDep(m, a.pred, a.obj, a.mod, nil)
		}
	}
}
