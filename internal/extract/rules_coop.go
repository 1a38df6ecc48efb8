package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

var (
	coopNouns    = set("cooperation", "collaboration", "partnership", "ties", "cooperate", "cooperates", "cooperated", "cooperating", "collaborate", "collaborates", "collaborating")
	coopPositive = set("deepen", "deeper", "strengthen", "strengthened", "close", "strong", "expand", "normalised", "normalized",
		"normalise", "normalize", "restore", "restored", "established", "diplomatic", "upgraded")
	// endingVerbs before "ties"/"relations" turn the fact around: "cut
	// ties with X" ends cooperation, "has not cut ties" keeps it.
	endingVerbs    = set("cut", "cuts", "severed", "sever", "severs", "broke", "break", "suspended", "suspend", "froze", "freeze", "downgraded")
	mechanisms     = []string{"joint higher committee", "joint intergovernmental commission", "intergovernmental commission", "business council", "strategic dialogue", "joint committee", "joint commission"}
	mechanismHeads = set("committee", "commission", "council", "dialogue")
)

// cooperation: COOPERATES_WITH with sectors and mechanism.
func (c *sctx) cooperation() {
	mech, mechAt := c.mechanism()
	positive := hasAny(coopPositive, c, 0, len(c.toks)) >= 0
	done := false
	emit := func(a []string, b []string, i int, mod ontology.Modality, conf float64) {
		props := map[string]any{}
		if secs := c.sectorsAfter(i, c.sectorListEnd(i)); len(secs) > 0 {
			props["sectors"] = secs
		} else if secs := c.sectorsAfter(max(i-2, 0), i); len(secs) > 0 {
			props["sectors"] = secs // "defence cooperation with France"
		}
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			if endingVerbs[c.key(j)] {
				switch mod {
				case ontology.Asserted:
					mod = ontology.Negated
				case ontology.Negated:
					mod = ontology.Asserted
				}
				break
			}
		}
		if mech != "" {
			props["mechanism"] = mech
		}
		for _, x := range a {
			for _, y := range b {
				if x != y {
					c.add(x, ontology.CooperatesWith, y, mod, conf, props)
					done = true
				}
			}
		}
	}
	for i := range c.toks {
		k := c.key(i)
		// "the EU has become Kazakhstan's main trading partner"
		if (k == "partner" || k == "ally") && !done {
			for j := i - 1; j >= 2 && j >= i-4; j-- {
				if c.key(j) == "s" && c.key(j-1) == "'" {
					if m, ok := c.mentionAt(j - 2); ok && m.actor() && len(c.clauseOf(i).subj) > 0 {
						emit(c.clauseOf(i).subj, m.ids, i, c.clauseOf(i).mod, confLoose)
					}
					break
				}
				if !c.toks[j].word || c.toks[j].cap {
					break
				}
			}
			continue
		}
		trigger := coopNouns[k] || i == mechAt || (k == "relations" || k == "relationship") && positive ||
			k == "together" && c.key(i-1) == "works" || k == "work" && c.key(i+1) == "together"
		if !trigger || done && i != mechAt {
			continue
		}
		if m, inside := c.mentionAt(i); inside && m.label != ontology.Sector {
			continue // "Shanghai Cooperation Organization"
		}
		if i > 0 && c.toks[i].cap && coopNouns[k] && i != mechAt {
			continue // "the Dialogue Partnership", "the Eastern Partnership": a name
		}
		if k == "ties" && c.key(i+1) != "with" && c.key(i+1) != "between" {
			continue
		}
		cl := c.clauseOf(i)
		// "cooperation between A and B", "the joint higher committee between A and B"
		j := i + 1
		for j < len(c.toks) && j < i+3 && c.key(j) != "between" && c.key(j) != "with" {
			j++
		}
		if c.key(j) == "between" {
			if ids, _ := c.list(j+1, len(c.toks)); len(ids) >= 2 {
				emit(ids[:1], ids[1:], i, cl.mod, confPattern)
				continue
			}
		}
		if c.key(j) == "with" || c.key(i+1) == "together" && c.key(i+2) == "with" {
			if c.key(j) != "with" {
				j = i + 2
			}
			objs, _ := c.list(j+1, len(c.toks))
			if len(objs) == 0 {
				continue
			}
			subj := []string(nil)
			// "Kazakhstan's cooperation with Iran"
			if c.key(i-1) == "s" && c.key(i-2) == "'" {
				if m, ok := c.mentionAt(i - 3); ok && m.actor() {
					subj = m.ids
				}
			}
			if subj == nil {
				subj = c.nearestBefore(i, cl)
			}
			if subj == nil {
				subj = cl.subj
			}
			emit(subj, objs, i, cl.mod, confLoose)
			continue
		}
		// "the two countries cooperate in ...", "A and B are cooperating"
		subj := c.nearestBefore(i, cl)
		if len(subj) < 2 {
			subj = cl.subj
		}
		if len(subj) >= 2 {
			emit(subj[:1], subj[1:], i, cl.mod, confLoose)
		}
	}
}

// sectorListEnd is the end of i's clause, extended over ", and <sector>"
// that closes a list of sectors ("..., education, and information
// technology").
func (c *sctx) sectorListEnd(i int) int {
	b := c.clauseOf(i).b
	for b+2 < len(c.toks) {
		j := b
		if c.key(j) == "," {
			j++
		}
		if c.key(j) == "but" && c.key(j+1) == "also" || relativeWords[c.key(j)] && j > b {
			// "not only close economic cooperation ..., but also strong
			// political and military ties"
			b = c.clauseOf(j).b
			continue
		}
		m, ok := c.mentionAt(b + 2)
		if c.key(b) != "," || c.key(b+1) != "and" || !ok || m.label != ontology.Sector {
			break
		}
		b = c.clauseOf(b + 2).b
	}
	return b
}

// mechanism is the cooperation mechanism the sentence names ("the joint
// higher committee") and the index of its head, or "" and -1.
func (c *sctx) mechanism() (string, int) {
	if hasAny(mechanismHeads, c, 0, len(c.toks)) < 0 {
		return "", -1
	}
	low := " " + strings.ToLower(c.d.t[c.s.seg.Start:c.s.seg.End]) + " "
	for _, m := range mechanisms {
		if !strings.Contains(low, " "+m+" ") {
			continue
		}
		head := strings.Fields(m)[len(strings.Fields(m))-1]
		for i := range c.toks {
			if c.key(i) == head {
				return m, i
			}
		}
		return m, -1
	}
	return "", -1
}
