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
	ment   []int           // parse token -> index into s.ments, or -1
	surf   []int           // parse token -> surface token index, or -1
	lem    []string        // lower-case lemmas, "cease - fire" read as "ceasefire"
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
	for _, e := range ps.Basic {
		g.parent[e.Dep], g.prel[e.Dep] = e.Gov, e.Rel
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

// objectControl verbs give their object as the subject of their
// complement: "allow X to join".
var objectControl = set("allow", "permit", "enable", "invite", "urge", "ask", "encourage", "help", "persuade", "push", "press", "pressure", "force", "require", "clear")

// listHeads name a group whose members a list in apposition gives.
var listHeads = set("country", "state", "nation", "neighbour", "neighbor", "government", "economy")

// representative heads stand for the state they belong to: "the
// government of X", "X's leaders", "the Chilean delegation".
var representativeLemmas = set("government", "leader", "president", "minister", "official", "delegation", "side",
	"authority", "administration", "state", "company", "firm", "investor", "diplomat", "army", "force", "country",
	"nation", "cabinet", "parliament", "ministry", "representative", "envoy", "ambassador", "head", "premier", "capital",
	"troop", "soldier", "military", "navy", "senate", "congress", "people", "negotiator", "regulator",
	"refiner", "buyer", "producer", "utility", "operator", "exporter", "importer", "carrier", "lender", "fund", "bank",
	"supplier", "manufacturer", "business", "industry", "farmer", "group", "consortium", "corporation", "enterprise",
	"commission", "agency", "customs")

// actorAt gives the actor ids token i stands for: the mention it is part
// of, or the state a representative noun belongs to.
func (c *sctx) actorAt(g *dgraph, i int) []string {
	if mi := g.ment[i]; mi >= 0 {
		m := c.s.ments[mi]
		if !m.actor() {
			return nil
		}
		// "the Baltic states", "all three Baltic countries": the member
		// states of a small region
		if m.label == ontology.Region && (m.kind == kindGroup || m.te <= len(c.toks) && groupNouns[c.toks[m.te-1].key]) {
			if r, ok := c.d.x.g.Region(m.id()); ok && len(r.Countries) > 0 && len(r.Countries) <= 8 {
				return r.Countries
			}
		}
		ids := c.alsoInToken(g, i, mi, m.ids)
		for _, d := range g.children(i, "compound") {
			if listHeads[g.lemma(d)] {
				// "the three invited countries - Serbia, Albania and
				// Montenegro", parsed with Serbia as the head
				ids = union(ids, c.actors(g, i, "appos"))
			}
		}
		return ids
	}
	if ids := c.pronoun(g, i); ids != nil {
		return ids
	}
	if listHeads[g.lemma(i)] {
		// "the seven invited countries - Bulgaria, Estonia, ... -": the
		// states listed after the group noun
		var ids []string
		for _, d := range g.children(i, "appos", "dep") {
			if mi := g.ment[d]; mi >= 0 && c.s.ments[mi].actor() {
				ids = union(ids, c.s.ments[mi].ids, c.actors(g, d, "conj", "conj:and"))
			}
		}
		if len(ids) >= 2 {
			return ids
		}
	}
	if ids := c.numeral(g, i); ids != nil {
		return ids
	}
	if g.ps.Tokens[i].NER == "PERSON" {
		// "Jamil Mahuad of Ecuador": a person of a state speaks for it
		var ids []string
		for _, d := range g.children(i, "nmod:of") {
			if mi := g.ment[d]; mi >= 0 && c.s.ments[mi].label == ontology.Country {
				ids = append(ids, c.s.ments[mi].ids...)
			}
		}
		return ids
	}
	if !representativeLemmas[g.lemma(i)] {
		return nil
	}
	var ids []string
	for _, d := range g.children(i, "nmod:of", "nmod:poss", "amod", "compound") {
		if mi := g.ment[d]; mi >= 0 && c.s.ments[mi].actor() {
			ids = append(ids, c.s.ments[mi].ids...)
		}
	}
	return ids
}

// alsoInToken adds to ids the other actor mentions inside parse token i
// besides mention mi: the parser keeps "Philippine-US" as one token.
func (c *sctx) alsoInToken(g *dgraph, i, mi int, ids []string) []string {
	pt := g.ps.Tokens[i]
	for k, m := range c.s.ments {
		if k == mi || !m.actor() || m.te > len(c.toks) || m.ts >= m.te {
			continue
		}
		if c.toks[m.ts].s >= pt.Begin && c.toks[m.te-1].e <= pt.End {
			ids = union(ids, m.ids)
		}
	}
	return ids
}

// actors collects the actors of i's dependents by rels, in order.
func (c *sctx) actors(g *dgraph, i int, rels ...string) []string {
	var ids []string
	for _, d := range g.children(i, rels...) {
		for _, id := range c.actorAt(g, d) {
			if !contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// mentionOf returns the mention token i is part of.
func (c *sctx) mentionOf(g *dgraph, i int) (mention, bool) {
	if i < 0 || i >= len(g.ment) || g.ment[i] < 0 {
		return mention{}, false
	}
	return c.s.ments[g.ment[i]], true
}

// subjects of verb v: its subjects (including controlled and relative
// ones, which enhanced++ adds), the agent of a passive, and for a
// participle modifying a noun ("a pact founded ... between A and B") the
// noun's "between" list.
func (c *sctx) subjects(g *dgraph, v int) []string {
	if p := g.parent[v]; p >= 0 && g.prel[v] == "xcomp" && objectControl[g.lemma(p)] {
		// "will permit the seven invited countries to become members":
		// the object of permit is the one who becomes
		if ids := c.actors(g, p, "obj", "iobj"); len(ids) > 0 {
			return ids
		}
	}
	ids := c.actors(g, v, "nsubj", "nsubj:xsubj", "obl:agent", "obl:by", "csubj")
	m := g.modified(v)
	if m < 0 && g.prel[v] == "dep" && g.parent[v] >= 0 && g.noun(g.parent[v]) {
		m = g.parent[v] // the parser's "dep" for an infinitival modifier
	}
	if len(ids) == 0 && m >= 0 && g.has(v, "mark", set("to")) {
		// "Ghana and Kenya were the first two countries to ratify it"
		ids = union(c.actorAt(g, m), c.actors(g, m, "nsubj"))
		if len(ids) > 0 {
			return ids
		}
	}
	if m := g.modified(v); len(ids) == 0 && (m >= 0 || g.prel[v] == "amod" && g.parent[v] >= 0) {
		if m < 0 {
			m = g.parent[v]
		}
		ids = c.actors(g, m, "nmod:between", "nmod:among")
		if len(ids) == 0 {
			ids = c.actors(g, v, "obl:between", "obl:among")
		}
	}
	if p := g.parent[v]; len(ids) == 0 && p >= 0 && g.prel[v] == "xcomp" && g.pos(v) == "VBN" && len(g.children(p, "obj")) == 0 {
		// "X and Y remain locked in a dispute": the subject of the verb
		// the participle completes
		return c.actors(g, p, "nsubj", "nsubj:pass")
	}
	if p := g.parent[v]; len(ids) == 0 && p >= 0 && g.pos(v) == "VBG" {
		// a participle clause without a subject of its own: "Malaysia's
		// prime minister, hosting the summit, ..." (its noun), "Hosting
		// the summit, Malaysia ..." (the main clause's subject)
		switch g.prel[v] {
		case "acl":
			ids = c.actorAt(g, p)
		case "advcl", "dep":
			ids = c.actors(g, p, "nsubj")
		case "ccomp":
			if l := g.lemma(p); l == "have" || l == "be" {
				// "X have this week been conducting ...", which the
				// parser reads with "have" as the main verb
				ids = c.actors(g, p, "nsubj")
			}
		}
	}
	return ids
}

// depMod is the modality of the fact triggered at token i: its own
// negation and modals, then those of the verbs it depends on through
// control, complement clauses and coordination, and of the verb whose
// object or subject it is. A relative clause or an adverbial clause is a
// statement of its own (not climbed out of), except a purpose clause ("to
// sign"), which is expected.
func (c *sctx) depMod(g *dgraph, i int) ontology.Modality {
	lx := c.d.x.lex
	neg, exp, rep := false, false, false
	cur := i
	for steps := 0; cur >= 0 && steps < 8; steps++ {
		for _, e := range g.out[cur] {
			l := g.lemma(e.Dep)
			switch {
			case (e.Rel == "aux" || e.Rel == "aux:pass") && lx.is("modality", "modal", l):
				exp = true
			case (e.Rel == "advmod" || e.Rel == "det" || e.Rel == "neg" || e.Rel == "cc:preconj") && lx.is("modality", "negate", l):
				neg = true
			case e.Rel == "advmod" && l == "longer" && g.has(e.Dep, "advmod", set("no")):
				neg = true
			case e.Rel == "obl:according_to" || e.Rel == "advmod" && (l == "reportedly" || l == "allegedly"):
				rep = true
			case e.Rel == "amod" && lx.is("modality", "expect", l):
				exp = true
			case e.Rel == "parataxis" && lx.is("modality", "report", l):
				rep = true // "X sells arms to Y, officials say"
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
			case lx.is("modality", "expect", l):
				exp = true
			case lx.is("modality", "report", l):
				rep = true
			}
		}
		p, rel := g.parent[cur], g.prel[cur]
		if p < 0 {
			break
		}
		switch {
		case rel == "xcomp" || rel == "ccomp" || rel == "conj" || rel == "csubj":
		case rel == "advcl" && g.has(cur, "mark", set("to")):
			exp = true
		case g.noun(cur) && (rel == "obj" || rel == "nsubj" || rel == "nsubj:pass" || rel == "obl" || rel == "nmod" || rel == "appos"):
		case rel == "amod" || rel == "compound":
		default:
			p = -1
		}
		cur = p
	}
	switch {
	case neg:
		return ontology.Negated
	case exp:
		return ontology.Expected
	case rep:
		return ontology.Reported
	}
	return ontology.Asserted
}

// depRules runs every family's dependency rules over the sentence.
func (c *sctx) depRules() {
	ps := c.s.parse
	if ps == nil || len(ps.Tokens) == 0 || len(ps.Deps) == 0 {
		return
	}
	g := c.graph()
	for i := range ps.Tokens {
		c.depMember(g, i)
		c.depAgreement(g, i)
		c.depProject(g, i)
		c.depProcess(g, i)
		c.depCoop(g, i)
		c.depTrade(g, i)
		c.depConflict(g, i)
	}
}

// addDep records a fact read over a dependency path.
func (c *sctx) addDep(subj string, p ontology.Predicate, obj string, m ontology.Modality, props map[string]any) {
	if subj == "" || obj == "" || subj == obj {
		return
	}
	c.add(subj, p, obj, m, confDep, props)
	k := depKey{subj, p, obj, c.s.seg.Start}
	if symmetric[p] && subj > obj {
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
		if symmetric[k.p] && dk.s > dk.o {
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

// pronoun resolves "it" standing for a state or an organization: the
// subject of the verb its verb is coordinated with ("Qatar mediated ...,
// and it has also mediated ..."), else the first actor of the sentence
// before it, else the first actor of the previous sentence.
func (c *sctx) pronoun(g *dgraph, i int) []string {
	t := g.ps.Tokens[i]
	if w := strings.ToLower(t.Word); !(t.POS == "PRP" && w == "it" || t.POS == "PRP$" && w == "its") {
		return nil
	}
	if t.POS == "PRP$" {
		// "after its invasion of Ukraine": the nearest actor before it
		for k := i - 1; k >= 0; k-- {
			if m, ok := c.mentionOf(g, k); ok && m.actor() && m.label != ontology.Region && m.kind != kindFirstPerson {
				return m.ids
			}
		}
	}
	if p := g.parent[i]; p >= 0 && g.prel[i] == "nsubj" && g.prel[p] == "conj" && g.parent[p] >= 0 {
		if ids := c.actors(g, g.parent[p], "nsubj"); len(ids) > 0 {
			return ids
		}
	}
	for k := 0; k < i; k++ {
		if m, ok := c.mentionOf(g, k); ok && m.actor() && m.label != ontology.Region {
			if g.prel[k] == "nsubj" || g.prel[k] == "nsubj:pass" {
				return m.ids
			}
		}
	}
	if c.st != nil && len(c.st.prevActors) > 0 {
		if l, ok := c.d.label(c.st.prevActors[0]); ok && l != ontology.Region {
			return c.st.prevActors[:1]
		}
	}
	return nil
}

var numerals = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

// numeral resolves "the three (countries)" to the last three countries
// named before it in the sentence, or the previous sentence's actors when
// there are that many.
func (c *sctx) numeral(g *dgraph, i int) []string {
	n := numerals[g.lemma(i)]
	if n == 0 {
		// "the three countries": the head noun with the number
		for _, d := range g.children(i, "nummod") {
			if m := numerals[g.lemma(d)]; m > 0 && pairNouns[strings.ToLower(g.ps.Tokens[i].Word)] {
				n = m
			}
		}
		if n == 0 || n == 2 {
			return nil // "the two countries" is the surface rules' anaphor
		}
	} else if !g.has(i, "det", set("the", "all")) {
		return nil
	}
	var ids []string
	for k := i - 1; k >= 0 && len(ids) < n; k-- {
		if m, ok := c.mentionOf(g, k); ok && m.label == ontology.Country && m.kind != kindAnaphor {
			if !contains(ids, m.id()) {
				ids = append([]string{m.id()}, ids...)
			}
		}
	}
	if len(ids) == n {
		return ids
	}
	if c.st != nil && len(c.st.prevActors) == n {
		return c.st.prevActors
	}
	// the last n countries the text named
	if c.st != nil {
		var last []string
		for k := len(c.st.countries) - 1; k >= 0 && len(last) < n; k-- {
			if !contains(last, c.st.countries[k]) {
				last = append([]string{c.st.countries[k]}, last...)
			}
		}
		if len(last) == n {
			return last
		}
	}
	return nil
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

// nameParties reads the countries named inside a project's or an
// agreement's name before its head noun: "the Iran-Pakistan gas pipeline",
// "the India-UAE CEPA".
func (c *sctx) nameParties(si int) []string {
	var ids []string
	for j := si - 1; j >= 0 && j >= si-8; j-- {
		if m, ok := c.mentionAt(j); ok {
			if m.label != ontology.Country {
				break
			}
			ids = append(m.ids[:1:1], ids...)
			j = m.ts
			if j > 0 && c.key(j-1) == "-" {
				continue
			}
			break
		}
		if !c.toks[j].word || c.toks[j].cap {
			if c.key(j) == "-" {
				continue
			}
			break
		}
		if len(ids) > 0 {
			break
		}
	}
	if len(ids) < 2 {
		return nil
	}
	return ids
}
