package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// depMember reads MEMBER_OF over dependencies (lexicon family
// "membership"):
//
//	X joined/acceded to/entered O          join: nsubj -> obj, obl:to
//	X was admitted to O; O admitted X      admit
//	O includes/comprises X                 include, with O an organization
//	X and Y constitute / make up O
//	X, Y and Z founded O; O, founded by X  found: founding_member
//	X left/withdrew from O                 leave: negated
//	X is/became a member of O; X's membership in O; O's members X and Y;
//	the accession of X to O; an observer in O
func (c *sctx) depMember(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	if !g.verb(i) && !g.noun(i) {
		return
	}
	var m membership
	ok := false
	switch {
	case g.verb(i) && composeVerbs[l] && len(g.children(i, "obl:of")) > 0:
		m, ok = c.composed(g, i, l)
	case g.verb(i) && (l == "constitute" || l == "make" && g.has(i, "compound:prt", set("up")) && len(g.children(i, "obj")) > 0):
		m, ok = c.constituted(g, i)
	case g.verb(i) && lx.is("membership", "join", l):
		m, ok = c.joined(g, i, l)
	case g.verb(i) && lx.is("membership", "admit", l):
		m, ok = c.admitted(g, i, l)
	case g.verb(i) && lx.is("membership", "include", l) && !c.passive(g, i):
		m, ok = c.included(g, i, l)
	case g.verb(i) && l == "lead" && g.prel[i] == "acl" && g.parent[i] >= 0 && len(g.children(i, "obl:by", "obl:agent")) > 0:
		// "an organisation led by China and Russia": its leading members
		if orgs := c.orgIDs(g, g.parent[i]); len(orgs) > 0 {
			m, ok = membership{members: c.actors(g, i, "obl:by", "obl:agent"), orgs: orgs}, true
		}
	case g.verb(i) && lx.is("membership", "found", l):
		m, ok = c.founded(g, i, l)
	case g.verb(i) && lx.is("membership", "leave", l):
		m, ok = c.left(g, i, l)
	case g.noun(i) && exitNouns[l] && len(g.children(i, "nmod:from")) > 0:
		m, ok = c.exited(g, i)
	case g.noun(i) && (lx.is("membership", "member", l) || memberHeads[l] && g.has(i, "compound", set("member", "partner", "observer"))):
		m, ok = c.memberNoun(g, i, l)
	}
	if ok {
		c.addMembership(g, i, l, m)
	}
}

// membership is what one trigger reads: members, organizations, the role
// and, for "left", the modality.
type membership struct {
	members, orgs []string
	role          string
	mod           ontology.Modality
}

// addMembership adds MEMBER_OF from every member to every organization,
// with the trigger's modality, role and year.
func (c *sctx) addMembership(g *dgraph, i int, l string, r membership) {
	lx := c.d.x.lex
	members, orgs, role, mod := r.members, r.orgs, r.role, r.mod
	if len(members) == 0 || len(orgs) == 0 {
		return
	}
	// "both are members of the alliance, together with Mexico and
	// Colombia"; "a member of the bloc along with Peru"
	for _, t := range append([]int{i}, g.children(i, "nmod:of", "nmod:in", "obj", "obl:to")...) {
		with := c.actors(g, t, "nmod:together_with", "nmod:along_with", "obl:together_with", "obl:along_with", "nmod:alongside", "obl:alongside")
		members = union(members, slices.DeleteFunc(with, func(a string) bool { return contains(orgs, a) }))
	}
	if g.negatedArg(g.children(i, "nmod:of", "nmod:in", "obj", "obl:to")) {
		mod = ontology.Negated // "a member of neither the SCO nor the CSTO"
	}
	if mod == "" {
		mod = c.depMod(g, i)
	} else if m := c.depMod(g, i); mod == ontology.Negated && m == ontology.Negated && (lx.is("membership", "leave", l) || exitNouns[l]) {
		// "has not left" keeps the membership
		mod = ontology.Asserted
	}
	var props map[string]any
	if role != "" {
		props = map[string]any{"role": role}
	}
	y := 0
	switch {
	case g.verb(i) && (lx.is("membership", "join", l) || lx.is("membership", "admit", l) || lx.is("membership", "found", l)):
		y = g.yearOf(i, "obl:in", "obl:since", "obl:on", "obl:tmod") // "since Cambodia joined in 1999"
	case g.noun(i):
		y = g.yearOf(i, "obl:since", "nmod:since") // "an observer since 2013"
	}
	if y != 0 && mod == ontology.Asserted {
		if props == nil {
			props = map[string]any{}
		}
		props["since"] = y
	}
	if mod == ontology.Asserted {
		// "the leaders of the new candidate countries, Ukraine and
		// Moldova, EU members from the region": candidates are not members
		cands := c.candidates(g)
		members = slices.DeleteFunc(slices.Clone(members), func(m string) bool { return contains(cands, m) })
	}
	c.cross(members, ontology.MemberOf, orgs, mod, props)
}

