package extract

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/ontology"
)

// The dependency rules read a sentence's enhanced++ dependency graph: a
// trigger lemma (seed/lexicon/triggers.json) and the arguments its edges
// reach. Enhanced++ dependencies already give the subject of every
// conjunct ("Chile, Peru and Bolivia signed"), the antecedent of a relative
// pronoun ("Laos, which signed"), the controller of a controlled verb
// ("Nepal agreed to build": nsubj:xsubj) and case-marked obliques
// ("obl:with", "nmod:between"), so those need no rule of their own.
//
// Each family sits in one file with its roles of the lexicon:
//
//	deps_member.go     MEMBER_OF
//	deps_agreement.go  PARTY_TO, IN_SECTOR of agreements
//	deps_project.go    PARTNER_IN
//	deps_process.go    HOSTS, MEDIATES, PARTICIPATES_IN
//	deps_coop.go       COOPERATES_WITH
//	deps_trade.go      EXPORTS_TO, INVESTS_IN
//	deps_conflict.go   SANCTIONS, IN_CONFLICT_WITH
//
// deps_args.go finds their arguments (the actors a token stands for, the
// subjects of a verb).
//
// The facts they read are added beside the surface rules' (same mentions,
// same ids, same output), so the two agree on ids and merge evidence.

// confDep is the confidence of a fact read over a dependency path.
const confDep = 0.85

// dgraph is the dependency view of one sentence.
type dgraph struct {
	ps     *corenlp.Sentence
	out    [][]corenlp.Dep // enhanced++ edges by governor
	parent []int           // basic tree parent, -1 for the root
	prel   []string        // basic relation to the parent
	kids   [][]int         // basic tree children, in token order
	ment   []int           // parse token -> index into s.ments, or -1
	surf   []int           // parse token -> surface token index, or -1
	lem    []string        // lower-case lemmas, "cease - fire" read as "ceasefire"
	// reported: the main clause is attributed ("..., according to a joint
	// statement"), so every fact of the sentence is
	reported bool
}

func (c *sctx) graph() *dgraph {
	ps := c.s.parse
	n := len(ps.Tokens)
	g := &dgraph{ps: ps, out: make([][]corenlp.Dep, n), parent: make([]int, n), prel: make([]string, n),
		ment: make([]int, n), surf: make([]int, n)}
	for _, e := range ps.Deps {
		if e.Gov >= 0 {
			g.out[e.Gov] = append(g.out[e.Gov], e)
		}
	}
	for i := range g.parent {
		g.parent[i], g.ment[i], g.surf[i] = -1, -1, -1
	}
	g.kids = make([][]int, n)
	for _, e := range ps.Basic {
		g.parent[e.Dep], g.prel[e.Dep] = e.Gov, e.Rel
	}
	for i, p := range g.parent {
		if p >= 0 {
			g.kids[p] = append(g.kids[p], i)
		}
	}
	g.lem = make([]string, n)
	for i, t := range ps.Tokens {
		g.lem[i] = strings.ToLower(t.Lemma)
	}
	for i := range ps.Tokens {
		// the tokenizer cuts "cease-fire" into "cease - fire"
		if g.lem[i] == "cease" && g.prel[i] == "compound" && g.parent[i] >= 0 && g.lem[g.parent[i]] == "fire" {
			g.lem[g.parent[i]] = "ceasefire"
		}
	}
	for i := range ps.Tokens {
		if g.parent[i] < 0 && len(g.children(i, "obl:according_to")) > 0 {
			g.reported = true
		}
	}
	j := 0
	for i, pt := range ps.Tokens {
		for j < len(c.toks) && c.toks[j].e <= pt.Begin {
			j++
		}
		if j < len(c.toks) && c.toks[j].s < pt.End {
			g.surf[i] = j
		}
	}
	for mi, m := range c.s.ments {
		if m.te > len(c.toks) || m.ts >= m.te {
			continue
		}
		ms, me := c.toks[m.ts].s, c.toks[m.te-1].e
		for i, pt := range ps.Tokens {
			if g.ment[i] < 0 && pt.Begin < me && pt.End > ms {
				g.ment[i] = mi
			}
		}
	}
	return g
}

func (g *dgraph) lemma(i int) string {
	if i < 0 || i >= len(g.lem) {
		return ""
	}
	return g.lem[i]
}

