// Package synth generates a synthetic corpus of articles on bilateral
// relations, written with the phrases the extractor reads (agreements
// signed in a year, cooperation in sectors, hosted talks, memberships,
// pipelines, hedged and negated statements), over the countries and
// organizations of the gazetteer. Article i of a seed is always the same
// text, whatever else is generated, so corpora of any size can be streamed
// and compared.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/gazetteer"
)

// Article is one generated document.
type Article struct {
	ID          string   `json:"id"` // "synth-<seed>-<index>", not the document id (which hashes the text)
	Title       string   `json:"title"`
	Source      string   `json:"source"`
	Publisher   string   `json:"publisher"`
	Authors     []string `json:"authors"`
	PublishedAt string   `json:"published_at"`
	Text        string   `json:"text"`
}

// Generator writes articles over one gazetteer. It is safe for concurrent
// use: Article(i) builds its own random source.
type Generator struct {
	seed      uint64
	countries []gazetteer.Country
	orgs      []gazetteer.Organization // with memberships
	sectors   []gazetteer.Sector
	regions   []gazetteer.Region
}

// New returns a generator for seed over g.
func New(g *gazetteer.Gazetteer, seed uint64) (*Generator, error) {
	gen := &Generator{seed: seed, countries: g.Countries, sectors: g.Sectors, regions: g.Regions}
	for _, o := range g.Organizations {
		if len(o.Members) > 0 {
			gen.orgs = append(gen.orgs, o)
		}
	}
	if len(gen.countries) < 3 || len(gen.orgs) == 0 || len(gen.sectors) < 3 {
		return nil, fmt.Errorf("synth: gazetteer too small: %d countries, %d organizations with members, %d sectors",
			len(gen.countries), len(gen.orgs), len(gen.sectors))
	}
	return gen, nil
}

var (
	publishers = []string{"Eurasia Review", "Middle East Policy Forum", "Central Asia Monitor", "The Diplomatic Courier", "Caspian Policy Notes", "Global Affairs Digest"}
	firstNames = []string{"Aigerim", "Murat", "Leyla", "Omar", "Dana", "Farid", "Elena", "Yusuf", "Mei", "Arman", "Sara", "Timur"}
	lastNames  = []string{"Nurlanova", "Demir", "Karimi", "Haddad", "Sadykova", "Aliyev", "Petrova", "Rahimi", "Li", "Bekov", "Qureshi", "Ismailov"}
	topics     = []string{"the nuclear program", "regional security", "the civil war", "water sharing", "transit routes", "border demarcation"}
	fillers    = []string{
		"This relationship is characterized by a pragmatic and multi-vector approach, aimed at mutual benefit and regional stability.",
		"Observers note that economic interests and common security concerns have brought the two capitals closer in recent years.",
		"Officials on both sides have stressed the importance of dialogue, mutual respect and non-interference.",
		"Trade volumes have fluctuated with commodity prices, but the long-term trend remains positive.",
		"Analysts caution that geopolitical rivalries in the wider region could slow the pace of integration.",
		"Cultural festivals, academic exchanges and direct flights have deepened people-to-people ties.",
	}
	headings = []string{"Political and diplomatic relations", "Economic cooperation", "Energy and transport", "Security issues", "Regional organizations", "Outlook"}
)

// sharedOrg picks an organization both countries belong to, else one the
// first belongs to, else any: mostly true statements, so that the claims
// that disagree with the reference are the ones written to (role flips).
func (gen *Generator) sharedOrg(a, b string, pick func(int) int) gazetteer.Organization {
	var both, first []gazetteer.Organization
	for _, o := range gen.orgs {
		hasA, hasB := false, false
		for _, m := range o.Members {
			hasA = hasA || m.Member == a && m.Current()
			hasB = hasB || m.Member == b && m.Current()
		}
		switch {
		case hasA && hasB:
			both = append(both, o)
		case hasA:
			first = append(first, o)
		}
	}
	switch {
	case len(both) > 0:
		return both[pick(len(both))]
	case len(first) > 0:
		return first[pick(len(first))]
	}
	return gen.orgs[pick(len(gen.orgs))]
}

