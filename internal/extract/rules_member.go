package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

var joinWords = set("join", "joined", "joins", "joining", "sought")

// memberOf reads MEMBER_OF with its role: "A and B are members of O",
// "A, as one of the founding members, ...", "observer states ..., such as
// A and B", "became a dialogue partner", "A joined O", "participate in the
// activities of O", "O, which A founded".
func (c *sctx) memberOf() {
	for i := range c.toks {
		k := c.key(i)
		cl := c.clauseOf(i)
		switch {
		case (k == "member" || k == "members") && c.key(i+1) == "'":
			// "the capacity of its members' maritime forces": the members'
			// forces, no one's membership
		case k == "member" || k == "members":
			c.memberNounAt(i, k, cl)
		case (k == "ally" || k == "allies") && i > 0 && c.titledAt(i-1, i+1):
			c.memberNounAt(i, k, cl) // "NATO allies Spain and Portugal"
		case k == "observer" && (c.key(i+1) == "states" || c.key(i+1) == "countries" || c.key(i+1) == "status"):
			c.observersAt(i, k, cl)
		case k == "dialogue" && c.key(i+1) == "partner":
			c.dialoguePartnerAt(i, k, cl)
		case joinWords[k]:
			c.joinedAt(i, k, cl)
		case k == "belongs" || k == "belong" || k == "belonged" || k == "belonging":
			c.belongsAt(i, k, cl)
		case k == "left" || k == "quit" || k == "withdrew" || k == "exited":
			c.leftAt(i, k, cl)
		case strings.HasPrefix(k, "particip"):
			c.participatesAt(i, k, cl)
		case k == "which" && c.key(i-1) == ",":
			c.foundedWhichAt(i, k, cl)
		case k == "-" || k == ":":
			c.dashMembersAt(i, cl)
		}
	}
}

// addMember adds MEMBER_OF from each member to org, with role.
func (c *sctx) addMember(members []string, org string, role string, mod ontology.Modality, conf float64) {
	for _, m := range members {
		props := map[string]any{}
		if role != "" {
			props["role"] = role
		}
		c.add(m, ontology.MemberOf, org, mod, conf, props)
	}
}

// memberNounAt reads "A and B are (founding / observer) members of O", "A, as
// one of the founding members, ...".
func (c *sctx) memberNounAt(i int, k string, cl clause) {
	role := "member"
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch c.key(j) {
		case "founding":
			role = "founding_member"
		case "observer":
			role = "observer"
		case "associate":
			role = "associate_member"
		}
	}
	var orgs []string
	if c.key(i+1) == "of" {
		orgs = c.orgsAfter(i+2, cl.b)
	} else if m, ok := c.mentionAt(i - 1); ok && c.orgTitle(m) == i+1 {
		// "NATO member Turkey", "non-Mercosur member Bolivia": the name
		// after the title, not the clause's subject
		named, _ := c.list(i+1, cl.b)
		mod := cl.mod
		if m.ts >= 2 && c.key(m.ts-1) == "-" && c.key(m.ts-2) == "non" {
			mod = ontology.Negated
			if len(named) > 0 && contains(cl.subj, named[0]) {
				// "Saudi Arabia, Bahrain and non-GCC member Egypt": the
				// others listed with it are members
				var others []string
				for _, id := range cl.subj {
					if !contains(named, id) {
						others = append(others, id)
					}
				}
				c.addMember(without(others, m.id()), m.id(), role, cl.mod, confLoose)
			}
		}
		c.addMember(without(named, m.id()), m.id(), role, mod, confPattern)
		return
	} else if o := c.orgBefore(i); o != "" {
		orgs = []string{o}
	}
	members := cl.subj
	mod := cl.mod
	if c.key(i+1) == "," && c.appositionStart(i) >= 0 && mod != ontology.Asserted {
		// "Kazakhstan, a CSTO member, declined to ...": a title, whatever
		// the clause says
		mod = ontology.Asserted
	}
	if j := i - 1; j >= 0 {
		for p := i - 1; p >= cl.a && p > i-6; p-- {
			if c.key(p) == "as" && c.key(p-1) == "," {
				if m, ok := c.mentionAt(p - 2); ok && m.actor() {
					members = m.ids
				}
				break
			}
		}
	}
	for _, o := range orgs {
		c.addMember(without(members, o), o, role, mod, c.conf(confPattern, members...))
	}
}

// appositionStart returns the index of the comma that opens the
// apposition the noun at token i ends (", a CSTO member"), or -1.
func (c *sctx) appositionStart(i int) int {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		switch k := c.key(j); {
		case k == ",":
			return j
		case k == "not" || k == "no" || k == "non" || c.toks[j].word && !c.toks[j].cap && k != "a" && k != "an" && k != "the" && k != "founding" && k != "full" && k != "longtime" && k != "key":
			return -1
		}
	}
	return -1
}