// orgNouns are what an organization is said to be.
var orgNouns = set("organisation", "organization", "bloc", "alliance", "grouping", "union", "body", "forum", "club",
	"association", "community", "partnership", "coalition", "group")

// aimNouns name an aim or the backing of one: the membership or joining
// they govern has not happened ("support for X's membership", "X's bid
// to join").
var aimNouns = set("support", "backing", "bid", "application", "aspiration", "ambition", "path", "road", "prospect",
	"hope", "push", "quest", "drive", "candidacy", "request", "effort", "attempt", "plan", "goal", "pursuit", "desire")

// candidateWords describe states not yet members.
var candidateWords = set("candidate", "aspiring", "prospective", "applicant", "would-be")

// candidates are the states the sentence calls candidates: listed after
// or with a noun described by a candidate word.
func (c *sctx) candidates(g *dgraph) []string {
	var ids []string
	for i := range g.ps.Tokens {
		if !g.noun(i) || !candidateWords[g.lemma(i)] && !g.has(i, "amod", candidateWords) && !g.has(i, "compound", candidateWords) {
			continue
		}
		ids = union(ids, c.onlyStates(c.actors(g, i, "appos", "nmod:of", "conj:")))
	}
	return ids
}

// joined reads "X joined / acceded to O", "the bloc was joined by X".
func (c *sctx) joined(g *dgraph, i int, l string) (membership, bool) {
	var members, orgs []string
	var role string
	mod := ontology.Modality("")
	if c.passive(g, i) || g.modified(i) >= 0 && len(g.children(i, "obl:agent", "obl:by")) > 0 {
		// "the bloc was joined by X", "a bloc ... since joined by X"
		members, orgs = c.actors(g, i, "obl:agent", "obl:by"), c.orgs(g, i, "nsubj:pass")
		if m := g.modified(i); m >= 0 {
			orgs = union(orgs, c.orgIDs(g, m))
		}
	} else {
		members, orgs = c.subjects(g, i), c.orgsAt(g, g.objects(i, "obj", "obl:to", "obl:into"))
		for _, s := range g.children(i, "nsubj", "nsubj:xsubj") {
			if aimNouns[g.lemma(s)] {
				// "Romania backs Moldova's bid to join the EU": the
				// bid's owner, who has not joined yet
				members, mod = c.actors(g, s, "nmod:poss", "nmod:of"), ontology.Expected
			}
		}
		if mod == ontology.Expected && len(orgs) == 0 {
			return membership{}, false // not the organization spoken of: the parse lost the bid's object
		}
		if g.has(i, "advmod", set("together")) || len(g.children(i, "obl:with")) > 0 {
			// "Estonia joined NATO in 2004 together with Latvia"
			members = union(members, c.actors(g, i, "obl:with"))
		}
		if len(orgs) == 0 && len(g.children(i, "obj", "obl:to", "obl:into")) == 0 {
			// "Indonesia agreed to join": the organization spoken of
			orgs = c.implicitOrg(g, i)
		}
	}
	role = c.roleAs(g, i)
	if g.pos(i) == "VBG" && g.has(i, "aux", set("be")) && c.depMod(g, i) == ontology.Asserted {
		mod = ontology.Expected // "Finland and Sweden are joining NATO": not members yet
	}
	return membership{members, orgs, role, mod}, true
}