func (g *dgraph) pos(i int) string { return g.ps.Tokens[i].POS }

func (g *dgraph) noun(i int) bool { return strings.HasPrefix(g.pos(i), "NN") }

// pronounSubject reports whether verb v's subject is a personal pronoun
// ("he went to Beijing"): whose it is, the text must say elsewhere.
func (g *dgraph) pronounSubject(v int) bool {
	for _, s := range g.children(v, "nsubj") {
		if g.pos(s) == "PRP" {
			return true
		}
	}
	return false
}

func (g *dgraph) verb(i int) bool { return strings.HasPrefix(g.pos(i), "VB") }

// children are the dependents of i by any of rels; a rel ending in ":"
// matches every subtype ("obl:" matches "obl:with").
func (g *dgraph) children(i int, rels ...string) []int {
	var out []int
	for _, e := range g.out[i] {
		for _, r := range rels {
			if e.Rel == r || strings.HasSuffix(r, ":") && strings.HasPrefix(e.Rel, r) {
				out = append(out, e.Dep)
				break
			}
		}
	}
	return out
}

func (g *dgraph) has(i int, rel string, lemmas map[string]bool) bool {
	for _, d := range g.children(i, rel) {
		if lemmas[g.lemma(d)] {
			return true
		}
	}
	return false
}

// subtree is token i and the tokens under it in the basic tree, down to
// depth 8, not entering dependents by the relations in except ("acl:relcl":
// a relative clause is a statement of its own).
func (g *dgraph) subtree(i int, except ...string) []int {
	out := []int{i}
	var walk func(int, int)
	walk = func(t, depth int) {
		if depth >= 8 {
			return
		}
		for _, k := range g.kids[t] {
			if !slices.Contains(except, g.prel[k]) {
				out = append(out, k)
				walk(k, depth+1)
			}
		}
	}
	walk(i, 0)
	return out
}

// keepVerbs keep what exists: a hope or a plan to keep it does not make it
// a thing to come.
var keepVerbs = set("maintain", "preserve", "keep", "sustain", "retain")

// routineSources are the unnamed sources of news copy's routine
// attribution ("officials said", "diplomatic sources said"): the reporter
// states the fact, as the annotators of the real articles read it; a
// named source (the ministry, a minister, a statement, a state's
// officials) makes it reported.
var routineSources = set("official", "source", "diplomat", "representative", "authority")

// routineSource reports whether every subject of the verb of saying v is
// an unnamed routine source: not "Israeli officials", "officials in
// Kabul", whose state is a party with a claim of its own.
func (c *sctx) routineSource(g *dgraph, v int) bool {
	subj := g.children(v, "nsubj")
	for _, s := range subj {
		if !routineSources[g.lemma(s)] || g.pos(s) == "NNP" || len(c.actors(g, s, "amod", "compound", "nmod:poss")) > 0 {
			return false
		}
		for _, e := range g.out[s] {
			if strings.HasPrefix(e.Rel, "nmod") && strings.HasPrefix(g.pos(e.Dep), "NNP") {
				return false // "officials in Kabul", "sources at the Ministry"
			}
		}
	}
	return len(subj) > 0
}

// reportedContent are the relations by which a fact hangs under a verb of
// saying as what is said.
var reportedContent = set("ccomp", "xcomp", "parataxis", "dep", "csubj", "obj", "conj", "nsubj", "nsubj:pass")