// observersAt reads "observer states such as A and B".
func (c *sctx) observersAt(i int, k string, cl clause) {
	org := c.orgBefore(i)
	if org == "" {
		org = c.st.lastOrg
	}
	if ids := c.suchAs(i, cl.b); len(ids) > 0 && org != "" {
		c.addMember(ids, org, "observer", cl.mod, confPattern)
	}
}

// dialoguePartnerAt reads "became a dialogue partner of O".
func (c *sctx) dialoguePartnerAt(i int, k string, cl clause) {
	org := ""
	if c.key(i+2) == "of" {
		if o := c.orgsAfter(i+3, len(c.toks)); len(o) > 0 {
			org = o[0]
		}
	}
	if org == "" {
		org = c.orgBefore(i)
	}
	if org != "" {
		c.addMember(cl.subj, org, "dialogue_partner", cl.mod, confPattern)
	}
}

// joinedAt reads "A joined O" (or a process, or a project).
func (c *sctx) joinedAt(i int, k string, cl clause) {
	if k == "joining" && i > 0 && beForms[c.key(i-1)] && cl.mod == ontology.Asserted {
		cl.mod = ontology.Expected // "Finland and Sweden are joining NATO": not members yet
	}
	subj := []string(nil)
	if c.key(i-1) == "to" && aimNouns[strings.TrimSuffix(c.key(i-2), "s")] {
		// "Romania backs Moldova's bid to join the EU": the bid's
		// owner, who has not joined yet
		if c.key(i-3) == "s" && c.key(i-4) == "'" {
			if m, ok := c.mentionAt(i - 5); ok && m.actor() {
				subj = m.ids
			}
		}
		if subj == nil {
			return
		}
		cl.mod = ontology.Expected
	}
	end := i + 5
	if k == "sought" {
		if c.key(i+1) != "to" || c.key(i+2) != "join" {
			return
		}
	}
	for j := i + 1; j < end && j < cl.b; j++ {
		if c.key(j) == "sanctions" || c.key(j) == "coalition" {
			break
		}
		if m, ok := c.mentionAt(j); ok && m.label == ontology.Organization {
			if subj == nil {
				subj = c.nearestOr(i, cl)
			}
			c.addMember(subj, m.id(), "member", cl.mod, confLoose)
			break
		} else if ok && m.label == ontology.Process && m.node != nil {
			// "India did not join the Belt and Road Initiative"
			for _, s := range c.nearestOr(i, cl) {
				c.add(s, ontology.ParticipatesIn, m.id(), cl.mod, confLoose, nil)
			}
			break
		} else if ok && m.label == ontology.Project {
			// "Qatar and the UAE have also joined the project"
			for _, s := range c.nearestOr(i, cl) {
				c.add(s, ontology.PartnerIn, m.id(), cl.mod, confLoose, nil)
			}
			break
		}
		if c.key(j) == "it" && c.st.lastOrg != "" {
			o := c.orgBefore(i)
			if o == "" {
				o = c.st.lastOrg
			}
			c.addMember(c.nearestOr(i, cl), o, "member", cl.mod, confLoose)
			break
		}
	}
}

var beForms = set("is", "are", "was", "were", "be", "been")

// belongsAt reads "A belongs to O".
func (c *sctx) belongsAt(i int, k string, cl clause) {
	if c.key(i+1) == "to" {
		for _, o := range c.orgsAfter(i+2, cl.b) {
			c.addMember(c.nearestOr(i, cl), o, "member", cl.mod, confPattern)
		}
	}
}

// leftAt reads "Qatar left OPEC": a membership that no longer holds (or a
// deal or process left).
func (c *sctx) leftAt(i int, k string, cl clause) {
	// "Qatar left OPEC in 2019": a membership that no longer holds.
	j := i + 1
	if k == "withdrew" && c.key(j) == "from" {
		j++
	}
	if m, ok := c.mentionAt(j); ok && m.node != nil && (m.label == ontology.Process || m.label == ontology.Agreement) {
		// "Moscow withdrew from the grain deal"
		p := ontology.ParticipatesIn
		if m.label == ontology.Agreement {
			p = ontology.PartyTo
		}
		mod := ontology.Negated
		if cl.mod == ontology.Expected {
			mod = ontology.Expected
		}
		for _, s := range c.nearestOr(i, cl) {
			c.add(s, p, m.id(), mod, confLoose, nil)
		}
	} else if m, ok := c.mentionAt(j); ok && m.label == ontology.Organization || c.key(j) == "the" && c.isOrg(j+1) {
		if !ok {
			m, _ = c.mentionAt(j + 1)
		}
		mod := ontology.Negated
		if cl.mod == ontology.Expected {
			mod = ontology.Expected
		}
		c.addMember(c.nearestOr(i, cl), m.id(), "", mod, confPattern)
	}
}

// participatesAt reads "participate in the activities of O".
func (c *sctx) participatesAt(i int, k string, cl clause) {
	orgs := c.orgsAfterWithin(i+1, cl.b, 10)
	for _, o := range orgs {
		c.addMember(without(cl.subj, o), o, "member", cl.mod, confLoose)
	}
}