// admitted reads "O admitted X", "X was admitted to O".
func (c *sctx) admitted(g *dgraph, i int, l string) (membership, bool) {
	var members, orgs []string
	var role string
	mod := ontology.Modality("")
	if c.passive(g, i) {
		members, orgs = c.actors(g, i, "nsubj:pass"), c.orgs(g, i, "obl:to", "obl:into", "obl:in")
	} else {
		members, orgs = c.actors(g, i, "obj"), c.orgs(g, i, "nsubj")
	}
	role = c.roleAs(g, i)
	return membership{members, orgs, role, mod}, true
}

// included reads "O includes / comprises X", with a dash list after a group.
func (c *sctx) included(g *dgraph, i int, l string) (membership, bool) {
	lx := c.d.x.lex
	var members, orgs []string
	var role string
	mod := ontology.Modality("")
	orgs = c.orgs(g, i, "nsubj")
	// "the bloc's members include X", "the LMC countries comprise X"
	for _, s := range g.children(i, "nsubj") {
		if lx.is("membership", "member", g.lemma(s)) || listHeads[g.lemma(s)] {
			orgs = union(orgs, c.orgs(g, s, "nmod:poss", "nmod:of", "compound"))
		}
	}
	members = c.actors(g, i, "obj", "iobj", "obl:along_with")
	for _, s := range g.children(i, "nsubj") {
		c.groupMembers(g, s, members) // "the 15 countries include A, B"
	}
	for _, o := range g.children(i, "obj", "iobj") {
		// "comprises all eight Arctic nations - the United States,
		// Canada, ...": the list after the dash, not the group
		if listed := c.actors(g, o, "appos", "dep"); len(listed) > 1 {
			members = union(listed, c.actors(g, i, "obl:along_with"))
		}
	}
	return membership{members, orgs, role, mod}, true
}

// composeVerbs say what an organization is made of, with "of".
var composeVerbs = set("consist", "comprise", "compose", "make")

// composed reads "O consists of X", "O, comprised of X", "O is made up of
// X", "O, composed of X".
func (c *sctx) composed(g *dgraph, i int, l string) (membership, bool) {
	if l == "make" && !g.has(i, "compound:prt", set("up")) {
		return membership{}, false
	}
	orgs := c.orgs(g, i, "nsubj", "nsubj:pass")
	if p := g.parent[i]; len(orgs) == 0 && p >= 0 && g.prel[i] == "acl" {
		// "Mercosur, comprised of ...", "the Mercosur bloc, comprised of"
		orgs = c.orgsAt(g, append([]int{p}, g.children(p, "compound")...))
	}
	if len(orgs) == 0 {
		return membership{}, false
	}
	return membership{members: c.actors(g, i, "obl:of"), orgs: orgs}, true
}

// constituted reads "X, Y and Z constitute / make up O", and "the four
// nations that constitute O - X, Y, Z and W", whose list the parser hangs
// on O.
func (c *sctx) constituted(g *dgraph, i int) (membership, bool) {
	objs := g.children(i, "obj")
	orgs := c.orgsAt(g, objs)
	if len(orgs) == 0 {
		return membership{}, false
	}
	members := c.subjects(g, i)
	for _, o := range objs {
		members = union(members, c.actors(g, o, "dep", "appos"))
	}
	return membership{members: c.onlyStates(members), orgs: orgs}, true
}

