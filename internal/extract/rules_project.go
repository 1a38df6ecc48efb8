package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

var (
	projectNouns = map[string]string{"pipeline": "pipeline", "pipelines": "pipeline", "railway": "railway",
		"corridor": "corridor", "corridors": "corridor", "highway": "railway", "port": "port"}
	buildWords = set("construction", "build", "built", "building", "construct", "develop", "developed", "developing", "participating",
		"finance", "financed", "financing", "agreed", "launched", "opened", "constructed", "operate", "operates", "operated")
)

// projects: PARTNER_IN and IN_SECTOR. Generic project ids are
// "project:<sorted partner ids>[-<commodity>]-<kind>"
// ("project:ir-kz-gas-pipeline"); named ones "project:<slug>".
func (c *sctx) projects() {
	trig := hasAny(buildWords, c, 0, len(c.toks))
	if trig < 0 {
		return
	}
	for i := 0; i < len(c.toks); i++ {
		var n *node
		end := i + 1
		partners := []string{}
		if m, ok := c.mentionAt(i); ok && m.label == ontology.Project && m.node != nil {
			n, end = m.node, m.te
			// "TurkStream, a pipeline under the Black Sea": the apposition
			// gives the kind and is not a project of its own.
			if c.key(end) == "," && (c.key(end+1) == "a" || c.key(end+1) == "an") {
				for j := end + 2; j < end+7 && j < len(c.toks); j++ {
					if kind, ok := projectNouns[c.key(j)]; ok {
						if n.kind == "" || n.kind == namedKind(n.kind) && n.id == prefixOf(n.label)+slug(n.name) && !strings.Contains(n.name, " ") {
							n.kind = kind
						}
						end = j + 1
						break
					}
					if !c.toks[j].word || c.toks[j].cap {
						break
					}
				}
			}
			if n.commodity == "" {
				for j := m.ts; j < m.te; j++ {
					if cm := commodities[c.key(j)]; cm != "" {
						n.commodity = cm
					}
				}
			}
		} else if kind, ok := projectNouns[c.key(i)]; ok {
			if nx := c.toks[min(i+1, len(c.toks)-1)]; i+1 < len(c.toks) && nx.word && !nx.cap && !prepositions[nx.key] && !appositionFollowers[nx.key] && nx.key != "between" {
				continue // "port upgrades": not the head of its phrase
			}
			if c.key(i+1) == "of" && i+2 < len(c.toks) && c.toks[i+2].cap {
				continue // "the port of Aktau" names a place
			}
			mods := c.modifiers(i, 4)
			commodity := ""
			for _, w := range mods {
				if cm := commodities[w]; cm != "" {
					commodity = cm
				}
			}
			partners = c.projectPartners(i)
			if len(partners) == 0 {
				continue
			}
			id := projectID(partners, kind, commodity)
			n = c.d.node(id, ontology.Project, strings.TrimSpace(strings.Join(mods, " ")+" "+kind))
			n.kind, n.commodity = kind, commodity
		} else {
			continue
		}
		if by := c.passiveBy(end, buildWords); by != nil {
			// "the Rasht-Astara railway, is being financed by Russia"
			partners = c.onlyStates(by)
		}
		if len(partners) == 0 {
			partners = c.projectPartners(i)
		}
		mod := c.clauseOf(trig).mod
		for _, p := range partners {
			c.add(p, ontology.PartnerIn, n.id, mod, confLoose, nil)
		}
		if energyCommodities[n.commodity] {
			c.add(n.id, ontology.InSector, "energy", mod, confNode, nil)
		}
		i = end - 1
	}
}

// passiveBy reads "is being built by A and B" after token i: a verb of
// verbs within the next tokens of the sentence (no other clause between),
// then "by" and a list of actors. It returns the list or nil.
func (c *sctx) passiveBy(i int, verbs map[string]bool) []string {
	for j := i; j+1 < len(c.toks) && j < i+14; j++ {
		k := c.key(j)
		if k == ";" || k == "." {
			return nil
		}
		if verbs[k] && c.key(j+1) == "by" {
			ids, _ := c.list(j+2, len(c.toks))
			return ids
		}
		if k == "by" && j > i && verbs[c.key(j-1)] {
			return nil
		}
	}
	return nil
}

func (c *sctx) projectPartners(i int) []string {
	ids := c.parties(i)
	// "..., which the two countries built together"
	for j := i + 1; j < len(c.toks) && j < i+12; j++ {
		if c.key(j) == "which" || c.key(j) == "that" {
			if more, _ := c.list(j+1, len(c.toks)); len(more) > 0 {
				for _, m := range more {
					if !contains(ids, m) {
						ids = append(ids, m)
					}
				}
			}
			break
		}
	}
	var out []string
	for _, id := range ids {
		if l, ok := c.d.x.g.Label(id); ok && (l == ontology.Country || l == ontology.Organization) {
			out = append(out, id)
		}
	}
	return out
}
