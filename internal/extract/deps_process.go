package extract

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// depProcess reads HOSTS, MEDIATES and PARTICIPATES_IN over dependencies
// (lexicon family "process"):
//
//	X hosted the summit; talks hosted by X
//	X mediated/brokered the talks; X mediated between A and B
//	X attended / took part in / participated in the forum
//
// The process must be one the text names (a named process, or talks whose
// parties the surface rules identified); mediation between two parties
// gives their talks the shared id "process:<sorted ids>-talks".
func (c *sctx) depProcess(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	if g.noun(i) && (mediatorNouns[l] || l == "mediation" || l == "host") {
		c.depMediatorNoun(g, i)
		return
	}
	if g.noun(i) && c.eventParticipants(g, i) {
		return
	}
	if g.verb(i) {
		c.depAtEvent(g, i)
	}
	if l == "visit" {
		c.depVisit(g, i)
		return
	}
	if l == "meet" && g.verb(i) {
		c.depMeet(g, i)
		return
	}
	if g.verb(i) && (travelVerbs[l] || l == "represent" || l == "lead" || l == "send") {
		c.depAttendance(g, i, l)
		return
	}
	if g.noun(i) && lx.is("process", "talks", l) {
		c.depTalks(g, i)
		return
	}
	if g.verb(i) && lx.is("process", "negotiate", l) {
		// "Brazil and Paraguay have been negotiating since 2023"
		sides := c.onlyStates(union(c.subjects(g, i), c.actors(g, i, "obl:with")))
		if len(sides) == 2 {
			mod := c.depMod(g, i)
			if mod == ontology.Expected && lx.is("modality", "expect", l) {
				mod = ontology.Asserted // negotiating is itself the fact here
			}
			c.talksOf(sides, mod)
		}
		return
	}
	if !g.verb(i) {
		return
	}
	if gatherVerbs[l] {
		c.depGathering(g, i)
		return
	}
	var p ontology.Predicate
	var objs []int
	switch {
	case lx.is("process", "host", l):
		p, objs = ontology.Hosts, g.children(i, "obj", "nsubj:pass")
	case lx.is("process", "mediate", l):
		p, objs = ontology.Mediates, g.children(i, "obj", "nsubj:pass", "obl:in")
	case lx.is("process", "participate", l):
		// "talks ... which were attended by Turkey and the UN"
		p, objs = ontology.ParticipatesIn, g.children(i, "obj", "obl:in", "nsubj:pass")
	case l == "take" && g.has(i, "obj", set("part")):
		p, objs = ontology.ParticipatesIn, g.children(i, "obl:in")
	case quitVerbs[l]:
		// "New Delhi withdrew from the Kavkaz-2020 exercise": it does not
		// take part
		c.quitEvent(g, i)
		return
	case lx.is("process", "hold", l):
		// "Manila and Canberra held the Southern Shield exercise"
		p, objs = ontology.ParticipatesIn, g.children(i, "obj", "nsubj:pass")
	default:
		return
	}
	if g.prel[i] == "acl" && g.parent[i] >= 0 {
		objs = append(objs, g.parent[i]) // "talks hosted by X"
	}
	actors := c.subjects(g, i)
	if len(actors) == 0 {
		if p == ontology.ParticipatesIn {
			// "a trilateral meeting was held between the presidents of
			// A, B and C": the sides are the verb's
			if sides := c.onlyStates(c.actors(g, i, "obl:between", "obl:among")); len(sides) >= 2 && len(sides) <= 4 {
				for _, o := range objs {
					if g.noun(o) && c.d.x.lex.is("process", "noun", g.lemma(o)) && g.ment[o] < 0 {
						c.talksOf(sides, c.depMod(g, i))
						break
					}
				}
			}
		}
		return
	}
	mod := c.depMod(g, i)
	for _, o := range objs {
		if p == ontology.Mediates {
			if sides := c.dealParties(g, o); len(sides) == 2 {
				// "this agreement, facilitated by Malaysia": the talks
				// that made it
				c.sidesOfTalks(sides, p, actors, mod)
				continue
			}
		}
		m, ok := c.mentionOf(g, o)
		if !ok {
			c.unnamedTalks(g, o, p, actors, mod)
			continue
		}
		if m.label != ontology.Process {
			continue
		}
		for _, a := range actors {
			c.addDep(a, p, m.id(), mod, nil)
		}
	}
	if p != ontology.Mediates {
		return
	}
	// "X mediated between A and B"; "X brokered a deal between A and B"
	sides := c.actors(g, i, "obl:between")
	for _, o := range objs {
		sides = union(sides, c.actors(g, o, "nmod:between"))
	}
	sides = c.onlyStates(sides)
	if v := g.parent[i]; len(sides) == 0 && len(objs) == 0 && v >= 0 && g.verb(v) && (g.prel[i] == "dep" || g.prel[i] == "xcomp" && len(g.children(i, "obl:agent", "obl:by")) > 0 || strings.HasPrefix(g.prel[i], "advcl")) {
		// "A and B restored relations in a deal brokered by X" (the
		// parser hangs "brokered" on "restored"): the sides are the
		// subjects of what was brokered
		sides = c.onlyStates(c.subjects(g, v))
		if len(sides) != 2 {
			return
		}
	}
	if len(sides) == 0 && len(objs) == 0 && c.d.lastTalks != "" && len(g.children(i, "obl:by", "obl:agent")) == 0 {
		// "the AU has also sought to mediate": in the talks just read
		for _, a := range c.onlyStates(actors) {
			c.addDep(a, ontology.Mediates, c.d.lastTalks, mod, nil)
		}
		return
	}
	if len(sides) != 2 {
		return
	}
	id := c.talksOf(sides, mod)
	for _, a := range actors {
		if !contains(sides, a) {
			c.addDep(a, ontology.Mediates, id, mod, nil)
		}
	}
}

