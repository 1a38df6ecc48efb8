package extract

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

var (
	processNouns = set("negotiations", "talks", "dialogue", "consultations")
	hostVerbs    = set("host", "hosts", "hosted", "hosting")
	mediateWords = set("mediate", "mediates", "mediated", "mediating", "mediator", "mediation", "facilitator", "broker", "brokered")
	topicHeads   = set("program", "programs", "issue", "file", "dossier")
	conflictIn   = set("conflict", "war", "crisis", "situation", "settlement")
)

// processes finds the processes of the sentence (named ones, "negotiations
// over Iran's nuclear program", "the Afghan peace process", "talks between
// X and Y") and the HOSTS, MEDIATES, PARTICIPATES_IN and CONCERNS facts
// about them.
//
// Ids: a named process is "process:" + slug of its name; a peace process
// of a country "process:<country-name>-peace-process"; negotiations on a
// country's topic "process:<country-name>-<topic>-negotiations" (topic
// without "program"); talks between parties "process:<ids>-talks".
func (c *sctx) processes() {
	ps := c.namedProcesses()
	ps = c.describedProcesses(ps)
	if len(ps) == 0 {
		c.mediatorOfEarlier()
		return
	}
	c.processParticipants(ps)
	c.processRoles(ps)
}

// foundProcess is a process a sentence names, where, and between whom.
type foundProcess struct {
	id      string
	ts, te  int
	between []string
}

// namedProcesses are the sentence's named processes, with "between" lists
// and what they are "on".
func (c *sctx) namedProcesses() []foundProcess {
	var ps []foundProcess
	for _, m := range c.s.ments {
		if m.label == ontology.Process && m.node != nil {
			f := foundProcess{id: m.node.id, ts: m.ts, te: m.te}
			// "the Black Sea Grain Initiative between Russia and Ukraine"
			if c.key(m.te) == "between" {
				if ids, _ := c.list(m.te+1, len(c.toks)); len(ids) >= 2 {
					f.between = ids
				}
			}
			// "the GCC-ASEAN Summit", "the China-CELAC Forum": the sides
			// its name joins
			if len(f.between) == 0 {
				f.between = c.sidesInName(m.ts, m.te)
			}
			// "the Astana format on Syria"
			if k := c.key(m.te); k == "on" || k == "over" || k == "for" {
				if cm, ok := c.mentionAt(m.te + 1); ok && cm.label == ontology.Country && cm.kind != kindAnaphor {
					c.add(f.id, ontology.Concerns, cm.id(), c.clauseOf(m.ts).mod, confNode, nil)
				}
			}
			ps = append(ps, f)
		}
	}
	return ps
}

// sidesInName are the states and organizations a process's name at
// toks[ts:te] joins with hyphens ("GCC-ASEAN Summit"), when there are two
// or more.
func (c *sctx) sidesInName(ts, te int) []string {
	var ids []string
	for j := ts; j < te; j++ {
		n, e := c.d.x.trie.longest(c.d.t, c.toks, j)
		if n == 0 || j+n > te || e.id == "" || e.label != ontology.Country && e.label != ontology.Organization {
			continue
		}
		if len(ids) > 0 && c.key(j-1) != "-" {
			return nil // "the Astana International Forum": one side and other words
		}
		if !slices.Contains(ids, e.id) {
			ids = append(ids, e.id)
		}
		j += n - 1
		if j+1 < te && c.key(j+1) != "-" {
			break
		}
	}
	if len(ids) < 2 {
		return nil
	}
	return ids
}

