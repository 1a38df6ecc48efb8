package extract

import (
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// depAgreement reads PARTY_TO over dependencies (lexicon family
// "agreement"):
//
//	X and Y signed/concluded/ratified an agreement (with Z)
//	an agreement was signed by X and Y; the deal, signed between X and Y
//	X joined the Paris Agreement
//	the agreement between X and Y (entered into force)
//	X is a party to the treaty
//
// An agreement without a name gets the shared generic id (parties, kind,
// commodity, year), so the surface rules' reading of the same deal merges.
func (c *sctx) depAgreement(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	switch {
	case g.verb(i) && l == "have":
		// "Vietnam has no defence treaty with the United States"
		for _, o := range g.children(i, "obj") {
			if lx.is("agreement", "noun", g.lemma(o)) || c.isAgreement(g, o) {
				c.partyTo(g, o, c.subjects(g, i), c.depMod(g, i))
			}
		}
	case g.verb(i) && (lx.is("agreement", "sign", l) || lx.is("membership", "join", l) || l == "agree" || l == "reach" ||
		l == "come" && len(g.children(i, "obl:to")) > 0 || l == "issue" && c.issuedText(g, i)):
		// "X and Y came to an agreement on ..."
		objs := g.objects(i, "obj", "nsubj:pass", "obl:on", "obl:to")
		for _, cc := range g.children(i, "ccomp") {
			// "signed agreements to revitalize the railway", which the
			// parser may read as "signed [agreements revitalize ...]"
			for _, o := range g.children(cc, "nsubj") {
				if lx.is("agreement", "noun", g.lemma(o)) {
					objs = append(objs, o)
				}
			}
		}
		if g.prel[i] == "acl" && g.parent[i] >= 0 {
			objs = append(objs, g.parent[i]) // "the deal signed in 2019"
		}
		// "with" alone names no side: "members signed deals with the US"
		parties := c.subjects(g, i)
		withs := g.children(i, "obl:with")
		if len(parties) > 0 && len(withs) >= 2 && c.pluralAgreement(g, g.children(i, "obj")) {
			// "signed defence agreements with Australia in 2022 and with
			// the United Kingdom in 2023": one agreement per partner
			c.agreementsPerPartner(g, i, parties, withs)
			return
		}
		if len(parties) > 0 {
			parties = union(parties, c.actors(g, i, "obl:with"))
		}
		parties = union(parties, c.actors(g, i, "obl:between", "obl:among"))
		if c.passive(g, i) {
			parties = union(parties, c.signatoryList(g, i))
		}
		for _, o := range objs {
			if g.lemma(o) == "agreement" && l == "agree" && len(g.children(i, "obj")) == 0 {
				continue
			}
			c.partyTo(g, o, parties, c.depMod(g, i))
		}
	case g.noun(i) && signingNouns[l] && l != "negotiation":
		// "Ethiopia's signing on Monday of a memorandum with Somaliland":
		// the act named as a noun, its agent the possessor
		parties := c.actors(g, i, "nmod:poss", "nmod:by", "amod")
		if len(parties) == 0 {
			return
		}
		for _, o := range g.children(i, "nmod:of") {
			if lx.is("agreement", "noun", g.lemma(o)) || c.isAgreement(g, o) {
				c.partyTo(g, o, parties, c.depMod(g, i))
			}
		}
	case g.noun(i) && lx.is("agreement", "obligation", l):
		// "our obligations under the Kyoto Protocol"
		parties := c.actors(g, i, "nmod:poss")
		if p := g.parent[i]; p >= 0 && len(parties) == 0 && g.verb(p) {
			parties = c.subjects(g, p)
		}
		under := g.children(i, "nmod:under", "nmod:to") // "their commitment to the Trabzon Declaration"
		if p := g.parent[i]; p >= 0 && g.verb(p) {
			under = append(under, g.children(p, "obl:under")...)
		}
		for _, o := range under {
			if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Agreement {
				c.partyTo(g, o, parties, c.depMod(g, i))
			}
		}
	case g.noun(i) && lx.is("agreement", "party", l):
		// "X is a party to the treaty"
		parties := c.actors(g, i, "nsubj", "nsubj:xsubj")
		if len(parties) == 0 && g.prel[i] == "xcomp" && g.parent[i] >= 0 {
			parties = c.subjects(g, g.parent[i]) // "to become parties to the Treaty"
		}
		for _, o := range g.children(i, "nmod:to", "nmod:of") {
			c.partyTo(g, o, parties, c.depMod(g, i))
		}
	case g.noun(i) && lx.is("agreement", "noun", l):
		// a deal named by its parties, whatever the verb: "the agreement
		// between X and Y", "X's agreement with Y"
		p := g.parent[i]
		if p >= 0 && g.verb(p) && (lx.is("agreement", "sign", g.lemma(p)) || g.lemma(p) == "agree") {
			return // read from the verb
		}
		parties := c.actors(g, i, "nmod:between", "nmod:among")
		if len(parties) < 2 {
			poss := c.actors(g, i, "nmod:poss")
			with := c.actors(g, i, "nmod:with")
			parties = union(poss, with)
			if len(poss) == 0 || len(with) == 0 {
				parties = nil
			}
		}
		if len(parties) < 2 {
			parties = union(parties, c.projectNameParties(g, i))
		}
		if len(parties) < 2 {
			return
		}
		// The parties named inside the noun phrase ("our treaty with the
		// United States") are its parties whatever the clause says of
		// someone else ("Japan is not a party to ..."): the phrase's own
		// modality only.
		mod := c.npMod(g, i)
		if p >= 0 && g.noun(p) && signingNouns[g.lemma(p)] && strings.HasPrefix(g.prel[i], "nmod") {
			// "set to witness the signing of a peace accord between X and
			// Y": the accord is as real as its signing
			if m := c.depMod(g, p); m != ontology.Asserted {
				mod = m
			}
		}
		if p >= 0 && g.noun(p) && (g.lemma(p) == "negotiation" || g.lemma(p) == "talk") && strings.HasPrefix(g.prel[i], "nmod") && mod == ontology.Asserted {
			mod = ontology.Expected // "negotiations for a free trade agreement between X and Y": not signed yet
		}
		c.partyTo(g, i, parties, mod)
	}
}

// signatoryList reads the states of a list of signatories the parser cannot
// parse: "The declaration was signed by A, Minister of X; B, Minister of
// Foreign Affairs of Y; and C, Ambassador of Z to the UAE, in the presence
// of ...". When a semicolon follows the passive verb, every state named
// after it, up to "in the presence of", signed.
func (c *sctx) signatoryList(g *dgraph, v int) []string {
	si := g.surf[v]
	if si < 0 {
		return nil
	}
	semicolon := false
	for j := si + 1; j < len(c.toks); j++ {
		semicolon = semicolon || c.key(j) == ";"
	}
	if !semicolon {
		return nil
	}
	var ids []string
	for _, m := range c.s.ments {
		if m.ts <= si || m.te > len(c.toks) {
			continue
		}
		stop := false
		for j := si + 1; j < m.ts; j++ {
			stop = stop || c.key(j) == "presence" || c.key(j) == "witnessed" || c.key(j) == "attended"
		}
		if stop {
			break
		}
		if (m.label == ontology.Country || m.label == ontology.Organization) && m.kind != kindAnaphor {
			// "Ambassador of Argentina to the UAE": the state the envoy
			// comes from, not the one he is posted to
			if m.ts > 0 && c.key(m.ts-1) == "to" || m.ts > 1 && c.key(m.ts-1) == "the" && c.key(m.ts-2) == "to" {
				continue
			}
			ids = union(ids, c.onlyStates(m.ids))
		}
	}
	return ids
}

// jointStatement reports "a joint statement" at token o: the text several
// states issue together is an agreement among them.
func jointStatement(g *dgraph, o int) bool {
	return g.lemma(o) == "statement" && g.has(o, "amod", set("joint"))
}

// issuedText reports whether verb v issues a text of agreement: "issued a
// joint statement", "the declaration was issued by".
func (c *sctx) issuedText(g *dgraph, v int) bool {
	for _, o := range g.children(v, "obj", "nsubj:pass") {
		if l := g.lemma(o); l == "declaration" || l == "communique" || l == "communiqué" || jointStatement(g, o) {
			return true
		}
		if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Agreement {
			return true
		}
	}
	return false
}

// sameDealAgain is the unnamed agreement read before that "the agreement"
// at token o refers to (see sameDeal), when the phrase names no parties of
// its own.
func (c *sctx) sameDealAgain(g *dgraph, o int, parties []string) *node {
	if g.surf[o] < 0 || !c.d.x.lex.is("agreement", "noun", g.lemma(o)) || !c.bareDefinite(g, o) {
		return nil
	}
	return c.sameDeal(g.surf[o], parties)
}

// bareDefinite reports "the agreement", "this treaty" at token o: definite,
// and naming no parties of its own ("between", "among", "with"), so it
// refers to one read before.
func (c *sctx) bareDefinite(g *dgraph, o int) bool {
	return g.has(o, "det", set("the", "this", "that")) && len(c.actors(g, o, "nmod:between", "nmod:among", "nmod:with")) == 0
}

// sameDeal is the last unnamed agreement read, when "the agreement" at
// surface token si (no kind of its own, no other year) names it again with
// one party more or some of its parties: "signed an agreement ... The agreement, signed
// by both countries and the U.S., ...". With the same parties the phrase
// reads as before (and is dated now, if it is).
func (c *sctx) sameDeal(si int, parties []string) *node {
	last := c.d.lastAgreement
	if last == nil || len(parties) == 0 {
		return nil
	}
	if k, _ := agreementKind(c.modifiers(si, 4)); k != "agreement" {
		return nil
	}
	if sortedIDs(parties) == sortedIDs(last.parties) || c.year != 0 && last.year != 0 && c.year != last.year {
		return nil
	}
	// the same deal seen from more or fewer of its parties: one party more
	// ("both countries and the U.S."), or some of them
	added := 0
	for _, p := range parties {
		if !contains(last.parties, p) {
			added++
		}
	}
	if added == 0 || added == 1 && len(parties) == len(last.parties)+1 {
		return last
	}
	return nil
}

// projectNameParties are the states the name of the project an agreement
// is about gives: "the trilateral agreement on the
// China-Kyrgyzstan-Uzbekistan railway project".
func (c *sctx) projectNameParties(g *dgraph, o int) []string {
	var ids []string
	for _, d := range g.children(o, "nmod:on", "nmod:for") {
		if si := g.surf[d]; si >= 0 && projectNouns[c.key(si)] != "" || g.lemma(d) == "project" {
			ids = union(ids, c.nameParties(g.surf[d]))
			for _, dd := range g.children(d, "compound") {
				ids = union(ids, c.nameParties(g.surf[dd]))
			}
		}
	}
	return ids
}

// agreementBefore is the agreement named earlier in the sentence that "the
// treaty" at token o refers to: a name ending in the same head noun, when
// the phrase names no parties of its own.
func (c *sctx) agreementBefore(g *dgraph, o int) string {
	si := g.surf[o]
	if si < 0 || !c.bareDefinite(g, o) {
		return ""
	}
	id := ""
	for _, m := range c.s.ments {
		if m.ts >= si || m.label != ontology.Agreement || m.node == nil || m.te < 1 || m.te > len(c.toks) {
			continue
		}
		if c.toks[m.te-1].key == c.toks[si].key {
			id = m.id()
		}
	}
	return id
}

// signingNouns name the act of making an agreement: "the signing of".
var signingNouns = set("signing", "conclusion", "ratification", "negotiation", "adoption")

// partyTo adds PARTY_TO from parties (and the noun's own "between"/"with"
// lists) to the agreement token o names.
func (c *sctx) isAgreement(g *dgraph, i int) bool {
	m, ok := c.mentionOf(g, i)
	return ok && m.label == ontology.Agreement
}

func (c *sctx) partyTo(g *dgraph, o int, parties []string, mod ontology.Modality) {
	if g.has(o, "det", set("no")) {
		mod = ontology.Negated // "has no defence treaty with"
	}
	lx := c.d.x.lex
	parties = union(parties, c.actors(g, o, "nmod:between", "nmod:among"))
	if len(parties) < 2 {
		parties = union(parties, c.projectNameParties(g, o))
	}
	if len(parties) > 0 {
		// "with" names the other side only when one side is known
		parties = union(parties, c.actors(g, o, "nmod:with"))
	}
	if g.surf[o] >= 0 && g.ment[o] < 0 {
		parties = union(c.nameParties(g.surf[o]), parties) // "the India-UAE agreement"
	}
	// "a memorandum on rail cooperation with Thailand"
	for _, d := range g.children(o, "nmod:on", "nmod:for", "nmod:of") {
		parties = union(parties, c.actors(g, d, "nmod:with", "nmod:between"))
	}
	if len(parties) == 0 {
		return
	}
	var id string
	if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Agreement {
		id = m.id()
	} else if t := g.ps.Tokens[o]; t.POS == "PRP" && strings.ToLower(t.Word) == "it" && c.st != nil && c.st.lastDeal != nil &&
		c.st.lastDeal.label == ontology.Agreement {
		id = c.st.lastDeal.id // "Nigeria ratified it at the end of 2020"
	} else if prev := c.agreementBefore(g, o); prev != "" {
		id = prev // "amendments to the North Atlantic Treaty ... parties to the Treaty"
	} else if c.st != nil && c.st.lastDeal != nil && c.st.lastDeal.label == ontology.Agreement && lx.is("agreement", "noun", g.lemma(o)) &&
		c.bareDefinite(g, o) {
		// "The agreement was signed by India and the UAE": the agreement
		// named before
		id = c.st.lastDeal.id
	} else if last := c.sameDealAgain(g, o, parties); last != nil {
		// "signed an agreement ... The agreement, signed by both countries
		// and the U.S., ...": the deal read before, with a new party
		id = last.id
	} else if (lx.is("agreement", "noun", g.lemma(o)) || jointStatement(g, o)) && g.surf[o] >= 0 {
		if len(parties) < 2 {
			return
		}
		si := g.surf[o]
		mods := c.modifiers(si, 4)
		kind, commodity := agreementKind(mods)
		if lx.is("agreement", "ceasefire", g.lemma(o)) {
			kind = "ceasefire" // "a ceasefire between A and B"
		}
		if last := c.d.lastAgreement; kind == "agreement" && last != nil && last.kind != "" && g.has(o, "det", set("the", "this", "that")) &&
			strings.HasPrefix(last.id, "agreement:"+sortedIDs(parties)+"-") {
			// "Signed by Chile and Korea in 2003, the agreement ...": the
			// agreement of these parties read before, now with its year
			kind, commodity = last.kind, last.commodity
		}
		year := 0
		if mod == ontology.Asserted {
			year = c.yearFor(g, o)
		}
		id = agreementID(parties, kind, commodity, year)
		n := c.d.node(id, ontology.Agreement, strings.TrimSpace(strings.Join(mods, " ")+" "+c.key(si)))
		if n.kind == "" {
			n.kind, n.commodity, n.parties = kind, commodity, parties
		}
		c.d.lastAgreement = n
		if year != 0 && n.year == 0 {
			n.year = year
		}
	} else {
		return
	}
	for _, p := range parties {
		if p != id {
			c.addDep(p, ontology.PartyTo, id, mod, nil)
		}
	}
	// "20 memoranda ... in sectors including banking, nuclear energy and
	// defence": the sectors named after the agreement in its clause
	for _, sec := range c.sectorsUnder(g, o) {
		c.addDep(id, ontology.InSector, sec, mod, nil)
	}
	// "a memorandum on the India-Middle East-Europe Economic Corridor":
	// its parties are partners in the project
	for _, d := range g.children(o, "nmod:on", "nmod:for") {
		if m, ok := c.mentionOf(g, d); ok && m.label == ontology.Project {
			for _, p := range c.onlyStates(parties) {
				c.addDep(p, ontology.PartnerIn, m.id(), mod, nil)
			}
			continue
		}
		// "an agreement on the China-Kyrgyzstan-Uzbekistan railway
		// (project)": a project its parties are partners in
		target := d
		if _, ok := projectNouns[g.lemma(d)]; !ok {
			target = -1
			for _, dd := range g.children(d, "compound") {
				if _, ok := projectNouns[g.lemma(dd)]; ok && g.lemma(d) == "project" {
					target = dd
				}
			}
		}
		if target >= 0 && len(g.children(target, "nmod:of")) == 0 {
			c.partnerIn(g, target, c.onlyStates(parties), mod)
		}
	}
}

// sectorsUnder lists the sectors named in the phrase headed by token o
// ("memoranda ... in sectors including banking and defence"), relative
// clauses and appositions aside.
func (c *sctx) sectorsUnder(g *dgraph, o int) []string {
	in := map[int]bool{}
	mark := func(root int) {
		for _, t := range g.subtree(root, "acl:relcl", "appos") {
			if si := g.surf[t]; si >= 0 {
				in[si] = true
			}
		}
	}
	mark(o)
	if p := g.parent[o]; p >= 0 && g.prel[o] == "obj" {
		// "signed 20 memoranda ... in sectors including banking": the
		// signing verb's "in" phrase and purpose clause
		for _, k := range g.kids[p] {
			if (g.prel[k] == "obl" || g.prel[k] == "nmod") && g.has(k, "case", set("in", "including", "covering")) ||
				g.prel[k] == "advcl" && g.has(k, "mark", set("to", "for")) {
				mark(k) // "... for projects to be implemented in sectors including ..."
			}
		}
	}
	var out []string
	for _, m := range c.s.ments {
		if !c.isSector(m) || !in[m.ts] || m.ts <= g.surf[o] { // its own kind words ("a defence pact") are its kind
			continue
		}
		if !contains(out, m.id()) {
			out = append(out, m.id())
		}
	}
	return out
}

// npMod is the modality a noun phrase gives itself: "no treaty" is
// negated, "a possible treaty" expected; anything else asserted.
func (c *sctx) npMod(g *dgraph, i int) ontology.Modality {
	switch {
	case g.has(i, "det", set("no")):
		return ontology.Negated
	case g.has(i, "amod", c.d.x.lex.sets["modality"]["expect"]):
		return ontology.Expected
	}
	return ontology.Asserted
}

func (c *sctx) pluralAgreement(g *dgraph, objs []int) bool {
	for _, o := range objs {
		if c.d.x.lex.is("agreement", "noun", g.lemma(o)) && strings.HasSuffix(g.ps.Tokens[o].POS, "S") {
			return true
		}
	}
	return false
}

// agreementsPerPartner reads one agreement per "with" partner, each with
// the year written after that partner.
func (c *sctx) agreementsPerPartner(g *dgraph, v int, subj []string, withs []int) {
	objs := g.children(v, "obj")
	if len(objs) == 0 || g.surf[objs[0]] < 0 {
		return
	}
	mods := c.modifiers(g.surf[objs[0]], 4)
	kind, commodity := agreementKind(mods)
	mod := c.depMod(g, v)
	for n, w := range withs {
		partners := c.actorAt(g, w)
		if len(partners) == 0 {
			continue
		}
		year := 0
		end := len(g.ps.Tokens)
		if n+1 < len(withs) {
			end = withs[n+1]
		}
		for k := w + 1; k < end && mod == ontology.Asserted; k++ {
			if y, err := strconv.Atoi(g.ps.Tokens[k].Word); err == nil && y >= 1900 && y <= 2100 {
				year = y
				break
			}
		}
		parties := union(subj, partners)
		id := agreementID(parties, kind, commodity, year)
		if n := c.d.node(id, ontology.Agreement, strings.TrimSpace(strings.Join(mods, " ")+" agreement")); n.kind == "" {
			n.kind, n.commodity, n.year = kind, commodity, year
		}
		for _, p := range parties {
			c.addDep(p, ontology.PartyTo, id, mod, nil)
		}
	}
}

// yearFor is the sentence's year for the agreement at token i, unless the
// year sits in a clause that modifies another noun: "signed a peace pact
// in July, ending enmity sparked by a conflict which broke out in 1998".
func (c *sctx) yearFor(g *dgraph, i int) int {
	if c.year == 0 {
		return 0
	}
	w := strconv.Itoa(c.year)
	for k, t := range g.ps.Tokens {
		if t.Word != w {
			continue
		}
		for a, steps := k, 0; a >= 0 && steps < 32; a, steps = g.parent[a], steps+1 {
			if (g.prel[a] == "acl:relcl" || g.prel[a] == "acl") && !g.under(i, a) {
				return 0
			}
		}
		return c.year
	}
	return c.year
}

// under reports whether token i is a or below it.
func (g *dgraph) under(i, a int) bool {
	for k, steps := i, 0; k >= 0 && steps < 32; k, steps = g.parent[k], steps+1 {
		if k == a {
			return true
		}
	}
	return false
}