// depVisit reads a state visit as talks between the visitor's state and the
// host's: "the Azerbaijani Foreign Minister visited Israel", "Modi's visit
// to Nepal", "a visit to Hanoi by Sierra Leone's president". The host
// state takes part; it is not said to host talks.
func (c *sctx) depVisit(g *dgraph, i int) {
	var from, to []string
	switch {
	case g.verb(i):
		from, to = c.subjects(g, i), c.actors(g, i, "obj")
	case g.noun(i):
		from, to = c.actors(g, i, "nmod:poss", "amod", "nmod:by", "compound", "nmod:of"), c.actors(g, i, "nmod:to")
		if p := g.parent[i]; p >= 0 && g.verb(p) && g.prel[i] == "obj" {
			if len(from) == 0 {
				from = c.subjects(g, p) // "Bio paid a state visit to Vietnam"
			}
			if len(to) == 0 {
				to = c.actors(g, p, "obl:to") // the parser hangs "to Vietnam" on "paid"
			}
		}
	}
	from, to = c.onlyStates(from), c.onlyStates(to)
	if len(from) != 1 || len(to) == 0 {
		return
	}
	mod := c.depMod(g, i)
	for _, t := range to {
		if t == from[0] {
			continue
		}
		c.talksOf([]string{from[0], t}, mod)
	}
}

// depMeet reads a meeting of states' representatives as talks between
// the states: "Togo's President met Ghanaian President John Mensah",
// "the Kenyan minister met with her Ugandan counterpart", "Chile and Peru
// met in Lima". A meeting at a named event is not read here.
func (c *sctx) depMeet(g *dgraph, i int) {
	from := c.onlyStates(c.subjects(g, i))
	to := c.onlyStates(c.actors(g, i, "obj", "obl:with"))
	if len(to) == 0 && len(from) >= 3 && len(from) <= 4 {
		// "Chinese Premier Li, Japanese Prime Minister Kishida and South
		// Korean President Yoon met in Seoul": talks among the three
		c.talksOf(from, c.depMod(g, i))
		return
	}
	if len(to) == 0 && len(from) == 2 {
		from, to = from[:1], from[1:]
	}
	if len(from) != 1 || len(to) != 1 || from[0] == to[0] {
		return
	}
	c.talksOf([]string{from[0], to[0]}, c.depMod(g, i))
}

// travelVerbs bring their subject to an event: "the president flew to the
// Quad Leaders' Summit".
var travelVerbs = set("fly", "travel", "go", "head", "arrive", "come", "return")