// describedProcesses adds the processes a sentence describes without a
// name: "the Syrian peace process", "talks on Iran's nuclear programme",
// "dialogue between A and B".
func (c *sctx) describedProcesses(ps []foundProcess) []foundProcess {
	for i := 0; i < len(c.toks); i++ {
		k := c.key(i)
		switch {
		case k == "process" && c.key(i-1) == "peace":
			m, ok := c.mentionAt(i - 2)
			if !ok || m.label != ontology.Country {
				continue
			}
			n := c.d.node("process:"+slug(c.countryName(m.id()))+"-peace-process", ontology.Process, c.countryName(m.id())+" peace process")
			n.kind = "peace_process"
			ps = append(ps, foundProcess{id: n.id, ts: m.ts, te: i + 1})
			c.add(n.id, ontology.Concerns, m.id(), c.clauseOf(i).mod, confNode, nil)
		case processNouns[k]:
			p := c.key(i + 1)
			if p == "over" || p == "on" || p == "about" || p == "regarding" {
				m, ok := c.mentionAt(i + 2)
				if !ok || m.label != ontology.Country {
					continue
				}
				j := m.te
				if c.key(j) == "'" && c.key(j+1) == "s" {
					j += 2
				}
				var topic []string
				for ; j < len(c.toks) && len(topic) < 3 && c.toks[j].word && !c.toks[j].cap && c.key(j) != "and"; j++ {
					topic = append(topic, c.d.t[c.toks[j].s:c.toks[j].e])
				}
				if len(topic) == 0 || c.key(j) == "peace" {
					continue
				}
				var idw []string
				for _, w := range topic {
					if !topicHeads[strings.ToLower(w)] {
						idw = append(idw, w)
					}
				}
				kind := "negotiations"
				if k == "talks" || k == "dialogue" {
					kind = k
				}
				name := c.countryName(m.id())
				n := c.d.node("process:"+slug(name+" "+strings.Join(idw, " "))+"-"+kind, ontology.Process, "negotiations on "+name+"'s "+strings.Join(topic, " "))
				n.kind, n.topic = "negotiations", strings.Join(topic, " ")
				ps = append(ps, foundProcess{id: n.id, ts: i, te: j})
				c.add(n.id, ontology.Concerns, m.id(), c.clauseOf(i).mod, confNode, map[string]any{"topic": n.topic})
			} else if p == "between" {
				ids, _ := c.list(i+2, len(c.toks))
				if len(ids) < 2 {
					continue
				}
				// "dialogue between A and B" inside a sentence about a process
				// names its participants; on its own it is a process.
				if len(ps) > 0 {
					ps[len(ps)-1].between = ids
					continue
				}
				// talks, negotiations, dialogue or consultations between
				// parties are one process whatever the noun: the id the
				// parser-backed rules give them too
				n := c.d.node("process:"+sortedIDs(ids)+"-talks", ontology.Process, k+" between "+strings.Join(ids, " and "))
				if n.kind == "" {
					n.kind, n.parties = "negotiations", slices.Clone(ids)
				}
				ps = append(ps, foundProcess{id: n.id, ts: i, te: i + 1, between: ids})
			}
		}
	}
	return ps
}

// mediatorOfEarlier reads a mediator of the processes of the sentences
// before: "These initiatives underscore Kazakhstan's role as a mediator."
func (c *sctx) mediatorOfEarlier() {
	if i := hasAny(mediateWords, c, 0, len(c.toks)); i >= 0 && len(c.st.processes) > 0 && c.refersBack() {
		cl := c.clauseOf(i)
		for _, s := range c.mediators(i, cl) {
			for _, p := range c.st.processes {
				c.add(s, ontology.Mediates, p, cl.mod, confAnaphor, nil)
			}
		}
	}
}

// processParticipants adds the participants of "between" lists and what a
// process is about ("aimed at a solution for the conflict in Syria").
func (c *sctx) processParticipants(ps []foundProcess) {
	for _, p := range ps {
		c.procs = append(c.procs, p.id)
		for _, id := range p.between {
			c.add(id, ontology.ParticipatesIn, p.id, c.clauseOf(p.ts).mod, confPattern, nil)
		}
		// "... aimed at finding a solution for the conflict in Syria"
		for j := p.te; j+2 < len(c.toks); j++ {
			if conflictIn[c.key(j)] && c.key(j+1) == "in" {
				if m, ok := c.mentionAt(j + 2); ok && m.label == ontology.Country {
					c.add(p.id, ontology.Concerns, m.id(), c.clauseOf(j).mod, confNode, map[string]any{"topic": c.key(j)})
				}
				break
			}
			if _, ok := c.mentionAt(j); ok && slices.ContainsFunc(ps, func(q foundProcess) bool { return q.ts == j }) {
				break
			}
		}
	}
}

// processRoles reads who hosts, mediates, takes part in the sentence's
// processes: "X has hosted P1 and P2", "talks mediated by X", "the
// guarantors of the Astana format".
func (c *sctx) processRoles(ps []foundProcess) {
	// X has hosted P1 and P2
	for i := range c.toks {
		cl := c.clauseOf(i)
		switch {
		case hostVerbs[c.key(i)] && c.key(i+1) != "by":
			subj := c.nearestBefore(i, cl)
			if len(subj) == 0 {
				subj = cl.subj
			}
			subj = append(subj, c.togetherWith(i, cl)...)
			after := false
			for _, p := range ps {
				if p.ts > i {
					after = true
					for _, s := range subj {
						c.add(s, ontology.Hosts, p.id, cl.mod, confPattern, nil)
					}
				}
			}
			// "after Iraq had hosted earlier rounds of dialogue": rounds of
			// the process the sentence is about.
			if !after && c.roundsAfter(i) {
				for _, p := range ps {
					for _, s := range subj {
						c.add(s, ontology.Hosts, p.id, cl.mod, confLoose, nil)
					}
				}
			}
		case participantNouns[c.key(i)] && (c.key(i+1) == "of" || c.key(i+1) == "in"):
			// "Russia, Türkiye and Iran are the guarantors of the Astana format"
			j := i + 2
			if c.key(j) == "the" {
				j++
			}
			for _, p := range ps {
				if p.ts == j {
					for _, s := range cl.subj {
						c.add(s, ontology.ParticipatesIn, p.id, cl.mod, confPattern, nil)
					}
				}
			}
		case mediateWords[c.key(i)] && c.key(i+1) == "by":
			// "talks mediated by the United States and the World Bank"
			ids, _ := c.list(i+2, len(c.toks))
			for _, p := range ps {
				if p.te <= i {
					for _, s := range ids {
						c.add(s, ontology.Mediates, p.id, cl.mod, confPattern, nil)
					}
				}
			}
		case (c.key(i) == "organized" || c.key(i) == "organised" || hostVerbs[c.key(i)]) && c.key(i+1) == "by":
			ids, _ := c.list(i+2, len(c.toks))
			for _, p := range ps {
				if p.te <= i {
					for _, s := range ids {
						c.add(s, ontology.Hosts, p.id, cl.mod, confPattern, nil)
					}
				}
			}
		case mediateWords[c.key(i)]:
			// the processes of the verb's clause, those after it first
			var targets []foundProcess
			for _, p := range ps {
				if p.ts > i && p.ts < cl.b {
					targets = append(targets, p)
				}
			}
			if len(targets) == 0 {
				for _, p := range ps {
					if p.ts >= cl.a && p.ts < cl.b {
						targets = append(targets, p)
					}
				}
			}
			if len(targets) == 0 {
				targets = ps
			}
			for _, s := range append(c.mediators(i, cl), c.togetherWith(i, cl)...) {
				for _, p := range targets {
					c.add(s, ontology.Mediates, p.id, cl.mod, confPattern, nil)
				}
			}
		case strings.HasPrefix(c.key(i), "particip"):
			subj := cl.subj
			for _, p := range ps {
				if p.ts > i && p.ts-i < 8 {
					for _, s := range subj {
						c.add(s, ontology.ParticipatesIn, p.id, cl.mod, confLoose, nil)
					}
				}
			}
		}
	}
}

