package extract

import (
	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/ontology"
)

// kindPerson marks a person named in the text who acts for a state: the
// mention stands for the state.
const kindPerson = "person"

// personMentions adds the people NER finds who act for one state: named
// with the state's office ("Ghana's President John Mensah", "Togolese
// President Koffi Adjo"), known to the gazetteer as a holder of its
// government's offices ("Narendra Modi"; "President Bush" by the surname
// after an office), or named so earlier in the article ("Mensah" alone).
func (d *document) personMentions(ps *corenlp.Sentence, toks []token, ms []mention) []mention {
	for _, nm := range ps.Mentions {
		if nm.NER != "PERSON" {
			continue
		}
		ts, te := tokenSpan(toks, ps.Tokens[nm.Start].Begin, ps.Tokens[nm.End-1].End)
		if ts < 0 || ts >= te || overlaps(ms, ts, te) {
			continue
		}
		if ids, label := d.personState(toks, ms, ts, te); len(ids) == 1 {
			ms = append(ms, mention{ts: ts, te: te, ids: ids, label: label, kind: kindPerson})
		}
	}
	sortMentions(ms)
	return ms
}

// personState is the one state (or organization: "UN Secretary-General
// Antonio Guterres") the person at toks[ts:te] acts for, if any.
func (d *document) personState(toks []token, ms []mention, ts, te int) ([]string, ontology.Label) {
	surname := toks[te-1].key
	// the office right before the name, and the state before the office
	o := ts
	for o > 0 && ts-o < 8 {
		k := toks[o-1].key
		if toks[o-1].cap && (officeLemmas[k] || officeWords[k]) || k == "-" && o > 1 && officeLemmas[toks[o-2].key] ||
			k == "and" && o > 1 && toks[o-2].cap && (officeLemmas[toks[o-2].key] || officeWords[toks[o-2].key]) {
			o-- // "State Councilor and Foreign Minister Qin Gang"
			continue
		}
		break
	}
	office := o < ts
	if office {
		if s := o - 1; s >= 0 {
			if s >= 1 && toks[s].key == "s" && toks[s-1].key == "'" {
				s -= 2 // "Ghana's President"
			}
			for _, m := range ms {
				if m.te == s+1 && (m.label == ontology.Country || m.label == ontology.Organization) && m.kind != kindAnaphor && len(m.ids) == 1 {
					if m.label == ontology.Country {
						d.people[surname] = m.ids
					}
					return m.ids, m.label
				}
			}
		}
	}
	date := d.doc.PublishedAt
	if len(date) > 10 {
		date = date[:10]
	}
	var ids []string
	if te-ts > 1 {
		ids = d.x.g.PersonCountries(d.t[toks[ts].s:toks[te-1].e], date)
	}
	if len(ids) == 0 {
		ids = d.people[surname]
	}
	if len(ids) == 0 && office {
		ids = d.x.g.SurnameCountries(d.t[toks[te-1].s:toks[te-1].e], date)
	}
	if len(ids) == 1 {
		d.people[surname] = ids
		return ids, ontology.Country
	}
	return nil, ""
}

// officeWords are the other words of an office's title: "State
// Councilor", "Foreign Minister", "Crown Prince".
var officeWords = set("state", "councilor", "councillor", "foreign", "defence", "defense", "external", "affairs",
	"crown", "deputy", "acting", "interior", "finance", "trade", "energy", "his", "excellency", "dr", "h.e.")
