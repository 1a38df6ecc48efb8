package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// The arguments of the dependency rules: which actors a token stands for
// (a mention, a representative noun, a pronoun, a numeral, a list), the
// subjects of a verb, the states a name gives.

// objectControl verbs give their object as the subject of their
// complement: "allow X to join".
var objectControl = set(append([]string{"allow", "permit", "enable", "invite", "urge", "ask", "encourage", "help",
	"persuade", "push", "press", "pressure", "force", "require", "clear"}, delegatingVerbs...)...)

// delegatingVerbs send a state's own people to act for it: "the
// presidents instructed their ministers to conclude a pact".
var delegatingVerbs = []string{"instruct", "direct", "task", "order", "mandate", "authorize", "authorise"}

var delegating = set(delegatingVerbs...)

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
	"commission", "agency", "customs", "counterpart", "king", "queen", "emir", "sultan", "monarch", "prince",
	// a state's forces: "Indian and Russian warships began a drill"
	"warship", "ship", "vessel", "destroyer", "frigate", "submarine", "jet", "aircraft", "fighter", "guard", "sailor",
	"marine", "contingent", "fleet", "battalion", "brigade", "peacekeeper",
	"regime", "junta")

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
		return c.personState(g, i)
	}
	if !representativeLemmas[g.lemma(i)] {
		return nil
	}
	if g.has(i, "det", partWords) || g.has(i, "amod", partWords) {
		return nil // "some Israeli politicians" are not Israel
	}
	var ids []string
	rels := []string{"nmod:of", "nmod:poss", "amod", "compound"}
	if officialLemmas[g.lemma(i)] {
		rels = append(rels, "nmod:from") // "officials from Chile", not "companies from Chile"
	}
	if seatedLemmas[g.lemma(i)] {
		rels = append(rels, "nmod:in") // "the regime in Syria", "the government in Kabul"
	}
	for _, d := range g.children(i, rels...) {
		if mi := g.ment[d]; mi >= 0 && c.s.ments[mi].actor() {
			ids = append(ids, c.s.ments[mi].ids...)
		} else if g.ps.Tokens[d].NER == "PERSON" || g.pos(d) == "NNP" {
			// "the President of Kyrgyzstan Sadyr Japarov", parsed with
			// the person as the object of "of"
			for _, e := range g.children(d, "compound") {
				if mi := g.ment[e]; mi >= 0 && c.s.ments[mi].actor() {
					ids = append(ids, c.s.ments[mi].ids...)
				}
			}
		}
	}
	if len(ids) == 0 && c.st != nil && g.pos(i) == "NNS" && g.has(i, "det", set("the")) && len(g.children(i, rels...)) == 0 {
		// "The presidents signed ...": the states of the leaders the
		// sentence before named
		if prev := c.onlyCountries(c.st.prevActors); len(prev) >= 2 && len(prev) <= 5 {
			return prev
		}
	}
	return ids
}

// partWords make a group of representatives a part of a state's people,
// not its government.
var partWords = set("some", "several", "many", "certain", "few", "individual", "other")

// officialLemmas are representatives of a state's government, who speak
// for it when they come "from" it.
var officialLemmas = set("official", "delegation", "representative", "minister", "diplomat", "envoy", "negotiator",
	"leader", "delegate", "authority")

// seatedLemmas are governments named by where they sit.
var seatedLemmas = set("government", "regime", "junta", "authority", "administration", "leadership")