var participantNouns = set("guarantors", "guarantor", "participants", "participant", "parties", "co-chairs", "sponsors")

// togetherWith reads "together with X" / "alongside X" after token i in
// its clause: co-subjects of the verb at i.
func (c *sctx) togetherWith(i int, cl clause) []string {
	for j := i + 1; j+1 < cl.b && j < i+16; j++ {
		if c.key(j) == "together" && c.key(j+1) == "with" {
			ids, _ := c.list(j+2, cl.b)
			return ids
		}
		if c.key(j) == "alongside" {
			ids, _ := c.list(j+1, cl.b)
			return ids
		}
	}
	return nil
}

// roundsAfter reports whether "rounds of" or a process noun follows the
// verb at i closely ("hosted earlier rounds of dialogue").
func (c *sctx) roundsAfter(i int) bool {
	for j := i + 1; j < len(c.toks) && j < i+5; j++ {
		if k := c.key(j); k == "round" || k == "rounds" || processNouns[k] {
			return true
		}
	}
	return false
}

// refersBack reports whether the sentence starts with "These/Those
// initiatives/efforts/talks" or similar.
func (c *sctx) refersBack() bool {
	for i := 0; i+1 < len(c.toks) && i < 4; i++ {
		if (c.key(i) == "these" || c.key(i) == "those" || c.key(i) == "such") &&
			(c.key(i+1) == "initiatives" || c.key(i+1) == "efforts" || c.key(i+1) == "talks" || c.key(i+1) == "negotiations" || c.key(i+1) == "processes") {
			return true
		}
	}
	return false
}

// mediators: "Kazakhstan's role as a facilitator and mediator", or the
// clause subject.
func (c *sctx) mediators(i int, cl clause) []string {
	for j := i - 1; j >= cl.a && j > i-10; j-- {
		if c.key(j) == "s" && c.key(j-1) == "'" {
			if m, ok := c.mentionAt(j - 2); ok && m.actor() {
				return m.ids
			}
		}
	}
	if s := c.nearestBefore(i, cl); len(s) > 0 {
		return s
	}
	return cl.subj
}

func (c *sctx) countryName(id string) string {
	if n, ok := c.d.x.g.DisplayName(id); ok {
		return n
	}
	return id
}

// nameFacts reads the states a named node's own name gives: "the
// China-Pakistan Economic Corridor" has China and Pakistan as partners,
// "the US-Japan Security Treaty" its two parties, "the Kenya-Uganda Joint
// Summit" its participants. Two states at least: "the Chinese Belt and
// Road Initiative" names its sponsor, not a partnership.
func (c *sctx) nameFacts() {
	for _, m := range c.s.ments {
		if m.node == nil || m.kind == kindAnaphor || m.te > len(c.toks) {
			continue
		}
		var p ontology.Predicate
		switch m.label {
		case ontology.Project:
			p = ontology.PartnerIn
		case ontology.Agreement:
			p = ontology.PartyTo
		case ontology.Process:
			p = ontology.ParticipatesIn
		default:
			continue
		}
		var states []string
		for i := m.ts; i < m.te; {
			n, e := c.d.x.trie.longest(c.d.t, c.toks, i)
			if n == 0 || i+n > m.te {
				i++
				continue
			}
			if e.id != "" && e.label == ontology.Country && !contains(states, e.id) {
				states = append(states, e.id)
			}
			i += n
		}
		if len(states) < 2 {
			continue
		}
		for _, s := range states {
			c.add(s, p, m.id(), ontology.Asserted, confPattern, nil) // the name says it, whatever the clause does
		}
	}
}