// depAttendance reads taking part in a named event by going to it or
// being represented there: "the Chilean president flew to the Andean
// Summit", "I am representing Chile at the Water Forum", "Chile sent a
// delegation to the forum", "leading Chile's delegation to the summit".
func (c *sctx) depAttendance(g *dgraph, i int, l string) {
	var who []string
	events := g.children(i, "obl:to", "obl:at", "obl:for")
	switch l {
	case "represent":
		who = c.actors(g, i, "obj")
	case "lead", "send":
		for _, o := range g.children(i, "obj") {
			if g.lemma(o) != "delegation" && g.lemma(o) != "team" && g.lemma(o) != "mission" {
				continue
			}
			who = c.actors(g, o, "nmod:poss", "amod", "compound", "nmod:of")
			events = append(events, g.children(o, "nmod:to", "nmod:at", "nmod:for")...)
		}
		if len(who) == 0 && l == "send" {
			who = c.subjects(g, i)
		}
	default:
		who = c.subjects(g, i)
	}
	who = c.onlyStates(who)
	if len(who) == 0 {
		return
	}
	mod := c.depMod(g, i)
	if travelVerbs[l] && l != "return" && len(who) == 1 && !c.travelsToEvent(g, events) && !g.pronounSubject(i) {
		// "the Kenyan president travelled to Ethiopia": a visit, talks
		// between the two states
		for _, to := range g.children(i, "obl:to") {
			for _, s := range c.onlyCountries(c.actorAt(g, to)) {
				if s != who[0] {
					c.talksOf([]string{who[0], s}, mod)
				}
			}
		}
	}
	for _, e := range events {
		m, ok := c.mentionOf(g, e)
		if !ok || m.label != ontology.Process {
			continue
		}
		for _, a := range who {
			c.addDep(a, ontology.ParticipatesIn, m.id(), mod, nil)
		}
	}
}

// dealParties are the two states of the agreement token o refers to: one
// read before ("this pivotal agreement", "the deal") or one the phrase
// names ("the agreement between X and Y").
func (c *sctx) dealParties(g *dgraph, o int) []string {
	if !c.d.x.lex.is("agreement", "noun", g.lemma(o)) {
		return nil
	}
	if sides := c.onlyStates(c.actors(g, o, "nmod:between")); len(sides) == 2 {
		return sides
	}
	if last := c.d.lastAgreement; last != nil && g.has(o, "det", set("the", "this", "that")) {
		return c.onlyStates(last.parties)
	}
	return nil
}

// quitVerbs leave or shun a named event.
var quitVerbs = set("withdraw", "boycott", "skip", "quit")

// quitEvent reads a state that withdraws from, boycotts or skips a named
// process as not taking part in it.
func (c *sctx) quitEvent(g *dgraph, v int) {
	who := c.onlyStates(c.subjects(g, v))
	for _, o := range g.children(v, "obl:from", "obj") {
		m, ok := c.mentionOf(g, o)
		if !ok || m.label != ontology.Process || m.node == nil {
			continue
		}
		for _, a := range who {
			c.addDep(a, ontology.ParticipatesIn, m.id(), ontology.Negated, nil)
		}
	}
}

// depAtEvent reads the states that act at a gathering as taking part in
// it: "Speaking at the summit, the Chilean president said", "At the
// summit, the leaders of A and B discussed", "On the sidelines of the G20
// summit, X met Y", "X told the forum that".
func (c *sctx) depAtEvent(g *dgraph, v int) {
	events := g.children(v, "obl:at", "obl:during")
	for _, o := range g.children(v, "obl:on", "obl:in") {
		if sidelineNouns[g.lemma(o)] {
			events = append(events, g.children(o, "nmod:of")...) // "on the sidelines of"
		}
	}
	if addressVerbs[g.lemma(v)] {
		events = append(events, g.children(v, "obj")...) // "told the summit"
	}
	var ids []string
	for _, e := range events {
		if m, ok := c.mentionOf(g, e); ok && m.label == ontology.Process && m.node != nil && gatheringKinds[m.node.kind] {
			ids = union(ids, []string{m.id()})
		}
	}
	if len(ids) != 1 {
		return
	}
	who := c.subjects(g, v)
	if g.lemma(v) == "meet" {
		who = union(who, c.actors(g, v, "obj", "obl:with")) // "X met Y on the sidelines of"
	}
	who = c.onlyStates(who)
	if len(who) == 0 {
		return
	}
	mod := c.depMod(g, v)
	if mod == ontology.Expected && c.d.x.lex.is("modality", "expect", g.lemma(v)) && !g.has(v, "aux", c.d.x.lex.sets["modality"]["modal"]) {
		mod = ontology.Asserted // "at the summit, they discussed": they were there
	}
	if mod == ontology.Negated {
		return
	}
	for _, a := range who {
		c.addDep(a, ontology.ParticipatesIn, ids[0], mod, nil)
	}
}

