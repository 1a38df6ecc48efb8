package eval

import (
	"cmp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Reified nodes (agreements, projects, processes) are named by convention
// when the text gives no name: "agreement:cn-sb-security" and
// "agreement:cn-sb-security-2022" are the same pact to a reader, as are
// "project:cy-gr-il-pipeline" and "project:eastmed-pipeline" when the text
// calls it both. The strict score counts such a fact wrong twice (missed
// and spurious). The aligned score first maps each extracted reified node
// the gold does not name to at most one gold node of the same kind that
// no extracted node names, choosing the pairs that make the most facts
// linking the node to an actor match (greedily, the heaviest pair first;
// at least two such facts, since one shared participant is a coincidence
// as often as not), and then scores as strictly as before. Two names the
// text gave ("the Nairobi process", "the Luanda summit") are two things,
// not two names of one: they are aligned only when one name holds the
// other ("hydropower-plant", "kambar-ata-1-hydropower-plant"). A generic
// id, made of the ids of its parties ("agreement:cn-sb-security"), may be
// aligned with any node of its kind. It measures what was read apart
// from what it was called; the strict score stays the headline.

// minAlignWeight is the least number of a node's facts that must agree
// with a gold node for the two to be aligned.
const minAlignWeight = 2

// reifiedPrefixes are the id prefixes of the nodes alignment may rename.
var reifiedPrefixes = []string{"agreement:", "project:", "process:"}

func reifiedKind(id string) string {
	for _, p := range reifiedPrefixes {
		if strings.HasPrefix(id, p) {
			return p
		}
	}
	return ""
}

// Align maps extracted reified node ids to gold ones, as described above.
// The map holds only renamed nodes.
func Align(g Gold, ex *ontology.Extraction) map[string]string {
	goldNodes := map[string]bool{}
	for _, f := range g.Facts {
		for _, id := range []string{f.Subject, f.Object} {
			if reifiedKind(id) != "" {
				goldNodes[id] = true
			}
		}
	}
	goldActors := actorsOf(g.Facts)
	exFacts := make([]Fact, len(ex.Relations))
	for i, r := range ex.Relations {
		exFacts[i] = fromRelation(r)
	}
	exActors := actorsOf(exFacts)
	exNodes := map[string]bool{}
	taken := map[string]bool{} // gold nodes some extracted node names exactly
	for _, r := range ex.Relations {
		for _, id := range []string{r.Subject, r.Object} {
			if reifiedKind(id) == "" {
				continue
			}
			if goldNodes[id] {
				taken[id] = true
			} else {
				exNodes[id] = true
			}
		}
	}
	type pair struct {
		e, g   string
		weight int
	}
	var pairs []pair
	for e := range exNodes {
		for gn := range goldNodes {
			if taken[gn] || reifiedKind(gn) != reifiedKind(e) {
				continue
			}
			if !generic(e, exActors[e]) && !generic(gn, goldActors[gn]) && !nameHolds(e, gn) {
				continue
			}
			if w := alignWeight(g.Facts, ex.Relations, e, gn); w >= minAlignWeight {
				pairs = append(pairs, pair{e, gn, w})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.e, b.e), cmp.Compare(a.g, b.g))
	})
	out := map[string]string{}
	for _, p := range pairs {
		if _, done := out[p.e]; done || taken[p.g] {
			continue
		}
		out[p.e], taken[p.g] = p.g, true
	}
	return out
}

// alignWeight counts the relations of node e that state a gold fact once
// e is called gn, leaving out facts about the node's sectors: a shared
// sector alone says nothing about which agreement it is.
func alignWeight(gold []Fact, rels []ontology.Relation, e, gn string) int {
	n := 0
	for _, r := range rels {
		if r.Predicate == ontology.InSector || (r.Subject != e && r.Object != e) {
			continue
		}
		r = rename(r, map[string]string{e: gn})
		for _, f := range gold {
			if Matches(f, r) {
				n++
				break
			}
		}
	}
	return n
}

// Renamed is ex with the node ids of m replaced.
func Renamed(ex *ontology.Extraction, m map[string]string) *ontology.Extraction {
	out := *ex
	out.Relations = make([]ontology.Relation, len(ex.Relations))
	for i, r := range ex.Relations {
		out.Relations[i] = rename(r, m)
	}
	return &out
}

func rename(r ontology.Relation, m map[string]string) ontology.Relation {
	if to, ok := m[r.Subject]; ok {
		r.Subject = to
	}
	if to, ok := m[r.Object]; ok {
		r.Object = to
	}
	return r
}

// actorsOf gives, for each reified node, the other ends of its facts.
func actorsOf(facts []Fact) map[string][]string {
	out := map[string][]string{}
	for _, f := range facts {
		if reifiedKind(f.Object) != "" {
			out[f.Object] = append(out[f.Object], f.Subject)
		}
		if reifiedKind(f.Subject) != "" {
			out[f.Subject] = append(out[f.Subject], f.Object)
		}
	}
	return out
}

// generic reports whether id is made of the ids of its parties: its name
// begins with one of them.
func generic(id string, actors []string) bool {
	first, _, _ := strings.Cut(id[len(reifiedKind(id)):], "-")
	for _, a := range actors {
		if strings.EqualFold(a, first) {
			return true
		}
	}
	return false
}

// nameHolds reports whether one node's name holds the other's as whole
// words.
func nameHolds(a, b string) bool {
	a, b = "-"+a[len(reifiedKind(a)):]+"-", "-"+b[len(reifiedKind(b)):]+"-"
	return strings.Contains(a, b) || strings.Contains(b, a)
}