// founded reads "X, Y and Z founded O", "O, founded by X": founding members.
func (c *sctx) founded(g *dgraph, i int, l string) (membership, bool) {
	var members, orgs []string
	var role string
	mod := ontology.Modality("")
	if c.passive(g, i) || g.modified(i) >= 0 {
		orgs = c.orgs(g, i, "nsubj:pass")
		if m := g.modified(i); m >= 0 {
			orgs = union(orgs, c.orgIDs(g, m))
		}
	} else {
		orgs = c.orgsAt(g, g.objects(i, "obj"))
	}
	// "the bloc we created in 2011 with Colombia, Mexico and Peru"
	members, role = union(c.subjects(g, i), c.actors(g, i, "obl:with", "obl:between", "obl:among")), "founding_member"
	return membership{members, orgs, role, mod}, true
}

// left reads "X left / withdrew from O": membership negated.
func (c *sctx) left(g *dgraph, i int, l string) (membership, bool) {
	var members, orgs []string
	var role string
	mod := ontology.Modality("")
	members, orgs = c.subjects(g, i), c.orgs(g, i, "obj", "obl:from")
	if len(orgs) == 0 && len(g.children(i, "obj", "obl:from")) == 0 {
		// "Chile left that bloc in 1976, and Venezuela withdrew in 2006"
		if p := g.parent[i]; p >= 0 && g.prel[i] == "conj" {
			orgs = c.orgs(g, p, "obj", "obl:from")
		}
		if len(orgs) == 0 {
			orgs = c.implicitOrg(g, i)
		}
	}
	mod = ontology.Negated
	return membership{members, orgs, role, mod}, true
}

// exitNouns are a member's leaving an organization.
var exitNouns = set("withdrawal", "exit", "departure", "pullout", "expulsion")

// exited reads "their withdrawal from ECOWAS", "the exit of Mali from the
// bloc", "Burkina Faso announced its departure from the AES": the members
// are no longer members.
func (c *sctx) exited(g *dgraph, i int) (membership, bool) {
	orgs := c.orgs(g, i, "nmod:from")
	members := c.actors(g, i, "nmod:poss", "nmod:of", "amod", "compound")
	if p := g.parent[i]; len(members) == 0 && p >= 0 && g.verb(p) && g.prel[i] == "obj" {
		members = c.subjects(g, p) // "Mali announced the withdrawal from"
	}
	members = slices.DeleteFunc(members, func(m string) bool { return contains(orgs, m) })
	return membership{members: members, orgs: orgs, mod: ontology.Negated}, true
}