// depMod is the modality of the fact triggered at token i: its own
// negation and modals, then those of the verbs it depends on through
// control, complement clauses and coordination, and of the verb whose
// object or subject it is. A relative clause or an adverbial clause is a
// statement of its own (not climbed out of), except a purpose clause ("to
// sign"), which is expected.
func (c *sctx) depMod(g *dgraph, i int) ontology.Modality {
	lx := c.d.x.lex
	neg, exp, rep := false, false, false
	cur, via, kept := i, "", keepVerbs[g.lemma(i)]
	for steps := 0; cur >= 0 && steps < 8; steps++ {
		for _, e := range g.out[cur] {
			l := g.lemma(e.Dep)
			switch {
			case (e.Rel == "aux" || e.Rel == "aux:pass") && lx.is("modality", "modal", l):
				exp = true
			case (e.Rel == "advmod" || e.Rel == "det" || e.Rel == "neg" || e.Rel == "cc:preconj") && lx.is("modality", "negate", l) &&
				!(l == "never" && comparative(g, cur)) && !(l == "not" && boundVerbs[g.lemma(cur)]):
				neg = true // not "has never been stronger", "is not limited to"
			case e.Rel == "advmod" && l == "longer" && g.has(e.Dep, "advmod", set("no")):
				neg = true
			case e.Rel == "obl:according_to" || e.Rel == "advmod" && (l == "reportedly" || l == "allegedly"):
				rep = true
			case e.Rel == "amod" && lx.is("modality", "expect", l):
				exp = true
			case (e.Rel == "parataxis" || e.Rel == "dep") && lx.is("modality", "report", l) && !c.routineSource(g, e.Dep):
				// "X sells arms to Y, the ministry says"; "..., said the
				// ministry", which the parser leaves as dep
				rep = true
			}
		}
		if cur == i && lx.is("modality", "expect", g.lemma(i)) {
			exp = true // "negotiating an agreement"
		}
		if cur != i {
			l := g.lemma(cur)
			switch {
			case lx.is("modality", "refuse", l):
				neg = true
			case keepVerbs[l]:
				kept = true
			case lx.is("modality", "expect", l) && !(via == "xcomp" && kept):
				// not "sought to maintain its close relationship": what
				// one keeps is there already
				exp = true
			case lx.is("modality", "report", l) && reportedContent[via] && !c.routineSource(g, cur):
				// what is said, not when: "Anwar said after a meeting
				// with ..." reports no meeting
				rep = true
			}
		}
		p, rel := g.parent[cur], g.prel[cur]
		if p < 0 {
			if g.verb(cur) && g.has(cur, "mark", set("to")) {
				exp = true // a headline's "Chile and Peru to sign pact"
			}
			break
		}
		switch {
		case rel == "conj" && g.has(cur, "cc", set("but", "yet")):
			p = -1 // "did not reveal the details, but said it would help": a clause of its own
		case rel == "xcomp" || rel == "ccomp" || rel == "conj" || rel == "csubj":
		case rel == "dep" && lx.is("modality", "report", g.lemma(p)):
			// "X signed ..., said the ministry": the parser hangs the
			// clause under the inverted "said"
		case rel == "advcl" && g.has(cur, "mark", set("to")):
			exp = true // "to sign" as a purpose
		case rel == "acl" && g.has(cur, "mark", set("to")) && !g.has(p, "amod", set("first", "second", "third", "last", "only", "latest")):
			exp = true // "a step to join", "plans to build"; not "the first minister to visit"
		case g.noun(cur) && (rel == "obj" || rel == "nsubj" || rel == "nsubj:pass" || rel == "obl" || rel == "nmod" || rel == "appos"):
		case rel == "amod" || rel == "compound":
		default:
			p = -1
		}
		cur, via = p, rel
	}
	switch {
	case neg:
		return ontology.Negated
	case exp:
		return ontology.Expected
	case rep || g.reported:
		return ontology.Reported
	}
	return ontology.Asserted
}

// boundVerbs, negated, widen what they bound: "not limited to energy".
var boundVerbs = set("limit", "confine", "restrict")

// comparative reports a comparative predicate ("stronger", "more
// important", "better"): "has never been stronger" praises.
func comparative(g *dgraph, i int) bool {
	pos := g.ps.Tokens[i].POS
	return pos == "JJR" || pos == "RBR" || g.has(i, "advmod", set("more"))
}

// firstConjunct is the first of the conjoined nouns token i is one of
// ("security" in "security and economic ties"), else i.
func (g *dgraph) firstConjunct(i int) int {
	if p := g.parent[i]; p >= 0 && strings.HasPrefix(g.prel[i], "conj") && g.noun(p) {
		return p
	}
	return i
}

// depRules runs every family's dependency rules over the sentence.
func (c *sctx) depRules() {
	ps := c.s.parse
	if ps == nil || len(ps.Tokens) == 0 || len(ps.Deps) == 0 {
		return
	}
	g := c.graph()
	c.rememberGroupActs(g)
	for i := range ps.Tokens {
		c.depMember(g, i)
		c.depAgreement(g, i)
		c.depProject(g, i)
		c.depProcess(g, i)
		c.depCoop(g, i)
		c.depTrade(g, i)
		c.depConflict(g, i)
	}
	c.pairFallback(g)
}