// foundedWhichAt reads "O, which A founded".
func (c *sctx) foundedWhichAt(i int, k string, cl clause) {
	// "O, which A founded"
	if m, ok := c.mentionAt(i + 1); ok && m.actor() && c.key(m.te) == "founded" {
		if o := c.orgBefore(i); o != "" {
			c.addMember(m.ids, o, "founding_member", cl.mod, confPattern)
		}
	}
}

func (c *sctx) isOrg(i int) bool {
	m, ok := c.mentionAt(i)
	return ok && m.label == ontology.Organization
}

func (c *sctx) nearestOr(i int, cl clause) []string {
	// ", buying artillery from both": a participle after a comma takes the
	// clause's subject, not the nearest name.
	if c.key(i-1) == "," && strings.HasSuffix(c.key(i), "ing") && len(cl.subj) > 0 {
		return cl.subj
	}
	if s := c.nearestBefore(i, cl); len(s) > 0 {
		return s
	}
	return cl.subj
}

// orgsAfter reads "O1 and (of) O2" from token i.
func (c *sctx) orgsAfter(i, b int) []string {
	var out []string
	for j := i; j < b; {
		k := c.key(j)
		if k == "the" || k == "and" || k == "of" || k == "," && len(out) > 0 && c.key(j+1) != "which" && c.key(j+1) != "an" && c.key(j+1) != "a" {
			j++
			continue
		}
		m, ok := c.mentionAt(j)
		if !ok || m.label != ontology.Organization {
			break
		}
		out = append(out, m.ids...)
		j = m.te
		if c.key(j) == "(" { // "(SCO)", "(Turkic Council)"
			for j < b && c.key(j) != ")" {
				j++
			}
			j++
		}
	}
	return out
}

// orgsAfterWithin lists the organizations mentioned in the n tokens after i.
func (c *sctx) orgsAfterWithin(i, b, n int) []string {
	var out []string
	for _, m := range c.s.ments {
		if m.ts >= i && m.ts < b && m.ts < i+n+12 && m.label == ontology.Organization && m.kind != kindAnaphor {
			if !contains(out, m.id()) {
				out = append(out, m.id())
			}
		}
	}
	if len(out) > 0 && out[0] != "" {
		// only when the organizations follow closely: "in the activities of O",
		// "in multilateral organizations and forums, such as O1 and O2"
		first := -1
		for _, m := range c.s.ments {
			if m.id() == out[0] && m.ts >= i {
				first = m.ts
				break
			}
		}
		if first-i > n && c.suchAs(i, first) == nil && !hasSuchAs(c, i, first) {
			return nil
		}
	}
	return out
}

func hasSuchAs(c *sctx, a, b int) bool {
	for j := a; j+1 < b; j++ {
		if c.key(j) == "such" && c.key(j+1) == "as" {
			return true
		}
	}
	return false
}

// orgBefore returns the nearest organization mentioned before token i.
func (c *sctx) orgBefore(i int) string {
	o := ""
	for _, m := range c.s.ments {
		if m.ts < i && m.label == ontology.Organization {
			o = m.id()
		}
	}
	return o
}

func without(ids []string, x string) []string {
	var out []string
	for _, id := range ids {
		if id != x {
			out = append(out, id)
		}
	}
	return out
}

func contains(l []string, x string) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}

// memberGroupNouns name the members of an organization as a group: "the
// leaders of the Pacific Alliance - Chile, ...".
var memberGroupNouns = set("leaders", "members", "presidents", "heads", "states", "countries", "nations",
	"governments", "partners", "signatories")

// listFillers may stand between the states of a list after a dash: "and
// host nation Mexico".
var listFillers = set(",", "and", "the", "host", "nation", "country", "state", "current", "chair")

// dashMembersAt reads "the leaders of O - A, B, C and host nation D": the
// states listed after the dash that closes "<members> of O" are members.
func (c *sctx) dashMembersAt(i int, cl clause) {
	if i < 3 {
		return
	}
	org, ok := c.mentionAt(i - 1)
	if !ok || org.label != ontology.Organization || org.te != i {
		return
	}
	j := org.ts - 1
	if j >= 0 && c.key(j) == "the" {
		j--
	}
	if j < 1 || c.key(j) != "of" || !memberGroupNouns[c.key(j-1)] {
		return
	}
	var members []string
	for k := i + 1; k < cl.b; {
		if listFillers[c.key(k)] {
			k++
			continue
		}
		m, ok := c.mentionAt(k)
		if !ok || m.label != ontology.Country {
			break
		}
		members = union(members, m.ids)
		k = m.te
	}
	if len(members) >= 2 {
		c.addMember(members, org.id(), "", cl.mod, confPattern)
	}
}

// titledAt reports whether the organization named at token o is the title
// of the name starting at token n ("NATO allies Spain and Portugal").
func (c *sctx) titledAt(o, n int) bool {
	m, ok := c.mentionAt(o)
	return ok && c.orgTitle(m) == n
}