// memberNoun reads the member nouns: "X is a member of O", "O's members X
// and Y", "the accession of X to O", "an observer in O", "member states".
func (c *sctx) memberNoun(g *dgraph, i int, l string) (membership, bool) {
	lx := c.d.x.lex
	var members, orgs []string
	var role string
	mod := ontology.Modality("")
	if g.has(i, "case", set("like", "unlike", "than")) {
		return membership{}, false // "Paraguay, like the members of OPEC, ...": a comparison
	}
	orgs = c.orgs(g, i, "nmod:of", "nmod:in", "nmod:to", "compound", "nmod:poss", "nmod:within")
	if len(orgs) == 0 && len(g.children(i, "nmod:of", "nmod:in", "nmod:to", "nmod:poss")) == 0 &&
		(len(g.children(i, "nsubj")) > 0 || g.prel[i] == "xcomp") {
		// "Egypt and Iran, which became members in 2024": of the
		// organization the text is speaking of
		orgs = c.implicitOrg(g, i)
	}
	if len(orgs) == 0 {
		return membership{}, false
	}
	// "ASEAN's ten member states — Brunei, Cambodia, ..." (the parser's
	// dep or appos for the list after a dash)
	members = c.actors(g, i, "nsubj", "appos", "nmod:including", "nmod:such_as", "nmod:like")
	if memberHeads[l] {
		members = union(members, c.actors(g, i, "dep"))
	}
	if g.prel[i] == "appos" {
		// "Kazakhstan, a CSTO member, declined to ...": a title holds
		// whatever the clause says
		mod = c.npMod(g, i)
		if g.has(i, "advmod", c.d.x.lex.sets["modality"]["negate"]) {
			mod = ontology.Negated // "Serbia, not a NATO member, ..."
		}
	}
	if (g.prel[i] == "appos" || g.prel[i] == "dep" && g.noun(g.parent[i])) && g.parent[i] >= 0 {
		// "Spain, Slovakia and Greece, five EU members, ..."; "the four
		// nations - all members of the bloc - ..." (the parser's dep)
		p := g.parent[i]
		members = union(members, c.actorAt(g, p), c.actors(g, p, "conj:and", "conj"))
	}
	if l == "membership" || l == "accession" {
		for _, id := range c.actors(g, i, "nmod:poss", "nmod:of") {
			if !contains(orgs, id) {
				members = union(members, []string{id})
			}
		}
		if p := g.parent[i]; p >= 0 && strings.HasPrefix(g.prel[i], "nmod") && aimNouns[g.lemma(p)] {
			// "support for Moldova's membership in the EU", "its bid
			// for membership": an aim, not a membership
			mod = ontology.Expected
		}
	}
	if len(members) == 0 && g.parent[i] >= 0 && strings.HasPrefix(g.prel[i], "obl") && g.has(i, "case", set("as")) {
		// "leaders welcomed Timor-Leste as the bloc's 11th member"
		members = c.actors(g, g.parent[i], "obj")
	}
	if len(members) == 0 && g.parent[i] >= 0 {
		// "X became / remains a member of O"; "X joined O as a member";
		// "to become parties to the Treaty and members of NATO" (the
		// first conjunct's place)
		at := i
		if g.prel[at] == "conj" && g.parent[at] >= 0 {
			at = g.parent[at]
		}
		if g.prel[at] == "xcomp" || g.prel[at] == "obj" || g.prel[at] == "obl" || g.prel[at] == "nmod" {
			members = c.subjects(g, g.parent[at])
		}
		switch g.prel[i] {
		case "xcomp", "obj", "obl", "nmod":
			members = c.subjects(g, g.parent[i])
		}
	}
	switch {
	case lx.is("membership", "observerRole", l) || g.has(i, "compound", lx.sets["membership"]["observerRole"]):
		role = "observer"
	case lx.is("membership", "founderRole", l) || g.has(i, "amod", lx.sets["membership"]["founderRole"]) ||
		g.has(i, "compound", lx.sets["membership"]["founderRole"]):
		role = "founding_member"
	case memberHeads[l] && g.has(i, "compound", set("partner")):
		role = "partner" // "a BRICS partner country"
	}
	return membership{members, orgs, role, mod}, true
}

// memberHeads with the compound "member" name members: "member states".
var memberHeads = set("state", "country", "nation", "government")

// passive reports whether verb v has a passive subject or auxiliary.
func (c *sctx) passive(g *dgraph, v int) bool {
	return len(g.children(v, "nsubj:pass", "aux:pass")) > 0
}

// roleAs reads "joined as an observer" / "as a founding member".
func (c *sctx) roleAs(g *dgraph, v int) string {
	lx := c.d.x.lex
	for _, d := range g.children(v, "obl:as", "xcomp") {
		switch {
		case lx.is("membership", "observerRole", g.lemma(d)):
			return "observer"
		case g.has(d, "amod", lx.sets["membership"]["founderRole"]) || lx.is("membership", "founderRole", g.lemma(d)):
			return "founding_member"
		}
	}
	return ""
}

// orgsAt collects the organizations the tokens name.
func (c *sctx) orgsAt(g *dgraph, toks []int) []string {
	var ids []string
	for _, d := range toks {
		ids = union(ids, c.orgIDs(g, d))
	}
	return ids
}

// orgs collects the organizations of i's dependents by rels.
func (c *sctx) orgs(g *dgraph, i int, rels ...string) []string {
	var ids []string
	for _, d := range g.children(i, rels...) {
		ids = union(ids, c.orgIDs(g, d))
	}
	return ids
}