// addDep records a fact read over a dependency path.
func (c *sctx) addDep(subj string, p ontology.Predicate, obj string, m ontology.Modality, props map[string]any) {
	if subj == "" || obj == "" || subj == obj {
		return
	}
	c.add(subj, p, obj, m, confDep, props)
	k := depKey{subj, p, obj, c.s.seg.Start}
	if p.Symmetric() && subj > obj {
		k.s, k.o = obj, subj
	}
	if c.d.depRead == nil {
		c.d.depRead = map[depKey][]ontology.Modality{}
	}
	if !slices.Contains(c.d.depRead[k], m) {
		c.d.depRead[k] = append(c.d.depRead[k], m)
	}
}

// depKey is a fact read by the dependency rules in one sentence, whatever
// its modality.
type depKey struct {
	s string
	p ontology.Predicate
	o string
	// at is the sentence's start
	at int
}

// overrule drops the surface rules' reading of a fact in a sentence where
// the dependency rules read the same fact with another modality: the
// parse scopes negation and hedges by clause ("which signed ..., is
// expected to join"), where the surface rules scope them by position.
// A relation left without evidence goes.
func (d *document) overrule() {
	if len(d.depRead) == 0 {
		return
	}
	order := d.order[:0:0]
	for _, k := range d.order {
		r := d.rels[k]
		dk := depKey{k.s, k.p, k.o, 0}
		if k.p.Symmetric() && dk.s > dk.o {
			dk.s, dk.o = dk.o, dk.s
		}
		ev := r.evidence[:0:0]
		for _, e := range r.evidence {
			dk.at = e.Start
			mods := d.depRead[dk]
			if len(mods) > 0 && !slices.Contains(mods, k.m) {
				continue
			}
			ev = append(ev, e)
		}
		if len(ev) == 0 {
			delete(d.rels, k)
			continue
		}
		r.evidence = ev
		order = append(order, k)
	}
	d.order = order
}

// cross adds subject -p-> object for every subject and every other object.
func (c *sctx) cross(subjects []string, p ontology.Predicate, objects []string, m ontology.Modality, props map[string]any) {
	for _, a := range subjects {
		for _, b := range objects {
			c.addDep(a, p, b, m, props)
		}
	}
}

// pairs adds a symmetric fact for every pair of distinct ids.
func (c *sctx) pairs(ids []string, p ontology.Predicate, m ontology.Modality, props map[string]any) {
	for a := 0; a < len(ids); a++ {
		for b := a + 1; b < len(ids); b++ {
			c.addDep(ids[a], p, ids[b], m, props)
		}
	}
}

func union(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, id := range l {
			if id != "" && !contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// objects are i's dependents by rels, plus, for a verb of a reduced
// relative clause without an object of its own ("the bloc we created"),
// the noun the clause modifies, and for a participle clause without a
// subject ("Signed in 2003, the agreement was ..."), the main clause's
// subject.
func (g *dgraph) objects(i int, rels ...string) []int {
	out := g.children(i, rels...)
	p := g.parent[i]
	if p < 0 || len(g.children(i, "obj")) > 0 {
		return out
	}
	switch {
	case (g.prel[i] == "acl:relcl" || g.prel[i] == "dep" && g.noun(p)) && len(g.children(i, "nsubj")) > 0:
		out = append(out, p)
	case g.prel[i] == "advcl" && g.pos(i) == "VBN" && len(g.children(i, "nsubj", "nsubj:pass")) == 0:
		out = append(out, g.children(p, "nsubj:pass", "nsubj")...)
	}
	return out
}

// modified is the noun a participle clause modifies, through coordinated
// participles: "a bloc re-established in 2000 ... and since joined by X".
func (g *dgraph) modified(i int) int {
	for steps := 0; i >= 0 && steps < 3; steps++ {
		switch r := g.prel[i]; {
		case r == "acl" || strings.HasPrefix(r, "acl:") && r != "acl:relcl":
			return g.parent[i]
		case r == "conj" || strings.HasPrefix(r, "conj:"):
			i = g.parent[i]
		default:
			return -1
		}
	}
	return -1
}

// negatedArg reports a "neither ... nor" argument: "a member of neither
// the SCO nor the CSTO".
func (g *dgraph) negatedArg(toks []int) bool {
	for _, t := range toks {
		if g.has(t, "cc:preconj", set("neither")) || g.has(t, "cc", set("nor")) {
			return true
		}
	}
	return false
}