var sidelineNouns = set("sideline", "sidelines", "margin", "margins", "fringe", "fringes")

// addressVerbs speak to a gathering: "told the summit".
var addressVerbs = set("tell", "address", "brief")

// gatheringKinds are the kinds of processes states gather at.
var gatheringKinds = set("dialogue_forum", "conference")

// travelsToEvent reports whether one of the places a trip goes to or is
// for is an event ("travelled to Washington for the first summit of"):
// the trip is to the event, not a visit.
func (c *sctx) travelsToEvent(g *dgraph, events []int) bool {
	for _, e := range events {
		if m, ok := c.mentionOf(g, e); ok && m.label == ontology.Process || eventNouns[g.lemma(e)] {
			return true
		}
	}
	return false
}

// eventNouns are gatherings of several states.
var eventNouns = set("summit", "conference", "forum", "meeting", "assembly", "session", "gathering", "ceremony", "congress")

// eventParticipants reads the states that describe an event noun referring
// to the last named event: "the Philippine-US joint military exercise",
// "Japan's drills", after "the Balikatan exercise". It reports whether i
// was such a noun.
func (c *sctx) eventParticipants(g *dgraph, i int) bool {
	if c.st == nil || c.st.lastEvent == nil || g.ment[i] >= 0 || g.surf[i] < 0 {
		return false
	}
	if !slices.Contains(eventRefs[c.key(g.surf[i])], c.st.lastEvent.kind) || c.st.lastEvent.kind == "negotiations" {
		return false
	}
	var who []string
	for _, d := range g.children(i, "amod", "compound", "nmod:poss") {
		who = union(who, c.onlyStates(c.subtreeActors(g, d))) // "Indonesian-Australian" may parse as two words
	}
	if len(who) == 0 {
		return false
	}
	mod := c.depMod(g, i)
	for _, a := range who {
		c.addDep(a, ontology.ParticipatesIn, c.st.lastEvent.id, mod, nil)
	}
	return true
}

// gatherVerbs have an event as subject and its participants as object:
// "the summit brings together leaders from A, B and C".
var gatherVerbs = set("bring", "gather", "draw", "assemble", "unite", "convene", "involve", "include")

// attendeeNouns are who takes part in an event: "participants in the
// summit included A, B and C".
var attendeeNouns = set("participant", "attendee", "participation")

// depGathering reads the participants of a named event that gathers them:
// every state named in the object, with its lists and "along with"
// partners ("brings together leaders from ASEAN's ten member states —
// Brunei, ... — along with key partners including the US"; "the exercise
// involved navies from A, B and C"; "participants in the summit included
// A and B"); and the states whose people gather for an event ("leaders
// from A and B gathered in Lima for the summit").
func (c *sctx) depGathering(g *dgraph, i int) {
	l := g.lemma(i)
	var events []string
	var who []string
	for _, s := range g.children(i, "nsubj") {
		if m, ok := c.mentionOf(g, s); ok && m.label == ontology.Process && l != "include" {
			events = append(events, m.id())
		}
		if attendeeNouns[g.lemma(s)] && l == "include" {
			// "participants in the summit included ..."
			for _, e := range g.children(s, "nmod:in", "nmod:at", "nmod:of") {
				if m, ok := c.mentionOf(g, e); ok && m.label == ontology.Process {
					events = append(events, m.id())
				}
			}
		}
	}
	if len(events) == 0 && (l == "gather" || l == "assemble" || l == "convene") && len(g.children(i, "obj")) == 0 {
		// "leaders from A and B gathered in Lima for the summit"
		for _, e := range g.children(i, "obl:for", "obl:at", "obl:in") {
			if m, ok := c.mentionOf(g, e); ok && m.label == ontology.Process {
				events = append(events, m.id())
			}
		}
		for _, s := range g.children(i, "nsubj") {
			who = union(who, c.onlyStates(c.subtreeActors(g, s)))
		}
	}
	if len(events) == 0 {
		return
	}
	for _, o := range g.children(i, "obj") {
		who = union(who, c.onlyStates(c.subtreeActors(g, o)))
	}
	mod := c.depMod(g, i)
	for _, e := range events {
		for _, a := range who {
			// the organization whose summit it is convenes it, it does not attend it
			if e != summitID(a) {
				c.addDep(a, ontology.ParticipatesIn, e, mod, nil)
			}
		}
	}
}

