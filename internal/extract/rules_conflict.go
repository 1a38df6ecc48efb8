package extract

import (
	"slices"

	"github.com/diplograph/diplograph/internal/ontology"
)

var (
	warWords = set("war", "fought", "clashes", "conflict", "hostilities", "dispute", "fighting", "quarrel", "feud",
		"rivalry", "standoff", "accused", "accuses", "accuse", "accusing")
	accuseWords = set("accused", "accuses", "accuse", "accusing")
)

// conflict: IN_CONFLICT_WITH, "A fought a war with B", "A and B fought
// border clashes", "the conflict between A and B".
func (c *sctx) conflict() {
	for i := range c.toks {
		k := c.key(i)
		if !warWords[k] {
			continue
		}
		cl := c.clauseOf(i)
		kind := "armed"
		if k == "dispute" {
			kind = "political"
		}
		props := map[string]any{"kind": kind}
		if c.key(i+1) == "between" {
			if ids, _ := c.list(i+2, cl.b); len(ids) >= 2 {
				c.add(ids[0], ontology.InConflictWith, ids[1], cl.mod, confPattern, props)
				return
			}
		}
		if accuseWords[k] {
			// "Cairo has accused Ethiopia of violating ...": a political
			// conflict between accuser and accused; not "some Israeli
			// politicians have accused Qatar"
			if partWords[c.key(cl.a)] || cl.a+1 < len(c.toks) && partWords[c.key(cl.a+1)] {
				continue
			}
			objs, _ := c.list(i+1, cl.b)
			for _, s := range c.onlyStates(c.relativeOr(i, cl)) {
				for _, o := range c.onlyStates(objs) {
					c.add(s, ontology.InConflictWith, o, cl.mod, confLoose, map[string]any{"kind": "political"})
				}
			}
			continue
		}
		if k != "fought" && k != "war" && c.key(i+1) == "with" {
			// "its own quarrel with Somalia", "a dispute with Iraq"; not
			// "(they support the Palestinians when it comes to) the
			// conflict with Israel", a conflict known to the reader, whose
			// other side the sentence need not name
			if c.key(i-1) == "the" {
				continue
			}
			objs, _ := c.list(i+2, cl.b)
			if k != "dispute" && k != "quarrel" && k != "feud" && k != "rivalry" && k != "standoff" {
				props = map[string]any{"kind": "armed"}
			}
			for _, s := range c.onlyStates(c.relativeOr(i, cl)) {
				for _, o := range c.onlyStates(objs) {
					c.add(s, ontology.InConflictWith, o, cl.mod, confLoose, props)
				}
			}
			continue
		}
		if k != "fought" {
			continue
		}
		subj := c.nearestOr(i, cl)
		for j := i + 1; j < cl.b && j < i+5; j++ {
			if c.key(j) == "with" || c.key(j) == "against" {
				objs, _ := c.list(j+1, cl.b)
				for _, s := range subj {
					for _, o := range objs {
						c.add(s, ontology.InConflictWith, o, cl.mod, confPattern, props)
					}
				}
				return
			}
		}
		// "Türkiye has fought the PKK"
		if objs, _ := c.list(i+1, cl.b); len(objs) > 0 && len(subj) == 1 {
			for _, o := range objs {
				c.add(subj[0], ontology.InConflictWith, o, cl.mod, confPattern, props)
			}
			return
		}
		if len(subj) == 2 {
			c.add(subj[0], ontology.InConflictWith, subj[1], cl.mod, confLoose, props)
			return
		}
	}
}

// relativeOr returns the antecedent of a relative clause that token i is
// in ("Ethiopia, which has its own quarrel with Somalia"), else the
// nearest actor before i, else the clause subject.
func (c *sctx) relativeOr(i int, cl clause) []string {
	for j := i - 1; j >= 1 && j >= i-8; j-- {
		k := c.key(j)
		if k == "," || k == ";" {
			break
		}
		if (k == "which" || k == "who") && c.key(j-1) == "," {
			if m, ok := c.mentionAt(j - 2); ok && m.actor() {
				return m.ids
			}
			break
		}
	}
	return c.nearestOr(i, cl)
}

