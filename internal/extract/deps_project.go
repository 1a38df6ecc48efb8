package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// depProject reads PARTNER_IN over dependencies (lexicon family
// "project"):
//
//	X and Y (agreed to) build/finance/launch a pipeline (with Z)
//	the railway, financed by X; the corridor is being built by X and Y
//	X will buy electricity through the CASA-1000 line
//	X is a partner in the project
func (c *sctx) depProject(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	switch {
	case g.verb(i) && lx.is("project", "build", l):
		objs := g.objects(i, "obj", "nsubj:pass", "obl:in", "obl:on")
		if g.prel[i] == "acl" && g.parent[i] >= 0 {
			objs = append(objs, g.parent[i]) // "the railway financed by X"
		}
		partners := union(c.subjects(g, i), c.actors(g, i, "obl:with"))
		for _, o := range objs {
			c.partnerIn(g, o, partners, c.depMod(g, i))
		}
	case g.verb(i):
		// any verb of the partners through or on a named project
		for _, o := range g.children(i, "obl:through", "obl:via") {
			if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Project {
				c.partnerIn(g, o, c.subjects(g, i), c.depMod(g, i))
			}
		}
	case g.noun(i) && (projectNouns[l] != "" || linkNouns[l] != "") && len(g.children(i, "nmod:between")) > 0:
		// "a power line between Lithuania and Poland", also as the
		// apposition of a named project
		o := i
		if g.prel[i] == "appos" && g.parent[i] >= 0 && c.isProject(g, g.parent[i]) {
			o = g.parent[i]
		}
		if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Project || projectNouns[l] != "" {
			c.partnerIn(g, o, c.actors(g, i, "nmod:between"), c.depMod(g, i))
		}
	case g.noun(i) && lx.is("project", "partner", l):
		for _, o := range g.children(i, "nmod:in", "nmod:of") {
			c.partnerIn(g, o, c.actors(g, i, "nsubj", "appos"), c.depMod(g, i))
		}
	}
}

// partnerIn adds PARTNER_IN from the states and organizations among
// partners to the project token o names.
func (c *sctx) partnerIn(g *dgraph, o int, partners []string, mod ontology.Modality) {
	partners = union(partners, c.actors(g, o, "nmod:between", "nmod:among"))
	if g.surf[o] >= 0 {
		if _, generic := projectNouns[g.lemma(o)]; generic && g.ment[o] < 0 {
			partners = union(c.nameParties(g.surf[o]), partners) // "the Iran-Pakistan gas pipeline"
		}
	}
	var states []string
	for _, p := range partners {
		if l, ok := c.d.label(p); ok && (l == ontology.Country || l == ontology.Organization) {
			states = append(states, p)
		}
	}
	if len(states) == 0 {
		return
	}
	var id string
	if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Project {
		id = m.id()
	} else if g.prel[o] == "appos" && g.parent[o] >= 0 && c.isProject(g, g.parent[o]) {
		m, _ := c.mentionOf(g, g.parent[o])
		id = m.id() // "Gasbol, a pipeline that the two countries opened"
	} else if t := g.ps.Tokens[o]; t.POS == "PRP" && strings.ToLower(t.Word) == "it" && c.st != nil && c.st.lastProject != nil {
		id = c.st.lastProject.id // "signed a memorandum on it"
	} else if kind, ok := projectNouns[g.lemma(o)]; ok && g.surf[o] >= 0 {
		if len(g.children(o, "nmod:of")) > 0 {
			return
		}
		mods := c.modifiers(g.surf[o], 4)
		commodity := ""
		for _, w := range mods {
			if cm := commodities[w]; cm != "" {
				commodity = cm
			}
		}
		id = projectID(states, kind, commodity)
		n := c.d.node(id, ontology.Project, strings.TrimSpace(strings.Join(mods, " ")+" "+kind))
		if n.kind == "" {
			n.kind, n.commodity = kind, commodity
		}
	} else {
		return
	}
	for _, p := range states {
		c.addDep(p, ontology.PartnerIn, id, mod, nil)
	}
	// pipelines, power lines and cables are energy projects
	if n, ok := c.d.nodes[id]; ok && (energyCommodities[n.commodity] || energyKinds[n.kind]) {
		c.addDep(id, ontology.InSector, "energy", mod, nil)
	}
}

var energyKinds = set("pipeline", "power_line", "cable", "interconnector")

// label is the node kind of id: from the gazetteer, or of a node the text
// named (a reified node or a minted organization).
func (d *document) label(id string) (ontology.Label, bool) {
	if l, ok := d.x.g.Label(id); ok {
		return l, true
	}
	if n, ok := d.nodes[id]; ok {
		return n.label, true
	}
	return "", false
}

func (c *sctx) isProject(g *dgraph, i int) bool {
	m, ok := c.mentionOf(g, i)
	return ok && m.label == ontology.Project
}