// subtreeActors are the actors named anywhere under token i in the basic
// tree, relative clauses excepted.
func (c *sctx) subtreeActors(g *dgraph, i int) []string {
	var ids []string
	for _, t := range g.subtree(i, "acl:relcl") {
		ids = union(ids, c.actorAt(g, t))
	}
	return ids
}

// unnamedTalks reads a host or mediator of talks the sentence does not
// name: "talks between A and B, hosted by Oman"; "Oman hosted the talks"
// after a sentence about A and B (the previous sentence's two states are
// the sides when the talks name none).
func (c *sctx) unnamedTalks(g *dgraph, o int, p ontology.Predicate, actors []string, mod ontology.Modality) {
	lx := c.d.x.lex
	if p == ontology.Hosts && g.noun(o) && (representativeLemmas[g.lemma(o)] || g.ps.Tokens[o].NER == "PERSON") {
		c.hostedVisitors(g, o, actors, mod)
		return
	}
	if last := c.d.lastAgreement; p == ontology.Hosts && g.noun(o) && (g.lemma(o) == "ceremony" || g.lemma(o) == "signing") && last != nil &&
		len(c.onlyStates(last.parties)) == 2 {
		// "King Salman hosted the signing ceremony": of the agreement
		// just read, whose parties met for it
		c.sidesOfTalks(c.onlyStates(last.parties), p, actors, mod)
		return
	}
	if g.noun(o) && exerciseLemmas[g.lemma(o)] && p != ontology.Mediates {
		c.unnamedExercise(g, o, p, actors, mod)
		return
	}
	if !g.noun(o) || !lx.is("process", "noun", g.lemma(o)) {
		return
	}
	talks := o
	if spanNouns[g.lemma(o)] {
		// "the next round of negotiations between A and B": the sides
		// are the negotiations', not the talks read before
		for _, k := range g.children(o, "nmod:of") {
			if g.noun(k) && lx.is("process", "noun", g.lemma(k)) {
				talks = k
				break
			}
		}
	}
	sides := c.onlyStates(c.actors(g, talks, "nmod:between", "nmod:among", "nmod:with"))
	if len(sides) == 0 {
		sides = c.onlyStates(c.sidesOfVerb(g, o))
	}
	if len(sides) == 0 && c.st != nil && g.has(o, "det", set("the", "this", "these", "those")) &&
		len(g.children(talks, "nmod:between", "nmod:among", "nmod:with")) == 0 {
		// "the talks": those read last, else between the actors of the
		// sentence before (not when the sentence says whose they are:
		// "talks between Sudan's warring parties")
		if c.d.lastTalks != "" {
			sides = c.onlyStates(c.d.node(c.d.lastTalks, ontology.Process, "talks").parties)
		}
		if len(sides) == 0 {
			sides = c.onlyStates(c.st.prevActors)
		}
	}
	if len(sides) < 2 || len(sides) > 4 {
		return
	}
	c.sidesOfTalks(sides, p, actors, mod)
}

// exerciseLemmas are the heads of a military exercise the text does not
// name.
var exerciseLemmas = set("exercise", "drill", "drills", "manoeuvre", "maneuver", "wargame", "war-game")

// unnamedExercise reads an exercise the text does not name, held by two
// or more states or with another ("Russia and Belarus held joint military
// drills", "Japan held naval exercises with India"), as the process
// "process:<sorted ids>-exercise" they take part in; a host of it hosts
// it.
func (c *sctx) unnamedExercise(g *dgraph, o int, p ontology.Predicate, actors []string, mod ontology.Modality) {
	with := c.actors(g, o, "nmod:with", "nmod:between", "nmod:among")
	if v := g.parent[o]; v >= 0 && g.verb(v) {
		with = union(with, c.actors(g, v, "obl:with"))
	}
	sides := c.onlyStates(union(actors, with))
	if len(sides) < 2 || len(sides) > 8 {
		return
	}
	id := "process:" + sortedIDs(sides) + "-exercise"
	if n := c.d.node(id, ontology.Process, "exercise"); n.kind == "" {
		n.kind = "military_exercise"
	}
	for _, s := range sides {
		c.addDep(s, ontology.ParticipatesIn, id, mod, nil)
	}
	if p == ontology.Hosts {
		for _, a := range c.onlyStates(actors) {
			c.addDep(a, ontology.Hosts, id, mod, nil)
		}
	}
}