// sanctions: SANCTIONS with since; "the sanctions" refers to the last
// target.
func (c *sctx) sanctions() {
	since := 0
	for i := range c.toks {
		if c.key(i) == "since" && c.toks[min(i+1, len(c.toks)-1)].num {
			since = atoi(c.d.t[c.toks[i+1].s:c.toks[i+1].e])
		}
	}
	for i := range c.toks {
		k := c.key(i)
		if k != "sanctions" && k != "sanctioned" && k != "embargo" && k != "sanction" {
			continue
		}
		cl := c.clauseOf(i)
		var objs []string
		if k == "sanctioned" || k == "sanction" && c.key(i+1) != "on" && c.key(i+1) != "against" {
			objs, _ = c.list(i+1, cl.b)
		} else if c.key(i+1) == "on" || c.key(i+1) == "against" || c.key(i+1) == "targeting" {
			objs, _ = c.list(i+2, cl.b)
		} else if c.key(i-1) == "the" && c.st.sanctioned != "" {
			objs = []string{c.st.sanctioned}
		}
		subj := []string(nil)
		if len(objs) == 0 && k == "sanctioned" {
			// "Russia, which Tokyo has sanctioned since 2022 together with
			// the G7"
			for j := i - 1; j >= 2 && j >= i-6; j-- {
				if c.key(j) == "which" && c.key(j-1) == "," {
					if m, ok := c.mentionAt(j - 2); ok && m.actor() {
						objs = m.ids
						for _, sm := range c.s.ments {
							if sm.ts > j && sm.ts < i && sm.actor() {
								subj = append(subj, sm.ids...)
							}
						}
					}
					break
				}
			}
			subj = append(subj, c.togetherWith(i, cl)...)
		}
		if len(objs) == 0 {
			continue
		}
		if subj == nil {
			subj = c.nearestOr(i, cl)
			if c.prepObjectBefore(subj, i, cl) {
				// "the invasion of Ukraine led to sanctions on Russia":
				// a prepositional object does not impose them
				continue
			}
		}
		mod := cl.mod
		if mod == ontology.Asserted && c.deliberated(i, cl) {
			mod = ontology.Expected // "met to discuss sanctions against Russia"
		}
		props := map[string]any{}
		if since != 0 && mod == ontology.Asserted {
			props["since"] = since
		}
		for _, s := range subj {
			for _, o := range objs {
				c.add(s, ontology.Sanctions, o, mod, confPattern, props)
			}
		}
		c.st.sanctioned = objs[0]
	}
}

// deliberateWords weigh a measure not yet taken.
var deliberateWords = set("discuss", "discussed", "discussing", "discusses", "consider", "considered", "considering",
	"considers", "weigh", "weighed", "weighing", "weighs", "mull", "mulled", "mulling", "debate", "debated", "debating",
	"threaten", "threatened", "threatening", "threatens")

// deliberated reports whether a word of weighing a measure stands shortly
// before token i in its clause: "met to discuss new sanctions against".
func (c *sctx) deliberated(i int, cl clause) bool {
	for j := i - 1; j >= cl.a && j >= i-4; j-- {
		if deliberateWords[c.key(j)] {
			return true
		}
	}
	return false
}

// prepositions whose objects are not the agents of what follows.
var agentlessPreps = set("of", "on", "against", "to", "in", "with", "from", "into", "over", "for")

// prepObjectBefore reports whether the last mention of ids before token i
// in clause cl is the object of a preposition ("the invasion of Ukraine").
func (c *sctx) prepObjectBefore(ids []string, i int, cl clause) bool {
	for j := i - 1; j >= cl.a; j-- {
		m, ok := c.mentionAt(j)
		if !ok || !slices.ContainsFunc(m.ids, func(id string) bool { return contains(ids, id) }) {
			continue
		}
		p := m.ts - 1
		if p >= cl.a && c.key(p) == "the" {
			p--
		}
		return p >= cl.a && agentlessPreps[c.key(p)]
	}
	return false
}
