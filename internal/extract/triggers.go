package extract

// Trigger classes let each rule skip a sentence with one bit test instead
// of scanning its tokens: newCtx looks every token up once in triggerClass.
const (
	clsMember uint32 = 1 << iota
	clsAgreement
	clsProject
	clsCoop
	clsInvest
	clsTrade
	clsWar
	clsSanction
	clsProcess
	clsLocation
	clsPartOf
)

var triggerClass = func() map[string]uint32 {
	m := map[string]uint32{}
	put := func(cls uint32, words ...string) {
		for _, w := range words {
			m[w] |= cls
		}
	}
	for w := range joinWords {
		put(clsMember, w)
	}
	put(clsMember, "belongs", "belong", "belonged", "belonging", "left", "quit", "withdrew", "exited", "member", "members", "ally", "allies", "observer", "dialogue", "which", "participate", "participates",
		"participated", "participating", "participation", "participant", "participants")
	for w := range memberGroupNouns {
		put(clsMember, w) // "the leaders of O - A, B and C"
	}
	for w := range agreementNouns {
		put(clsAgreement, w)
	}
	for _, h := range []string{"declaration", "treaty", "agreement", "accord", "accords", "pact", "memorandum", "charter"} {
		put(clsAgreement, h)
	}
	for w := range projectNouns {
		put(clsProject, w)
	}
	put(clsProject, "highway", "dam")
	for w := range coopNouns {
		put(clsCoop, w)
	}
	put(clsCoop, "relations", "relationship", "together", "committee", "commission", "council")
	for w := range investWords {
		put(clsInvest, w)
	}
	put(clsInvest, "investor", "investors", "stake", "stakes", "money", "pledged", "pledges")
	for w := range exportVerbs {
		put(clsTrade, w)
	}
	for w := range importVerbs {
		put(clsTrade, w)
	}
	for w := range warWords {
		put(clsWar, w)
	}
	put(clsSanction, "sanctions", "sanctioned", "embargo", "sanction")
	put(clsTrade, "supplier", "exporter", "provider", "buyer", "importer", "purchaser", "customer")
	put(clsMember, "withdrew", "left", "quit", "exited")
	put(clsCoop, "partner", "ally")
	for w := range processNouns {
		put(clsProcess, w)
	}
	for w := range hostVerbs {
		put(clsProcess, w)
	}
	for w := range mediateWords {
		put(clsProcess, w)
	}
	put(clsProcess, "guarantors", "guarantor", "participants", "parties", "process", "organized", "organised", "format", "week", "forum", "summit", "initiative")
	put(clsLocation, "in")
	put(clsPartOf, "body", "organ", "agency", "part", "branch")
	return m
}()
