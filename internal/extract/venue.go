package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// venueNouns name a place of a state: "in the Saudi city of Jeddah",
// "in Mexico's resort town of Puerto Vallarta", "in the Chinese capital".
var venueNouns = set("capital", "city", "town", "port", "resort", "island", "village")

// seatNouns place an institution, not a meeting: "the embassy in Lima".
var seatNouns = set("embassy", "embassies", "consulate", "office", "offices", "mission", "headquarters", "based",
	"university", "bureau", "correspondent", "residents", "living", "born")

// venueHosts reads the state a meeting took place in as its host: "the
// summit in Tokyo", "talks held in the Saudi city of Jeddah". It applies
// when the sentence speaks of one process only (read as a fact, else
// named) and names one venue, and no host is read in the sentence.
func (c *sctx) venueHosts() {
	host := c.venue()
	if host == "" {
		host = c.namedVenue()
	}
	if host == "" {
		return
	}
	var proc string
	var mod ontology.Modality
	for _, k := range c.facts {
		switch {
		case k.p == ontology.Hosts:
			return
		case k.p != ontology.ParticipatesIn && k.p != ontology.Mediates:
			continue
		case proc == "":
			proc, mod = k.o, k.m
		case k.o != proc:
			return // two processes: which one met there is not said
		}
	}
	if proc == "" {
		// "Albanese flew to the Quad Leaders' Summit in Tokyo": the one
		// event the sentence names
		for _, m := range c.s.ments {
			if m.label != ontology.Process || m.node == nil {
				continue
			}
			if proc != "" && proc != m.id() {
				return
			}
			proc, mod = m.id(), c.clauseOf(m.ts).mod
		}
	}
	if proc != "" && mod != ontology.Negated {
		c.add(host, ontology.Hosts, proc, mod, confLoose, nil)
	}
}

// namedVenue returns the state of the place the sentence's one named
// meeting is named after ("the Luanda mini-summit", "the Astana format"),
// or "".
func (c *sctx) namedVenue() string {
	found := ""
	for _, m := range c.s.ments {
		if m.label != ontology.Process || m.node == nil || !meetingNamed(m.id()) {
			continue
		}
		id := c.placeAt(m.ts)
		switch {
		case id == "" || found != "" && found != id:
			return ""
		default:
			found = id
		}
	}
	return found
}

// meetingNamed reports whether a process id names a meeting held in one
// place: a summit, talks, a conference, a meeting, a forum (not a format,
// process, round or initiative, whose meetings move: the Astana format met
// in Sochi and Tehran too).
func meetingNamed(id string) bool {
	for _, h := range []string{"-summit", "-talks", "-conference", "-meeting", "-forum"} {
		if strings.HasSuffix(id, h) {
			return true
		}
	}
	return false
}

// venue returns the one state the sentence places its action in, or "".
func (c *sctx) venue() string {
	found := ""
	for i := 0; i+1 < len(c.toks); i++ {
		if k := c.key(i); k != "in" && k != "at" || i > 0 && seatNouns[c.key(i-1)] {
			continue
		}
		id := c.placeAt(i + 1)
		switch {
		case id == "":
		case found == "":
			found = id
		case found != id:
			return ""
		}
	}
	return found
}

// placeAt returns the state of the place named at token i: a capital
// ("Tokyo"), or a state's city ("the Saudi city of Jeddah", "Mexico's
// resort town of Puerto Vallarta").
func (c *sctx) placeAt(i int) string {
	if n, e := c.d.x.trie.longest(c.d.t, c.toks, i); n > 0 && e != nil && e.id != "" &&
		(e.kind == gazetteer.FormCapital || e.kind == gazetteer.FormFormerCapital) {
		return e.id
	}
	if n, e := c.d.x.cities.longest(c.d.t, c.toks, i); n > 0 && e != nil && e.id != "" {
		if m, _ := c.d.x.trie.longest(c.d.t, c.toks, i); m < n {
			return e.id // "in Jeddah", not "in Shanghai Cooperation ..."
		}
	}
	if c.key(i) == "the" {
		i++
	}
	m, ok := c.mentionAt(i)
	if !ok || m.label != ontology.Country || m.kind == kindAnaphor {
		return ""
	}
	for j := m.te; j < len(c.toks) && j < m.te+4; j++ {
		if venueNouns[c.key(j)] {
			return m.id()
		}
		if !c.toks[j].word && c.key(j) != "'" {
			break
		}
	}
	return ""
}