// sidesOfTalks adds the talks between two sides that actors host or
// mediate (p), unless an actor is a side: a side hosting its own talks is
// read by depTalks.
func (c *sctx) sidesOfTalks(sides []string, p ontology.Predicate, actors []string, mod ontology.Modality) {
	for _, a := range actors {
		if contains(sides, a) {
			return
		}
	}
	id := c.talksOf(sides, mod)
	for _, a := range actors {
		c.addDep(a, p, id, mod, nil)
	}
}

// hostedVisitors reads a state hosting another's representatives as talks
// between the two that it hosts: "Australia has hosted eight Indian
// ministers", "Oman hosted the Iranian foreign minister".
func (c *sctx) hostedVisitors(g *dgraph, o int, hosts []string, mod ontology.Modality) {
	guests := c.onlyStates(c.actorAt(g, o))
	hosts = c.onlyStates(hosts)
	if len(hosts) != 1 || len(guests) != 1 || hosts[0] == guests[0] {
		return
	}
	id := c.talksOf([]string{hosts[0], guests[0]}, mod)
	c.addDep(hosts[0], ontology.Hosts, id, mod, nil)
}

// mediatorNouns name who stands between two sides (not "guarantor": the
// guarantors of a format are often its parties).
var mediatorNouns = set("mediator", "broker", "facilitator", "intermediary")

// depMediatorNoun reads "Qatar, a mediator between X and Y", "Egypt's
// mediation between X and Y", "mediation by Qatar", "the mediator for a
// dialogue between X and Y", "the mediator in the Doha talks", and, when
// the talks were named before, "the four peace brokers: A, B, C and D".
func (c *sctx) depMediatorNoun(g *dgraph, i int) {
	l := g.lemma(i)
	if l == "host" {
		return
	}
	var who []string
	switch {
	case mediatorNouns[l]:
		who = c.actors(g, i, "nsubj", "appos", "nmod:poss", "amod")
		if g.prel[i] == "appos" && g.parent[i] >= 0 {
			who = union(who, c.actorAt(g, g.parent[i]))
		}
		if p := g.parent[i]; p >= 0 && g.prel[i] == "obl:as" || g.prel[i] == "obl" {
			who = union(who, c.subjects(g, g.parent[i]))
		}
	default:
		who = c.actors(g, i, "nmod:poss", "amod", "nmod:by")
	}
	if len(who) == 0 {
		return
	}
	mod := c.depMod(g, i)
	var talks []string
	if sides := c.onlyStates(c.actors(g, i, "nmod:between")); len(sides) == 2 {
		talks = append(talks, c.talksOf(sides, mod))
	}
	for _, o := range g.children(i, "nmod:for", "nmod:in", "nmod:of", "nmod:to") {
		if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Process {
			talks = append(talks, m.id()) // "the mediator in the Doha talks"
		} else if sides := c.onlyStates(c.actors(g, o, "nmod:between")); len(sides) == 2 && c.d.x.lex.is("process", "noun", g.lemma(o)) {
			talks = append(talks, c.talksOf(sides, mod)) // "the mediator for a dialogue between X and Y"
		}
	}
	if len(talks) == 0 && mediatorNouns[l] && c.d.lastTalks != "" {
		talks = append(talks, c.d.lastTalks) // the talks of the article
	}
	for _, id := range talks {
		for _, a := range who {
			if n := c.d.nodes[id]; n == nil || !contains(n.parties, a) { // a side does not mediate
				c.addDep(a, ontology.Mediates, id, mod, nil)
			}
		}
	}
}