// alsoInToken adds to ids the other actor mentions inside parse token i
// besides mention mi: the parser keeps "Philippine-US" as one token.
func (c *sctx) alsoInToken(g *dgraph, i, mi int, ids []string) []string {
	pt := g.ps.Tokens[i]
	if si := g.surf[i]; si < 0 || c.toks[si].e >= pt.End {
		return ids // one surface token: no room for another mention
	}
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
		if delegating[g.lemma(p)] {
			for _, o := range g.children(p, "obj") {
				if representativeLemmas[g.lemma(o)] {
					return c.subjects(g, p) // "their ministers": the subjects' own
				}
			}
		}
	}
	ids := c.actors(g, v, "nsubj", "nsubj:xsubj", "obl:agent", "obl:by", "csubj")
	if len(ids) == 0 {
		for _, s := range g.children(v, "nsubj", "nsubj:xsubj") {
			if listHeads[g.lemma(s)] && g.prel[s] == "appos" && g.parent[s] >= 0 {
				// "Venezuela, a country that resigned from ...": the
				// name the generic noun stands beside
				ids = union(ids, c.actorAt(g, g.parent[s]))
			}
		}
	}
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
	if p := g.parent[v]; len(ids) == 0 && p >= 0 && g.prel[v] == "xcomp" && len(g.children(p, "obj", "iobj")) == 0 {
		// "X and Y remain locked in a dispute", "the AU announced lifting
		// sanctions": the subject of the verb the complement completes,
		// where the parser gave no controlled subject
		return c.actors(g, p, "nsubj", "nsubj:pass", "nsubj:xsubj")
	}
	if p := g.parent[v]; len(ids) == 0 && p >= 0 && g.pos(v) == "VBG" {
		// a participle clause without a subject of its own: "Malaysia's
		// prime minister, hosting the summit, ..." (its noun), "Hosting
		// the summit, Malaysia ..." (the main clause's subject)
		switch g.prel[v] {
		case "acl":
			ids = c.actorAt(g, p)
		case "advcl", "dep":
			// "X and Y are set to expand ties, finalizing eight
			// agreements": the controlled subject of an infinitive too
			ids = c.actors(g, p, "nsubj", "nsubj:xsubj")
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

// pronoun resolves "it" standing for a state or an organization: the
// subject of the verb its verb is coordinated with ("Qatar mediated ...,
// and it has also mediated ..."), else the first actor of the sentence
// before it, else the first actor of the previous sentence.
func (c *sctx) pronoun(g *dgraph, i int) []string {
	t := g.ps.Tokens[i]
	if w := strings.ToLower(t.Word); t.POS == "PRP" && (w == "they" || w == "them") {
		return c.plural(g, i)
	}
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

// plural resolves "they" to a group of states named as one: the subjects
// of an earlier clause of the sentence ("Chile and Peru signed the pact
// after they held talks"), else the states of the previous sentence when
// it named two to four and nothing else ("Chile and Peru met in June. They
// signed a pact."). "They" for people or anything else stays unresolved.
func (c *sctx) plural(g *dgraph, i int) []string {
	for k := 0; k < i; k++ {
		if g.prel[k] != "nsubj" && g.prel[k] != "nsubj:pass" {
			continue
		}
		if ids := c.onlyStates(union(c.actorAt(g, k), c.actors(g, k, "conj", "conj:and"))); len(ids) >= 2 {
			return ids
		}
	}
	if c.st == nil || len(c.st.prevActors) < 2 || len(c.st.prevActors) > 4 {
		return nil
	}
	if states := c.onlyStates(c.st.prevActors); len(states) == len(c.st.prevActors) {
		return states
	}
	return nil
}

var numerals = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

// numeral resolves "the three (countries)" to the last three countries
// named before it in the sentence, or the previous sentence's actors when
// there are that many, else the last list of three countries named
// together, else the last three countries named.
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
	// the last list of n countries named together ("the US, Japan and
	// South Korea ... the three countries")
	if c.st != nil {
		for k := len(c.st.lists) - 1; k >= 0; k-- {
			if len(c.st.lists[k]) == n {
				return c.st.lists[k]
			}
		}
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

// officeLemmas are the offices whose holder acts for a state.
var officeLemmas = set("president", "minister", "premier", "king", "queen", "emir", "sultan", "prince", "chancellor",
	"ambassador", "envoy", "leader", "secretary", "counterpart", "head", "vice", "prime", "foreign", "monarch",
	"sheikh", "general", "commander", "diplomat", "negotiator", "governor")

// personState gives the state a person at token i (the head of a name)
// acts for: "Jamil Mahuad of Ecuador", "Ghana's President John Mensah",
// "Togolese President Koffi Adjo", "John Mensah, the President of Ghana";
// and, later in the article, "Mensah" alone. A person named without an
// office stands for no state unless "of" a state.
func (c *sctx) personState(g *dgraph, i int) []string {
	countries := func(d int) []string {
		if mi := g.ment[d]; mi >= 0 && c.s.ments[mi].label == ontology.Country {
			return c.s.ments[mi].ids
		}
		return nil
	}
	var ids []string
	for _, d := range g.children(i, "nmod:of") {
		ids = union(ids, countries(d))
	}
	office := false
	for _, d := range g.children(i, "compound", "appos") {
		if !officeLemmas[g.lemma(d)] {
			continue
		}
		office = true
		for _, dd := range g.children(d, "nmod:of", "nmod:poss", "amod", "compound") {
			ids = union(ids, countries(dd))
		}
	}
	if office {
		for _, d := range g.children(i, "nmod:poss", "amod", "compound") {
			ids = union(ids, countries(d))
		}
	}
	// (a person the office holders' list knows is a mention already:
	// see personMentions)
	key := strings.ToLower(g.ps.Tokens[i].Word)
	if len(ids) == 0 {
		return c.d.people[key]
	}
	c.d.people[key] = ids
	return ids
}