// implicitOrg is the organization a sentence speaks of without naming it
// at token i: the last one named before i in the sentence, else the last
// one named in the text.
func (c *sctx) implicitOrg(g *dgraph, i int) []string {
	last := ""
	for k := 0; k < i; k++ {
		m, named := c.mentionOf(g, k)
		switch {
		case named && m.label == ontology.Organization:
			last = m.id()
		case !named:
			if n, ok := c.d.minted[strings.ToLower(g.ps.Tokens[k].Word)]; ok && n.label == ontology.Organization {
				last = n.id // minted in this sentence by an earlier rule
			}
		}
	}
	if last == "" && c.st != nil {
		last = c.st.lastOrg
	}
	if last == "" {
		return nil
	}
	return []string{last}
}

// orgIDs is the organization token i names, if any. A proper noun the
// gazetteer and NER both missed, standing where only an organization can
// ("Bolivia joined Mercosur"), is minted as one: "org:<slug>".
func (c *sctx) orgIDs(g *dgraph, i int) []string {
	if m, ok := c.mentionOf(g, i); ok {
		if m.label == ontology.Organization {
			return m.ids
		}
		return nil
	}
	if l := g.lemma(i); l == "it" && g.ps.Tokens[i].POS == "PRP" {
		return c.implicitOrg(g, i) // "South Africa joined it a year later"
	}
	if groupRefs[g.lemma(i)] && (g.has(i, "det", set("the", "that", "this")) ||
		(g.prel[i] == "appos" || g.prel[i] == "conj") && i > 0 && g.ps.Tokens[i-1].Word == ",") {
		// "the six-member bloc that includes ...", "..., a bloc founded in"
		return c.implicitOrg(g, i)
	}
	// "The SCO is a security organisation (which includes ...)": the
	// noun the organization is said to be
	if g.noun(i) && g.has(i, "cop", set("be")) && orgNouns[g.lemma(i)] {
		return c.orgs(g, i, "nsubj")
	}
	// "Mercosur, a customs union founded by ...": the noun in apposition
	if g.prel[i] == "appos" && g.parent[i] >= 0 {
		if m, ok := c.mentionOf(g, g.parent[i]); ok {
			if m.label == ontology.Organization {
				return m.ids
			}
			return nil
		}
	}
	t := g.ps.Tokens[i]
	acronym := len(t.Word) >= 3 && strings.ToUpper(t.Word) == t.Word && strings.ToLower(t.Word) != t.Word
	if t.POS != "NNP" && t.POS != "NNPS" && !acronym || t.NER == "PERSON" || t.NER == "CITY" || t.NER == "COUNTRY" ||
		t.NER == "LOCATION" && !orgHeads[strings.ToLower(t.Word)] {
		return nil
	}
	start, end := t.Begin, t.End
	for _, d := range g.children(i, "compound", "amod", "flat") {
		dt := g.ps.Tokens[d]
		if dt.POS != "NNP" && dt.POS != "NNPS" {
			continue
		}
		if dt.Begin < start {
			start = dt.Begin
		}
		if dt.End > end {
			end = dt.End
		}
	}
	if n, ok := c.d.minted[strings.ToLower(c.d.t[start:end])]; ok {
		return []string{n.id}
	}
	ts, te := tokenSpan(c.toks, start, end)
	if ts < 0 {
		return nil
	}
	if m, ok := c.d.mintOrg(c.toks, ts, te); ok && m.label == ontology.Organization {
		return m.ids
	}
	return nil
}

// yearOf is the year (1900-2100) an oblique of token i by rels gives: "in
// 1999", "since 2004"; 0 when none.
func (g *dgraph) yearOf(i int, rels ...string) int {
	for _, d := range g.children(i, rels...) {
		if y := g.year(d); y != 0 {
			return y
		}
		// a date: "on June 15 2001", "in March 2004"
		for _, e := range g.children(d, "nummod", "obl:tmod", "nmod:tmod", "compound") {
			if y := g.year(e); y != 0 {
				return y
			}
		}
	}
	return 0
}

// year is the year token i writes, or 0.
func (g *dgraph) year(i int) int {
	if y, err := strconv.Atoi(g.ps.Tokens[i].Word); err == nil && y >= 1900 && y <= 2100 {
		return y
	}
	return 0
}