// depTalks reads the parties of talks: "talks between X and Y", "X and Y
// began negotiations", "X held talks with Y"; they take part in
// "process:<sorted ids>-talks".
func (c *sctx) depTalks(g *dgraph, i int) {
	lx := c.d.x.lex
	sides := c.actors(g, i, "nmod:between", "nmod:among")
	if with := c.actors(g, i, "nmod:with"); len(with) > 0 {
		sides = union(sides, c.actors(g, i, "nmod:poss"), with) // "its negotiations with Brazil"
	}
	p := g.parent[i]
	if p >= 0 && g.verb(p) && (g.prel[i] == "obj" || g.prel[i] == "nsubj:pass") && lx.is("process", "open", g.lemma(p)) &&
		len(c.onlyStates(sides)) < 2 {
		// "X and Y held talks"; not "talks between A and B hosted by X"
		sides = union(c.subjects(g, p), sides, c.actors(g, p, "obl:with"), c.actors(g, i, "nmod:with"))
	}
	if len(c.onlyStates(sides)) < 2 {
		// "X and Y agreed after two weeks of talks", "X said after a
		// meeting with Y"
		sides = union(c.sidesOfVerb(g, i), sides)
	}
	sides = c.onlyStates(sides)
	if len(sides) < 2 || len(sides) > 4 {
		return // "a trilateral meeting between" three presidents is talks too
	}
	mod := c.depMod(g, i)
	if p >= 0 && g.prel[i] == "obj" {
		if m := c.depMod(g, p); m != ontology.Asserted {
			mod = m
		}
	}
	c.talksOf(sides, mod)
	c.negotiatedAgreement(g, i, sides, mod)
}

// negotiatedAgreement reads the agreement talks are about as one their
// sides are expected to be party to: "negotiations on a free trade
// agreement", "talks on a peace deal". Talks that ended in it ("concluded
// negotiations on") are read by the agreement rules.
func (c *sctx) negotiatedAgreement(g *dgraph, i int, sides []string, mod ontology.Modality) {
	if mod == ontology.Negated {
		return
	}
	objs := g.children(i, "nmod:on", "nmod:over", "nmod:for", "nmod:about")
	for _, v := range g.children(i, "acl") {
		// "negotiations to reach a free trade deal"
		if g.has(v, "mark", set("to")) && (g.lemma(v) == "reach" || c.d.x.lex.is("agreement", "sign", g.lemma(v))) {
			objs = append(objs, g.children(v, "obj")...)
		}
	}
	for _, o := range objs {
		m, named := c.mentionOf(g, o)
		named = named && m.label == ontology.Agreement
		if !named && !agreementNouns[g.lemma(o)] || g.surf[o] < 0 {
			continue
		}
		id := ""
		if named {
			id = m.id()
		} else {
			kind, commodity := agreementKind(c.modifiers(g.surf[o], 4))
			id = agreementID(sides, kind, commodity, 0)
			if n := c.d.node(id, ontology.Agreement, kind); n.kind == "" {
				n.kind, n.commodity, n.parties = kind, commodity, sides
			}
		}
		for _, s := range sides {
			c.addDep(s, ontology.PartyTo, id, ontology.Expected, nil)
		}
	}
}

// sidesOfVerb are the sides of talks that frame what their subjects did:
// "X and Y agreed to a truce after two weeks of talks", "X and Y signed
// the deal at talks in Doha".
func (c *sctx) sidesOfVerb(g *dgraph, t int) []string {
	if p := g.parent[t]; p >= 0 && g.prel[t] == "nmod" && g.has(t, "case", set("of")) && g.noun(p) && spanNouns[g.lemma(p)] {
		t = p // "after two weeks of talks"
	}
	v := g.parent[t]
	if v < 0 || !g.verb(v) || g.prel[t] != "obl" || !g.has(t, "case", talksFrames) {
		return nil
	}
	return c.subjects(g, v)
}

var spanNouns = set("week", "day", "month", "year", "round", "hour", "session", "series", "number", "couple")

// talksFrames are the prepositions of talks that frame a verb.
var talksFrames = set("after", "in", "during", "at", "following", "through", "for")

// talksOf adds the talks among sides, each side taking part with mod, and
// returns their id.
func (c *sctx) talksOf(sides []string, mod ontology.Modality) string {
	id := c.talksBetween(sides)
	for _, s := range sides {
		c.addDep(s, ontology.ParticipatesIn, id, mod, nil)
	}
	return id
}

// talksBetween is the node of talks between the sides:
// "process:<sorted ids>-talks", of kind negotiations.
func (c *sctx) talksBetween(sides []string) string {
	id := "process:" + sortedIDs(sides) + "-talks"
	if n := c.d.node(id, ontology.Process, "talks"); n.kind == "" {
		n.kind, n.parties = "negotiations", slices.Clone(sides)
	}
	c.d.lastTalks = id
	return id
}