// Article returns article i (0-based) of the generator's seed.
func (gen *Generator) Article(i int) Article {
	rng := rand.New(rand.NewPCG(gen.seed, uint64(i)))
	pick := func(n int) int { return rng.IntN(n) }
	a := gen.countries[pick(len(gen.countries))]
	b := gen.countries[pick(len(gen.countries))]
	for b.ID == a.ID {
		b = gen.countries[pick(len(gen.countries))]
	}
	c := gen.countries[pick(len(gen.countries))]
	for c.ID == a.ID || c.ID == b.ID {
		c = gen.countries[pick(len(gen.countries))]
	}
	year := 1995 + pick(30)
	month, day := 1+pick(12), 1+pick(28)
	art := Article{
		ID:          fmt.Sprintf("synth-%d-%d", gen.seed, i),
		Title:       fmt.Sprintf("%s and %s: %s", a.Name, b.Name, []string{"a partnership in the making", "pragmatic ties", "old friends, new agendas", "between rivalry and cooperation"}[pick(4)]),
		Source:      fmt.Sprintf("https://example.org/synth/%d/%d", gen.seed, i),
		Publisher:   publishers[pick(len(publishers))],
		Authors:     []string{firstNames[pick(len(firstNames))] + " " + lastNames[pick(len(lastNames))]},
		PublishedAt: fmt.Sprintf("%04d-%02d-%02d", 2015+pick(11), month, day),
	}
	name := func(x gazetteer.Country) string {
		if len(x.Aliases) > 0 && pick(5) == 0 {
			return x.Aliases[pick(len(x.Aliases))]
		}
		return x.Name
	}
	sectorList := func(n int) string {
		idx := rng.Perm(len(gen.sectors))[:min(n, len(gen.sectors))]
		slices.Sort(idx)
		var names []string
		for _, k := range idx {
			s := gen.sectors[k]
			if len(s.Terms) > 0 {
				names = append(names, s.Terms[0])
			} else {
				names = append(names, strings.ToLower(s.Name))
			}
		}
		if len(names) == 1 {
			return names[0]
		}
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	org := gen.orgs[pick(len(gen.orgs))]
	orgName := func(o gazetteer.Organization) string {
		if len(o.Acronyms) > 0 && pick(2) == 0 {
			return "the " + o.Acronyms[0]
		}
		return "the " + o.Name
	}
	member := org.Members[pick(len(org.Members))]
	memberName := member.Member
	for _, x := range gen.countries {
		if x.ID == member.Member {
			memberName = x.Name
		}
	}
	role := strings.ReplaceAll(member.Role, "_", " ")
	if pick(6) == 0 { // a claim that disagrees with the reference
		role = []string{"observer", "member", "dialogue partner"}[pick(3)]
	}

	var paras [][]string
	para := func(sentences ...string) { paras = append(paras, sentences) }
	para(
		fmt.Sprintf("%s has been actively engaging with %s, fostering a relationship that encompasses political, economic and diplomatic cooperation.", name(a), name(b)),
		fillers[pick(len(fillers))],
	)
	pol := []string{
		fmt.Sprintf("For instance, %s has hosted rounds of negotiations on %s with %s.", name(a), topics[pick(len(topics))], name(c)),
		fillers[pick(len(fillers))],
	}
	if pick(3) == 0 {
		pol = append(pol, fmt.Sprintf("%s has not hosted talks on %s.", name(b), topics[pick(len(topics))]))
	}
	para(pol...)
	para(
		fmt.Sprintf("In %d, %s and %s signed a free trade agreement aimed at further promoting bilateral trade and investment.", year, name(a), name(b)),
		fmt.Sprintf("The joint higher committee between %s and %s has discussed cooperation in %s.", name(b), name(a), sectorList(2+pick(5))),
		fmt.Sprintf("In addition, the two countries cooperate in %s.", sectorList(1+pick(3))),
	)
	energy := []string{
		fmt.Sprintf("%s's cooperation with %s includes the construction of a transnational gas pipeline.", name(a), name(c)),
		fmt.Sprintf("%s exports oil to %s, while it imports gas from %s.", name(a), name(b), name(c)),
	}
	if pick(2) == 0 {
		energy = append(energy, fmt.Sprintf("%s's energy partnership with %s is expected to be further strengthened.", name(a), name(b)))
	}
	para(energy...)
	para(
		fmt.Sprintf("%s is a %s of %s.", memberName, role, orgName(org)),
		fmt.Sprintf("%s and %s jointly participate in the activities of %s.", name(a), name(b), orgName(gen.sharedOrg(a.ID, b.ID, pick))),
		fmt.Sprintf("%s is expected to sign a free trade agreement with %s.", name(c), name(a)),
	)
	if pick(4) == 0 {
		para(fmt.Sprintf("%s is not a member of %s.", name(c), orgName(gen.orgs[pick(len(gen.orgs))])), fillers[pick(len(fillers))])
	}
	para(fillers[pick(len(fillers))], fmt.Sprintf("Looking into the future, the relationship between %s and %s is expected to continue to deepen.", name(a), name(b)))

	var sb strings.Builder
	sb.WriteString(art.Title)
	sb.WriteString("\n")
	for k, p := range paras {
		if k > 0 && k < len(headings) && pick(2) == 0 {
			sb.WriteString(headings[k])
			sb.WriteString("\n")
		}
		sb.WriteString(strings.Join(p, " "))
		sb.WriteString("\n")
	}
	art.Text = sb.String()
	return art
}
