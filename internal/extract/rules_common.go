package extract

// The surface rules read relations from words in order, one file per
// family like the dependency rules: rules_member.go, rules_agreement.go,
// rules_project.go, rules_process.go, rules_coop.go, rules_trade.go,
// rules_conflict.go, rules_location.go. This file holds what they share:
// commodities, the words before a noun, and the ids of unnamed nodes.

import (
	"slices"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// commodities maps trigger words to the commodity a fact carries.
var commodities = map[string]string{
	"oil": "oil", "gas": "gas", "lng": "gas", "energy": "energy", "electricity": "electricity", "power": "electricity",
	"wheat": "wheat", "grain": "grain", "textiles": "textiles", "weapons": "weapons", "arms": "weapons",
	"drones": "weapons", "cotton": "cotton", "uranium": "uranium", "coal": "coal", "fertilizer": "fertilizer",
	"fertilizers": "fertilizer", "food": "food", "gold": "gold", "copper": "copper", "steel": "steel",
}

// modifierStops end the words read before an agreement or project noun.
var modifierStops = set("a", "an", "the", "of", "for", "in", "on", "with", "to", "and", "or", "by", "its", "their",
	"signed", "sign", "build", "built", "construction", "agreed", "new",
	// verbs and pronouns before a bare plural: "of them will be agreements"
	"be", "is", "are", "was", "were", "been", "being", "will", "would", "shall", "should", "can", "could", "may", "might",
	"has", "have", "had", "them", "they", "these", "those", "it", "we", "our", "us", "which", "that", "also", "two",
	"three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "some", "all", "both", "more")

var energyCommodities = set("oil", "gas", "energy", "electricity")

// words before token i, lower case, up to n, stopping at non-words.
func (c *sctx) modifiers(i, n int) []string {
	var out []string
	for j := i - 1; j >= 0 && len(out) < n; j-- {
		// "water-sharing" is one modifier
		if c.key(j) == "-" && j > 0 && len(out) > 0 && c.toks[j-1].word && c.toks[j-1].e == c.toks[j].s {
			out[0] = c.key(j-1) + " " + out[0]
			j--
			continue
		}
		if !c.toks[j].word || c.toks[j].cap && !(j > 0 && c.toks[j-1].word) {
			break
		}
		if m, ok := c.mentionAt(j); ok && m.actor() {
			break
		}
		if modifierStops[c.key(j)] || j > 0 && c.key(j-1) == "to" {
			break // "to implement an EU-backed deal": a verb, not a kind
		}
		out = append([]string{c.key(j)}, out...)
	}
	return out
}

// agreementID is the id of an agreement without a name:
// "agreement:<sorted party ids>[-<commodity>]-<kind>[-<year>]". The year is
// left out (0) for an agreement that is only expected.
func agreementID(parties []string, kind, commodity string, year int) string {
	id := "agreement:" + sortedIDs(parties)
	if commodity != "" {
		id += "-" + commodity
	}
	id += "-" + strings.ReplaceAll(kind, "_", "-")
	if year != 0 {
		id += "-" + itoa(year)
	}
	return id
}

// projectID is the id of a project without a name:
// "project:<sorted partner ids>[-<commodity>]-<kind>".
func projectID(partners []string, kind, commodity string) string {
	id := "project:" + sortedIDs(partners)
	if commodity != "" {
		id += "-" + commodity
	}
	return id + "-" + kind
}

func sortedIDs(ids []string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		// "agreement:et-somaliland-agreement", "process:eln-pe-talks":
		// sorted as written in the id without its prefix ("org:",
		// "region:"), in lower case
		if _, after, ok := strings.Cut(id, ":"); ok {
			id = after
		}
		s[i] = strings.ToLower(id)
	}
	slices.Sort(s)
	s = slices.Compact(s)
	return strings.Join(s, "-")
}

// withLabels keeps the ids the gazetteer gives one of the labels.
func (c *sctx) withLabels(ids []string, labels ...ontology.Label) []string {
	var out []string
	for _, id := range ids {
		if l, ok := c.d.x.g.Label(id); ok && slices.Contains(labels, l) {
			out = append(out, id)
		}
	}
	return out
}

// onlyCountries keeps the countries of ids.
func (c *sctx) onlyCountries(ids []string) []string { return c.withLabels(ids, ontology.Country) }

// onlyStates keeps the countries and organizations of the gazetteer among
// ids (an organization made from the text may be a ministry or a company).
func (c *sctx) onlyStates(ids []string) []string {
	return c.withLabels(ids, ontology.Country, ontology.Organization)
}

func (c *sctx) commodityNear(a, b int) string {
	for j := a; j < b && j < len(c.toks); j++ {
		if j >= 0 {
			if cm := commodities[c.key(j)]; cm != "" {
				return cm
			}
			if weaponWords[c.key(j)] {
				return "weapons"
			}
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
