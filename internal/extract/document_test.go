package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"
)

// TestDocumentLevel: what the parser-backed engine reads beyond one
// sentence's own words: named events with their participants, definite
// references to them, the previous sentence's sides, lists after a dash,
// bylines at either end, and the lexicon's ceasefire words. The sentences
// are invented for the test, not taken from any evaluation text.
func TestDocumentLevel(t *testing.T) {
	x := parserExtractor(t)
	cases := []struct {
		name, text string
		want, not  []string
	}{
		{"a named exercise held by its participants",
			"Chile and Peru held the Pacific Sentinel exercise off Valparaiso in March.",
			[]string{"CL PARTICIPATES_IN process:pacific-sentinel-exercise asserted", "PE PARTICIPATES_IN process:pacific-sentinel-exercise asserted"},
			nil},
		{"drills and exercises of one name are one event",
			"Norway and Finland staged the Silver Lynx drills in May.",
			[]string{"NO PARTICIPATES_IN process:silver-lynx-exercise asserted", "FI PARTICIPATES_IN process:silver-lynx-exercise asserted"},
			nil},
		{"the exercise refers to the last named one",
			"The Coral Shield exercise opened near Darwin on Monday. Indonesia and Australia conducted the exercise for ten days.",
			[]string{"ID PARTICIPATES_IN process:coral-shield-exercise asserted", "AU PARTICIPATES_IN process:coral-shield-exercise asserted"},
			nil},
		{"a host of talks whose sides the sentence before named",
			"Armenia and Azerbaijan resumed negotiations on their border in April. Kazakhstan hosted the talks in Almaty.",
			[]string{"KZ HOSTS process:am-az-talks asserted", "AM PARTICIPATES_IN process:am-az-talks asserted"},
			[]string{"AM HOSTS process:am-az-talks asserted"}},
		{"a mediator of a meeting between two states",
			"Oman mediated the meeting between Iran and Egypt last week.",
			[]string{"OM MEDIATES process:eg-ir-talks asserted", "IR PARTICIPATES_IN process:eg-ir-talks asserted"},
			nil},
		{"member states listed after a dash",
			"The summit gathered the leaders of the Gulf Cooperation Council's six member states — Bahrain, Kuwait, Oman, Qatar, Saudi Arabia and the United Arab Emirates.",
			[]string{"BH MEMBER_OF GCC asserted", "AE MEMBER_OF GCC asserted", "QA MEMBER_OF GCC asserted"},
			nil},
		{"admitted as the bloc's member",
			"The Shanghai Cooperation Organisation met in Astana. Its leaders welcomed Belarus as the bloc's tenth member.",
			[]string{"BY MEMBER_OF SCO asserted"}, nil},
		{"set to witness a signing is not a signed accord",
			"The two presidents are set to witness the signing of a peace accord between Armenia and Azerbaijan.",
			[]string{"AM PARTY_TO agreement:am-az-peace expected"},
			[]string{"AM PARTY_TO agreement:am-az-peace asserted"}},
		{"a ceasefire is an agreement of kind ceasefire",
			"Sudan and South Sudan signed a truce along their border in 2024.",
			[]string{"SD PARTY_TO agreement:sd-ss-ceasefire-2024 asserted", "SS PARTY_TO agreement:sd-ss-ceasefire-2024 asserted"},
			nil},
		{"a summit of an organization and who it brings together",
			"The 12th summit of the Shanghai Cooperation Organisation opened in Astana. Kazakhstan, hosting the summit, welcomed the leaders. The two-day summit brings together leaders from China, Russia and India along with partners including Turkey.",
			[]string{"KZ HOSTS process:sco-summit asserted", "CN PARTICIPATES_IN process:sco-summit asserted", "TR PARTICIPATES_IN process:sco-summit asserted"},
			[]string{"SCO PARTICIPATES_IN process:sco-summit asserted"}},
		{"an organization named with a region inside, then its head alone",
			"Norway works with Russia through the Baltic Council. The Council comprises five nations - Norway, Sweden, Finland, Denmark and Russia.",
			[]string{"SE MEMBER_OF org:baltic-council asserted", "RU MEMBER_OF org:baltic-council asserted"},
			[]string{"region:baltic MEMBER_OF org:baltic-council asserted"}},
		{"a region is no member",
			"The Western nations, all members of NATO, paused their cooperation.",
			nil, []string{"region:west MEMBER_OF NATO asserted"}},
		{"people are sent, not sold",
			"The pact allows Turkey to send police and military personnel to Somalia.",
			nil, []string{"TR EXPORTS_TO SO expected"}},
		{"a forum with an ampersand and an ordinal",
			"The Second Silk & Rail Forum was held in Beijing. China hosted the forum.",
			[]string{"CN HOSTS process:silk-and-rail-forum asserted"}, nil},
		{"ministries stand for their states",
			"Kenya's Ministry of Transport and the Uganda Ministry of Works signed a memorandum of co-operation on rail.",
			[]string{"KE PARTY_TO agreement:ke-ug-agreement asserted", "UG PARTY_TO agreement:ke-ug-agreement asserted"}, nil},
		{"the largest source of investment",
			"Japan is proud to be the largest source of foreign direct investment in Vietnam.",
			[]string{"JP INVESTS_IN VN asserted"}, nil},
		{"the two countries with describing words, and the sectors of their memoranda",
			"Oman and Qatar announced new deals on Monday. The two gas-rich Gulf nations signed 12 memoranda of understanding for projects to be carried out in sectors including banking and tourism.",
			[]string{"OM PARTY_TO agreement:om-qa-agreement asserted", "agreement:om-qa-agreement IN_SECTOR finance asserted", "agreement:om-qa-agreement IN_SECTOR tourism asserted"},
			[]string{"region:gulf PARTY_TO agreement:om-qa-agreement asserted"}},
		{"states describing the last named exercise take part in it",
			"The Coral Shield exercise ended on Friday. The ambassador praised the Indonesian-Australian joint military exercise.",
			[]string{"ID PARTICIPATES_IN process:coral-shield-exercise asserted", "AU PARTICIPATES_IN process:coral-shield-exercise asserted"}, nil},
		{"the warring parties are the two sides, talks attended by others",
			"Armenia and Azerbaijan are due to sign a peace deal. The talks between the delegations of the warring parties were attended by representatives of Russia.",
			[]string{"AM PARTICIPATES_IN process:am-az-talks asserted", "RU PARTICIPATES_IN process:am-az-talks asserted"}, nil},
		{"a name gives the states of a node",
			"The Kenya-Uganda Crude Oil Pipeline has still not been built.",
			[]string{"KE PARTNER_IN project:kenya-uganda-crude-oil-pipeline asserted", "UG PARTNER_IN project:kenya-uganda-crude-oil-pipeline asserted"},
			[]string{"KE PARTNER_IN project:kenya-uganda-crude-oil-pipeline negated"}},
		{"allies named in apposition",
			"Fiji signed the pact despite pressure from its traditional allies, Australia and New Zealand.",
			[]string{"FJ COOPERATES_WITH AU asserted", "FJ COOPERATES_WITH NZ asserted"}, nil},
		{"a blockade imposed in a participle clause",
			"Egypt and Jordan broke diplomatic ties with Libya in June, imposing a sea and land blockade.",
			[]string{"EG SANCTIONS LY asserted", "JO SANCTIONS LY asserted", "EG COOPERATES_WITH LY negated"}, nil},
		{"a visit is talks between the visitor's state and the host's",
			"Last week the Kenyan Foreign Minister visited Ethiopia and Eritrea. The Indian prime minister's visit to Nepal followed.",
			[]string{"KE PARTICIPATES_IN process:et-ke-talks asserted", "ER PARTICIPATES_IN process:er-ke-talks asserted", "NP PARTICIPATES_IN process:in-np-talks asserted"},
			[]string{"ET HOSTS process:et-ke-talks asserted"}},
		{"a Memorandum of Understanding in capitals is any memorandum",
			"The Memorandum of Understanding was signed between Ghana, Togo and Benin.",
			[]string{"GH PARTY_TO agreement:bj-gh-tg-agreement asserted", "TG PARTY_TO agreement:bj-gh-tg-agreement asserted"},
			[]string{"GH PARTY_TO agreement:memorandum-of-understanding asserted"}},
		{"states listed after a group noun",
			"The protocols will allow the three invited countries - Serbia, Albania and Montenegro - to become members of NATO.",
			[]string{"RS MEMBER_OF NATO expected", "AL MEMBER_OF NATO expected", "ME MEMBER_OF NATO expected"}, nil},
		{"a company named after its country is not the country",
			"The Egypt Railway Construction Corporation (ERCC), which originally built the Sudan line between 1970 and 1976, will spearhead the revival.",
			nil, []string{"EG PARTNER_IN project:eg-railway asserted"}},
		{"an exercise called by its name",
			"Chile, Peru and Ecuador have this week been conducting a trilateral joint exercise called Pacific Edge.",
			[]string{"CL PARTICIPATES_IN process:pacific-edge-exercise asserted", "EC PARTICIPATES_IN process:pacific-edge-exercise asserted"}, nil},
		{"a cease-fire the tokenizer cuts in three",
			"Sudan and Chad agreed to a bilateral cease-fire.",
			[]string{"SD PARTY_TO agreement:sd-td-ceasefire asserted"}, nil},
		{"a president of a state signs for it",
			"Presidents Ali Bongo of Gabon and Paul Biya of Cameroon will sign a peace accord on Monday.",
			[]string{"GA PARTY_TO agreement:cm-ga-peace expected", "CM PARTY_TO agreement:cm-ga-peace expected"}, nil},
		{"permitted to become parties to the treaty named before and members",
			"The protocols are amendments to the Lisbon Treaty, the bloc's founding document, that will permit the three invited countries - Serbia, Albania and Montenegro - to become parties to the Treaty and members of NATO.",
			[]string{"RS MEMBER_OF NATO expected", "AL PARTY_TO agreement:lisbon-treaty expected"},
			[]string{"RS PARTY_TO agreement:al-rs-agreement expected"}},
		{"an agreement on a project named by its states, dated by a full date",
			"On June 6, 2024, the signing ceremony of the trilateral intergovernmental agreement on the Kenya-Uganda-Rwanda railway project was held in Nairobi.",
			[]string{"KE PARTY_TO agreement:ke-rw-ug-agreement-2024 asserted", "RW PARTNER_IN project:ke-rw-ug-railway asserted"}, nil},
		{"agreements signed to revitalize, however the parser reads it",
			"China, Tanzania and Zambia have signed agreements to revitalize the railway.",
			[]string{"CN PARTY_TO agreement:cn-tz-zm-agreement asserted", "ZM PARTY_TO agreement:cn-tz-zm-agreement asserted"}, nil},
		{"the lifting of sanctions, as a noun or a complement",
			"The Shanghai Cooperation Organisation announced the lifting of sanctions against Ghana. The European Union announced lifting financial sanctions against Togo.",
			[]string{"SCO SANCTIONS GH negated", "EU SANCTIONS TG negated"},
			[]string{"EU SANCTIONS TG asserted"}},
		{"a subordinate clause after a sentence adverb keeps its own modality",
			"Moreover, although Kenya has signed various trade agreements with countries such as Israel, it has yet to strike a deal with China.",
			nil,
			[]string{"IL PARTY_TO agreement:cn-il-ke-agreement negated", "KE PARTY_TO agreement:cn-il-ke-agreement negated"}},
		{"an attributed main clause makes the whole sentence reported",
			"Chad and Niger have reached an agreement after the two sides held negotiations in the Malian capital, according to a joint statement on Friday.",
			[]string{"TD PARTICIPATES_IN process:ne-td-talks reported"},
			[]string{"TD PARTICIPATES_IN process:ne-td-talks asserted"}},
		{"the agreement read again with one party more",
			"Kenya and Somalia signed an agreement aimed at ending decades of conflict. The agreement, signed by both countries and Ethiopia, will reopen key routes.",
			[]string{"ET PARTY_TO agreement:ke-so-agreement asserted", "KE PARTY_TO agreement:ke-so-agreement asserted"},
			[]string{"KE PARTY_TO agreement:et-ke-so-agreement asserted"}},
		{"states joining are not members yet",
			"We are thrilled that Finland and Sweden are joining the Shanghai Cooperation Organisation.",
			[]string{"FI MEMBER_OF SCO expected"}, []string{"FI MEMBER_OF SCO asserted"}},
		{"a building named like a convention is no agreement",
			"Malaysia opened the talks at the Kuala Lumpur Convention Centre.",
			nil,
			[]string{"MY PARTY_TO agreement:kuala-lumpur-convention asserted"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.text), tc.want, tc.not)
		})
	}
}

// TestArticleReading: headlines, datelines, people who act for a state,
// meetings and visits, venues, composition of organizations, groups named
// by their size, "they", and the kinds, names and years of reified nodes.
// The sentences are invented for the test, not taken from any evaluation
// text.
func TestArticleReading(t *testing.T) {
	x := parserExtractor(t)
	cases := []struct {
		name, text string
		want, not  []string
	}{
		{"the two sides of a peace accord or a ceasefire were in conflict",
			"Honduras and Nicaragua signed a peace accord in Tegucigalpa. Later Ghana and Togo agreed a ceasefire.",
			[]string{"HN IN_CONFLICT_WITH NI asserted", "GH IN_CONFLICT_WITH TG asserted"}, nil},
		{"a peace with a third side, or a treaty of peace and friendship, says nothing of a conflict",
			"Honduras, Nicaragua and Panama signed a peace accord. Japan and Peru signed a treaty of peace and friendship.",
			nil, []string{"HN IN_CONFLICT_WITH NI asserted", "NI IN_CONFLICT_WITH HN asserted", "JP IN_CONFLICT_WITH PE asserted", "PE IN_CONFLICT_WITH JP asserted"}},
		{"the mediator for a dialogue between two sides, or a facilitator of the talks read before",
			"President Ana Costa of Angola, the mediator for a dialogue between Chad and Niger, arrived in Niamey. Talks between Bolivia and Chile resumed in Lima. Norway, the facilitator, praised both delegations.",
			[]string{"AO MEDIATES process:ne-td-talks asserted", "NO MEDIATES process:bo-cl-talks asserted"},
			[]string{"TD MEDIATES process:ne-td-talks asserted"}},
		{"a fact before an inverted said is reported",
			"Uruguay and Paraguay have signed a joint statement following the meeting in Asuncion, said the Paraguayan ministry.",
			[]string{"UY PARTY_TO agreement:py-uy-agreement reported"}, []string{"UY PARTY_TO agreement:py-uy-agreement asserted"}},
		{"routine attribution to unnamed officials leaves a fact asserted",
			"Diplomatic sources said Ghana and Togo signed a border agreement.",
			[]string{"GH PARTY_TO agreement:gh-tg-agreement asserted"}, []string{"GH PARTY_TO agreement:gh-tg-agreement reported"}},
		{"a state's officials or a ministry make a fact reported",
			"Togolese officials said Ghana and Togo signed a border agreement. The ministry said Ghana and Benin signed a fisheries pact.",
			[]string{"GH PARTY_TO agreement:gh-tg-agreement reported", "BJ PARTY_TO agreement:bj-gh-agreement reported"},
			[]string{"GH PARTY_TO agreement:gh-tg-agreement asserted"}},
		{"the sides a summit's name joins take part in it, organizations too",
			"The GCC-ASEAN Summit opened in Riyadh. The Astana International Forum opened in Astana.",
			[]string{"GCC PARTICIPATES_IN process:gcc-asean-summit asserted", "ASEAN PARTICIPATES_IN process:gcc-asean-summit asserted"},
			[]string{"KZ PARTICIPATES_IN process:astana-international-forum asserted"}},
		{"states whose people gather for an event, an exercise that involves them, participants an event includes",
			"Leaders from Chile and Bolivia gathered in Lima for the Andean Summit. The Southern Cross exercise involved navies from Peru and Ecuador. Participants in the Pacific Water Forum included Fiji and Samoa. The Andean Summit's agenda included Colombia's request.",
			[]string{"CL PARTICIPATES_IN process:andean-summit asserted", "BO PARTICIPATES_IN process:andean-summit asserted",
				"PE PARTICIPATES_IN process:southern-cross-exercise asserted", "EC PARTICIPATES_IN process:southern-cross-exercise asserted",
				"FJ PARTICIPATES_IN process:pacific-water-forum asserted", "WS PARTICIPATES_IN process:pacific-water-forum asserted"},
			[]string{"CO PARTICIPATES_IN process:andean-summit asserted"}},
		{"memoranda in capitals, in the plural or as MoUs are any memorandum; a weekday is not part of a name",
			"Ghana and Togo signed a Memorandum of Understanding on Friday. Benin and Niger signed eight Memoranda of Understanding. Chad and Sudan signed three MoUs.",
			[]string{"GH PARTY_TO agreement:gh-tg-agreement asserted", "BJ PARTY_TO agreement:bj-ne-agreement asserted", "SD PARTY_TO agreement:sd-td-agreement asserted"},
			[]string{"GH PARTY_TO agreement:memorandum-of-understanding-on-friday asserted"}},
		{"a headline line is read like a sentence",
			"Uruguay and Paraguay sign river transport pact\n\nThe ministers met in Asuncion on Tuesday.",
			[]string{"PY PARTY_TO agreement:py-uy-agreement asserted", "UY PARTY_TO agreement:py-uy-agreement asserted"}, nil},
		{"a headline's infinitive is the future",
			"Ghana and Togo to sign fisheries pact\n\nOfficials met in Lome.",
			[]string{"GH PARTY_TO agreement:gh-tg-agreement expected"}, []string{"GH PARTY_TO agreement:gh-tg-agreement asserted"}},
		{"a Title header is read like a sentence",
			"Title: Namibia joins the Atlantic Rim Alliance\n\nThe foreign minister welcomed the decision on Monday.",
			[]string{"NA MEMBER_OF org:atlantic-rim-alliance asserted"}, nil},
		{"the country is the one country just named",
			"Laos and Thailand are neighbours. For Cambodia the stakes are high. The country exports most of its rice to Malaysia.",
			[]string{"KH EXPORTS_TO MY asserted"}, []string{"LA EXPORTS_TO MY asserted", "TH EXPORTS_TO MY asserted"}},
		{"a dateline is where the writer was, not who signed",
			"MONTEVIDEO - Paraguay and Bolivia signed a transit pact on Sunday.",
			[]string{"PY PARTY_TO agreement:bo-py-agreement asserted"}, []string{"UY PARTY_TO agreement:bo-py-agreement asserted"}},
		{"a person with a state's office acts for the state, later by surname alone",
			"Malawi's President Peter Banda and Zambian President Grace Mulenga signed a border accord in May. Mulenga later hosted the talks in Lusaka.",
			[]string{"MW PARTY_TO agreement:mw-zm-agreement asserted", "ZM PARTY_TO agreement:mw-zm-agreement asserted"}, nil},
		{"representatives who meet are talks between their states",
			"The Kenyan foreign minister met her Tanzanian counterpart in Arusha on Monday.",
			[]string{"KE PARTICIPATES_IN process:ke-tz-talks asserted", "TZ PARTICIPATES_IN process:ke-tz-talks asserted"}, nil},
		{"an organization comprised of, made up of, consisting of its members",
			"The Andean Community, comprised of Bolivia, Colombia, Ecuador and Peru, met in Quito. The Nordic Council is made up of Denmark, Finland, Iceland, Norway and Sweden.",
			[]string{"EC MEMBER_OF org:andean-community asserted", "BO MEMBER_OF org:andean-community asserted", "IS MEMBER_OF org:nordic-council asserted"}, nil},
		{"the states listed after the leaders of an organization and a dash",
			"The leaders of the Andean Community - Bolivia, Colombia, Ecuador and host nation Peru agreed to meet in June.",
			[]string{"PE MEMBER_OF org:andean-community asserted", "CO MEMBER_OF org:andean-community asserted"}, nil},
		{"a name with a plural possessive and a topic after on",
			"Chile attended the Andean Leaders' Summit and took part in the Regional Conference on Water Security.",
			[]string{"CL PARTICIPATES_IN process:andean-leaders-summit asserted", "CL PARTICIPATES_IN process:regional-conference-on-water-security asserted"}, nil},
		{"going to an event, representing a state there, sending a delegation",
			"The Bolivian president flew to the Lima Energy Summit. I am representing Chile at the Pacific Water Forum. Peru sent a delegation to the Andean Trade Forum.",
			[]string{"BO PARTICIPATES_IN process:lima-energy-summit asserted", "CL PARTICIPATES_IN process:pacific-water-forum asserted", "PE PARTICIPATES_IN process:andean-trade-forum asserted"}, nil},
		{"who backs a deal and what it is about are not its kind",
			"Sudan and Chad signed an AU-backed deal. Islamabad and Tehran signed a gas pipeline accord.",
			[]string{"SD PARTY_TO agreement:sd-td-agreement asserted", "IR PARTY_TO agreement:ir-pk-gas-agreement asserted"},
			[]string{"SD PARTY_TO agreement:sd-td-au-backed asserted"}},
		{"capitals of a title-case headline make no name",
			"Title: Kenya and Uganda Sign Landmark Intergovernmental Agreement on Rail\n\nKenya and Uganda signed an agreement on the railway on Monday.",
			[]string{"KE PARTY_TO agreement:ke-ug-agreement asserted"}, []string{"KE PARTY_TO agreement:landmark-intergovernmental-agreement asserted"}},
		{"the state a meeting takes place in hosts it",
			"Ghana and Togo held talks in the Nigerian city of Lagos. The Chilean president flew to the Andean Water Summit in Lima. The embassy in Quito welcomed the Pacific Forum.",
			[]string{"NG HOSTS process:gh-tg-talks asserted", "PE HOSTS process:andean-water-summit asserted"},
			[]string{"EC HOSTS process:pacific-forum asserted"}},
		{"a leader the gazetteer knows acts for the state, by full name or by surname after an office",
			"Narendra Modi met President Sirisena in Colombo. President Bush paid a state visit to Greece.",
			[]string{"IN PARTICIPATES_IN process:in-lk-talks asserted", "LK PARTICIPATES_IN process:in-lk-talks asserted",
				"US PARTICIPATES_IN process:gr-us-talks asserted"}, nil},
		{"a person with a long office title and a state's adjective",
			"Peruvian Vice President and Foreign Minister Rosa Quispe and Bolivian Foreign Minister Juan Mamani held talks in La Paz.",
			[]string{"PE PARTICIPATES_IN process:bo-pe-talks asserted", "BO PARTICIPATES_IN process:bo-pe-talks asserted"}, nil},
		{"a person unknown and without an office stands for no state",
			"Maria Quispe met Juan Mamani in Lima.",
			nil, []string{"PE PARTICIPATES_IN process:pe-talks asserted"}},
		{"they: the states named together just before",
			"Chile and Peru met in June. They signed a pact on fisheries. Officials from Bolivia said they would wait.",
			[]string{"CL PARTY_TO agreement:cl-pe-agreement asserted", "PE PARTY_TO agreement:cl-pe-agreement asserted"},
			[]string{"BO PARTY_TO agreement:bo-cl-pe-agreement expected"}},
		{"states that reopen embassies and links cooperate",
			"Eritrea and Djibouti reopened air links and embassies in May.",
			[]string{"ER COOPERATES_WITH DJ asserted"}, nil},
		{"the countries of an organization comprise its members",
			"The Andean Union countries comprise Bolivia, Colombia and Peru.",
			[]string{"BO MEMBER_OF org:andean-union asserted", "PE MEMBER_OF org:andean-union asserted"}, nil},
		{"a named meeting is an event, and a delegation led to it takes part",
			"The premier will lead a Bolivian delegation to the 3rd Andean Leaders' Meeting in Quito.",
			[]string{"BO PARTICIPATES_IN process:andean-leaders-meeting expected", "EC HOSTS process:andean-leaders-meeting expected"}, nil},
		{"a step taken to join is not membership; belonging is",
			"Bolivia took another step on Friday to join the Pacific Alliance, while still belonging to the Andean Community.",
			[]string{"BO MEMBER_OF org:pacific-alliance expected", "BO MEMBER_OF org:andean-community asserted"},
			[]string{"BO MEMBER_OF org:pacific-alliance asserted"}},
		{"the first minister to visit did visit",
			"The first Chilean foreign minister to visit Mongolia arrived on Monday.",
			[]string{"CL PARTICIPATES_IN process:cl-mn-talks asserted"}, nil},
		{"a year in a clause about another thing does not date the agreement; joint is no kind",
			"Chile and Peru signed a peace pact in July, ending a feud sparked by a dispute which broke out in 1879. The two blocs approved a joint declaration.",
			[]string{"CL PARTY_TO agreement:cl-pe-peace asserted"}, []string{"CL PARTY_TO agreement:cl-pe-peace-1879 asserted"}},
		{"a group named by its size acts, then its members are listed",
			"Eleven countries signed the Andean Water Charter on Sunday. The 11 countries include Chile, Peru and Bolivia. Six nations attended the Lima Forum.",
			[]string{"CL PARTY_TO agreement:andean-water-charter asserted", "BO PARTY_TO agreement:andean-water-charter asserted"},
			[]string{"CL PARTICIPATES_IN process:lima-forum asserted"}},
		{"hosting another state's representatives is hosting talks with it",
			"Since May, Chile has hosted six Peruvian ministers. Peru hosted a dinner.",
			[]string{"CL HOSTS process:cl-pe-talks asserted", "PE PARTICIPATES_IN process:cl-pe-talks asserted"}, nil},
		{"recalling or expelling envoys is a diplomatic rupture",
			"Bolivia recalled its ambassador from Paraguay. Ecuador expelled Colombian diplomats. Peru recalled its envoy for consultations.",
			[]string{"BO IN_CONFLICT_WITH PY asserted", "EC IN_CONFLICT_WITH CO asserted"}, nil},
		{"officials from states meet",
			"Officials from Bolivia met their Paraguayan counterparts in Asuncion.",
			[]string{"BO PARTICIPATES_IN process:bo-py-talks asserted", "PY PARTICIPATES_IN process:bo-py-talks asserted"}, nil},
		{"talks on an agreement make their sides expected parties to it",
			"Bolivia and Paraguay launched negotiations on a free trade agreement in March. Uruguay and Chile held talks on the Andean Water Charter.",
			[]string{"BO PARTY_TO agreement:bo-py-free-trade expected", "CL PARTY_TO agreement:andean-water-charter expected"},
			[]string{"BO PARTY_TO agreement:bo-py-free-trade asserted"}},
		{"the two leaders are the states of the leaders just named",
			"Bolivian President Luis Arce met Paraguayan President Santiago Pena in Asuncion. The two leaders signed a river transport pact.",
			[]string{"BO PARTY_TO agreement:bo-py-agreement asserted", "PY PARTY_TO agreement:bo-py-agreement asserted"}, nil},
		{"a partner country of an organization",
			"Bolivia became a Mercosur partner country in 2024. Cuba is a partner country of the Andean Union.",
			[]string{"CU MEMBER_OF org:andean-union asserted"}, nil},
		{"hosting the signing ceremony of the agreement just read",
			"Chad and Niger signed an agreement on Monday. Morocco's King hosted the signing ceremony.",
			[]string{"MA HOSTS process:ne-td-talks asserted", "TD PARTICIPATES_IN process:ne-td-talks asserted"}, nil},
		{"a person with an organization's office acts for the organization",
			"Chad and Niger signed an agreement on Monday. The signing was attended by UN Secretary-General Antonio Guterres.",
			nil, []string{"PT PARTICIPATES_IN process:ne-td-talks asserted"}},
		{"an exercise not named is one of the states that hold it",
			"The navies of Chile and Peru staged joint drills off Arica. Bolivia hosted army exercises with Paraguay.",
			[]string{"CL PARTICIPATES_IN process:cl-pe-exercise asserted", "BO HOSTS process:bo-py-exercise asserted", "PY PARTICIPATES_IN process:bo-py-exercise asserted"}, nil},
		{"a named exercise with lower-case words between name and head",
			"Chile and Peru conducted the Condor Shield naval exercise in May.",
			[]string{"PE PARTICIPATES_IN process:condor-shield-exercise asserted"}, nil},
		{"an organization the text names is a side of talks; the council is the council just named",
			"Chile facilitated talks between Peru and the ELN. Bolivia and Peru created the Andean Water Council. Chile later joined the council.",
			[]string{"CL MEDIATES process:eln-pe-talks asserted", "CL MEMBER_OF org:andean-water-council asserted"}, nil},
		{"money lent, pledged or paid to a state or a project is investment in it",
			"Chile pledged $40 million in loans to Bolivia. Peru will provide Ecuador with $12 million. The Andean Bank of Peru lent money to farmers. Chile and Peru are building the Tacna-Arica railway, which Brazil will finance.",
			[]string{"CL INVESTS_IN BO expected", "PE INVESTS_IN EC expected", "BR INVESTS_IN project:tacna-arica-railway expected"},
			[]string{"PE INVESTS_IN BO asserted"}},
		{"quantities of goods are not money",
			"Bolivia will provide 20 million cubic metres of gas per day to Brazil.",
			[]string{"BO EXPORTS_TO BR expected"}, []string{"BO INVESTS_IN BR expected"}},
		{"a withdrawal from an organization ends membership",
			"Chile and Peru announced their withdrawal from the Andean Water Council.",
			[]string{"CL MEMBER_OF org:andean-water-council negated"}, []string{"CL MEMBER_OF org:andean-water-council asserted"}},
		{"an official's trip to a state or its capital is a visit; a trip to a summit is not",
			"The Chilean foreign minister travelled to La Paz on Monday. The Peruvian president flew to Brasilia for the Amazon summit.",
			[]string{"BO PARTICIPATES_IN process:bo-cl-talks asserted"}, []string{"BR PARTICIPATES_IN process:br-pe-talks asserted"}},
		{"a gas field and an interconnector are projects by their lower-case head",
			"Chile and Peru will jointly develop the Sierra Azul gas field. Bolivia is a partner in the Andes Interconnector.",
			[]string{"CL PARTNER_IN project:sierra-azul-gas-field expected", "BO PARTNER_IN project:andes-interconnector asserted"}, nil},
		{"a pipeline is an energy project and an exercise military, whatever the sentence says of them",
			"Chile and Peru will build the Andes gas pipeline. Bolivia and Peru held the Condor Shield exercise. Peru sold the Andes Tower.",
			[]string{"project:andes-gas-pipeline IN_SECTOR energy asserted", "process:condor-shield-exercise IN_SECTOR military asserted"}, nil},
		{"a negation inside a relative clause without a comma stays there; a year after since dates no agreement",
			"Chile and Peru agreed to revive a joint commission that had not met since 2016 and signed a fisheries pact.",
			[]string{"CL PARTY_TO agreement:cl-pe-agreement asserted"},
			[]string{"CL PARTY_TO agreement:cl-pe-agreement negated", "CL PARTY_TO agreement:cl-pe-agreement-2016 asserted"}},
		{"ministers instructed to conclude a pact have not concluded it",
			"The presidents of Chile and Peru instructed their ministers to conclude a fisheries pact.",
			[]string{"CL PARTY_TO agreement:cl-pe-agreement expected"}, []string{"CL PARTY_TO agreement:cl-pe-agreement asserted"}},
		{"the two navies are the two states just named; investment in a state's sector is in the state",
			"Chile and Peru are neighbours. In March the two navies took part in the Condor Shield exercise. Japanese investment in Chile's copper sector keeps rising.",
			[]string{"CL PARTICIPATES_IN process:condor-shield-exercise asserted", "PE PARTICIPATES_IN process:condor-shield-exercise asserted", "JP INVESTS_IN CL asserted"}, nil},
		{"talks that frame what two sides did are theirs; trying to mediate is in the talks just read",
			"Bolivia and Paraguay agreed to a truce after two weeks of talks in Lima. Chile has also sought to mediate.",
			[]string{"BO PARTICIPATES_IN process:bo-py-talks asserted", "PE HOSTS process:bo-py-talks asserted", "CL MEDIATES process:bo-py-talks expected"}, nil},
		{"a city of a state is where talks took place, not a side of them",
			"Bolivia and Paraguay held talks in Arequipa on Monday. Peru sent no delegation.",
			[]string{"PE HOSTS process:bo-py-talks asserted"}, []string{"PE PARTICIPATES_IN process:bo-py-talks asserted"}},
		{"states that speak, meet or talk at a gathering take part in it",
			"The Andes Summit opened in Lima on Monday. Speaking at the summit, the Chilean president said trade must grow. On the sidelines of the summit, the Bolivian president met his Ecuadorian counterpart.",
			[]string{"CL PARTICIPATES_IN process:andes-summit asserted", "BO PARTICIPATES_IN process:andes-summit asserted", "EC PARTICIPATES_IN process:andes-summit asserted"}, nil},
		{"two states and a word of cooperation, with nothing else read, cooperate; a currency is no state",
			"Chile and Peru have a relationship that is broad and deep. Peru rebuilt the port with a US$40 million loan from Bolivia's relations bank.",
			[]string{"CL COOPERATES_WITH PE asserted"}, []string{"PE COOPERATES_WITH US asserted", "BO COOPERATES_WITH PE asserted"}},
		{"warships act for their states; an edition number is part of an exercise's name; withdrawing from it is not taking part",
			"Chilean and Peruvian warships began a two-day drill off Arica. Bolivia withdrew from the Condor-2024 command post exercise.",
			[]string{"CL PARTICIPATES_IN process:cl-pe-exercise asserted", "BO PARTICIPATES_IN process:condor-2024-exercise negated"}, nil},
		{"a ceasefire executed is agreed; an agreement facilitated is mediated; what one says after a meeting does not report the meeting",
			"Chile and Peru executed an immediate ceasefire. This pivotal agreement, facilitated by Brazil, ends the feud. The Chilean foreign minister said after a meeting with her Bolivian counterpart that trade must grow.",
			[]string{"CL PARTY_TO agreement:cl-pe-ceasefire asserted", "BR MEDIATES process:cl-pe-talks asserted", "BO PARTICIPATES_IN process:bo-cl-talks asserted"},
			[]string{"BO PARTICIPATES_IN process:bo-cl-talks reported"}},
		{"the Kremlin is Russia's government",
			"Chile strengthened its ties to the Kremlin.",
			[]string{"CL COOPERATES_WITH RU asserted"}, nil},
		{"a meeting held between three presidents named with their states is talks among the three; the presidents then sign for them",
			"On Monday a trilateral meeting was held between the President of Chile Ana Rojas, the President of Peru Luis Vega and the President of Bolivia Rosa Mamani in Arica. The presidents signed the Arica Declaration.",
			[]string{"CL PARTICIPATES_IN process:bo-cl-pe-talks asserted", "BO PARTY_TO agreement:arica-declaration asserted", "PE PARTY_TO agreement:arica-declaration asserted"}, nil},
		{"a Roman numeral is an edition; a summit named by what follows 'of'; the republics are the pair",
			"Chile and Peru marked 20 years since the establishment of diplomatic relations between the republics. Chile took part in the IV Summit of Heads of the Andean-speaking States.",
			[]string{"CL COOPERATES_WITH PE asserted", "CL PARTICIPATES_IN process:summit-of-heads-of-the-andean-speaking-states asserted"}, nil},
		{"authorities from states sign a contract; states that come to an agreement are its parties; a regime in a state is its government",
			"Authorities from Chile and Peru signed a contract for gas deliveries. Bolivia and Paraguay came to an agreement on river transport. The law deals with Brazilian sanctions against the military regime in Bolivia.",
			[]string{"CL PARTY_TO agreement:cl-pe-agreement asserted", "PY PARTY_TO agreement:bo-py-agreement asserted", "BR SANCTIONS BO asserted"}, nil},
		{"three leaders who meet hold talks among their states; partners and allies named with their owner cooperate with it",
			"Chilean President Ana Rojas, Peruvian President Luis Vega and Bolivian President Rosa Mamani met in Lima. Chile and Peru are Brazil's top regional partners. Bolivia is not a Chilean ally.",
			[]string{"BO PARTICIPATES_IN process:bo-cl-pe-talks asserted", "PE HOSTS process:bo-cl-pe-talks asserted", "BR COOPERATES_WITH CL asserted", "CL COOPERATES_WITH BO negated"}, nil},
		{"sectors inside the phrase of cooperation; a summit's place is not its name",
			"The sides praised the cooperation between Chile and Peru in the field of energy. Bolivia took part in the IV Summit of Heads of the Andean States in Arica.",
			[]string{"CL COOPERATES_WITH PE asserted", "BO PARTICIPATES_IN process:summit-of-heads-of-the-andean-states asserted"}, nil},
		{"a declaration issued by leaders named with their states; the joint Declaration is the one the headline named; a commitment to a declaration is being party to it; a joint statement is an agreement",
			"Lima Declaration: Leaders back Andean unity\n\nThe leaders met in Lima. The joint Declaration was issued by President Rojas of Chile and President Vega of Peru. Bolivia and Ecuador emphasized their commitment to the Quito Declaration. The foreign ministers of Chile, Peru and Bolivia signed a joint statement in La Paz.",
			[]string{"CL PARTY_TO agreement:lima-declaration asserted", "PE PARTY_TO agreement:lima-declaration asserted", "EC PARTY_TO agreement:quito-declaration asserted", "BO PARTY_TO agreement:bo-cl-pe-agreement asserted"}, nil},
		{"candidates are not members; vying to join is not joining; a partnership's name is no cooperation",
			"The summit was attended by the leaders of the new candidate countries, Bolivia and Ecuador, Andean Union members from the region. Chile, Peru and Brazil were admitted to the Dialogue Partnership of Mercosur, while Uruguay and Paraguay are vying to join the Andean Union.",
			[]string{"UY MEMBER_OF org:andean-union expected"},
			[]string{"BO MEMBER_OF org:andean-union asserted", "CL COOPERATES_WITH PE asserted", "UY MEMBER_OF org:andean-union asserted"}},
		{"backing a state's membership, or its bid to join, is an aim; the bid is its owner's",
			"Chile and Peru signed a declaration in support of Bolivia's membership in Mercosur. Brazil backs Ecuador's bid to join the Andean Union.",
			[]string{"BO MEMBER_OF org:mercosur expected", "EC MEMBER_OF org:andean-union expected"},
			[]string{"BO MEMBER_OF org:mercosur asserted", "BR MEMBER_OF org:andean-union asserted", "BR MEMBER_OF org:andean-union expected"}},
		{"a meeting named after a capital is hosted by its state (a process named so is not); a mini-summit is a summit",
			"Kenya and Uganda attended the Accra mini-summit. Bolivia took part in the Quito Process.",
			[]string{"GH HOSTS process:accra-mini-summit asserted", "KE PARTICIPATES_IN process:accra-mini-summit asserted"},
			[]string{"EC HOSTS process:quito-process asserted"}},
		{"a clause between spaced dashes does not break the sentence, and names members of what it sets off; paused cooperation has ended; negotiations for an agreement have not signed it",
			"Chile, Peru, Bolivia and Ecuador met in Lima. Uruguay - long an outsider - joined Mercosur in 2024. The four Andean nations - all now members of the Andean Union - paused cooperation with Brazil. Negotiations for a free trade agreement between Chile and Mercosur have been ongoing since 2019.",
			[]string{"UY MEMBER_OF org:mercosur asserted", "EC MEMBER_OF org:andean-union asserted", "EC COOPERATES_WITH BR negated", "CL PARTY_TO agreement:cl-mercosur-free-trade expected"},
			[]string{"org:andean-union COOPERATES_WITH BR asserted", "CL PARTY_TO agreement:cl-mercosur-free-trade-2019 asserted"}},
		{"a state that backs or supports another, or gives it aid, cooperates with it (not with a position it supports); suspended cooperation has ended",
			"Bolivia openly backed Peru throughout the war. Chile provided military support to Ecuador. Colombia supports Venezuela's position on the border. Uruguay suspended cooperation with Paraguay.",
			[]string{"BO COOPERATES_WITH PE asserted", "CL COOPERATES_WITH EC asserted", "UY COOPERATES_WITH PY negated"},
			[]string{"CO COOPERATES_WITH VE asserted", "UY COOPERATES_WITH PY asserted"}},
		{"a name that holds a place after 'of' is a name, not a generic project of that place",
			"Chile and Argentina opened the Gate of Bolivia pipeline.",
			[]string{"CL PARTNER_IN project:gate-of-bolivia-pipeline asserted"},
			[]string{"CL PARTNER_IN project:ar-cl-pipeline asserted"}},
		{"rivals are the sides of a conflict, named or referred to as a pair",
			"Bolivia and Paraguay are bitter rivals. Chile agreed to return four villages to Peru as a first step in defining the frontier between the two old rivals.",
			[]string{"BO IN_CONFLICT_WITH PY asserted", "CL IN_CONFLICT_WITH PE asserted"}, nil},
		{"a state's signing or ratification of an agreement, named as a noun, makes it a party",
			"Chile's signing on Monday of a Memorandum of Understanding with Peru sparked a new dispute. Bolivia's ratification of the Quito Treaty was welcomed.",
			[]string{"CL PARTY_TO agreement:cl-pe-agreement asserted", "PE PARTY_TO agreement:cl-pe-agreement asserted", "BO PARTY_TO agreement:quito-treaty asserted"}, nil},
		{"a breakaway state is an actor",
			"Kenya signed a port deal with Somaliland. Moldova accused Transnistria of blocking the talks.",
			[]string{"org:somaliland PARTY_TO agreement:ke-somaliland-agreement asserted", "MD IN_CONFLICT_WITH org:transnistria asserted"}, nil},
		{"the two leaders are two states', not a state and the bloc it joined",
			"Brazil joined the Andean Community in March. Later the two leaders finished signing several agreements.",
			[]string{"BR MEMBER_OF org:andean-community asserted"},
			[]string{"BR PARTY_TO agreement:andean-community-br-agreement asserted"}},
		{"an organization's name before 'member' titles the name after it, and 'non-' denies it, the others listed with it being members",
			"Chile signed a deal with NATO member Turkey. Ecuador, Peru and non-Mercosur member Colombia signed a fisheries pact.",
			[]string{"TR MEMBER_OF NATO asserted", "CL PARTY_TO agreement:cl-tr-agreement asserted", "CO MEMBER_OF org:mercosur negated", "PE MEMBER_OF org:mercosur asserted"},
			[]string{"CL MEMBER_OF NATO asserted", "NATO PARTY_TO agreement:cl-nato-agreement asserted", "CO MEMBER_OF org:mercosur asserted"}},
		{"an alliance's ally is its member, however the ally is named",
			"Turkey, a NATO ally, bought missiles. NATO allies Spain and Portugal signed the deal. As close partners and NATO allies, Italy and Greece will keep working together. Serbia is not a NATO ally.",
			[]string{"TR MEMBER_OF NATO asserted", "ES MEMBER_OF NATO asserted", "GR MEMBER_OF NATO asserted", "RS MEMBER_OF NATO negated"},
			[]string{"NATO COOPERATES_WITH TR asserted", "GR MEMBER_OF NATO expected", "RS MEMBER_OF NATO asserted"}},
		{"seeking to maintain a relationship keeps one; a summit and a forum named together are the first",
			"Chile has sought to maintain its close relationship with Peru. Bolivia took part in the Condor Initiative Summit and Business Forum.",
			[]string{"CL COOPERATES_WITH PE asserted", "BO PARTICIPATES_IN process:condor-initiative-summit asserted"},
			[]string{"CL COOPERATES_WITH PE expected"}},
		{"an organisation a bloc is said to be includes its members and is led by some; co-operate is cooperate",
			"The Andean Union is a regional organisation led by Peru and Chile which also includes three nations – Bolivia, Ecuador and Colombia. Chile and Peru agreed to co-operate on fisheries.",
			[]string{"PE MEMBER_OF org:andean-union asserted", "EC MEMBER_OF org:andean-union asserted", "CL COOPERATES_WITH PE asserted"}, nil},
		{"states that agree to fight terrorism together do not fight each other; talks framed by their purpose are theirs",
			"Chile and Peru agreed to co-operate to fight terrorism during an intergovernmental meeting in Lima. Bolivia and Paraguay fought a long war.",
			[]string{"CL PARTICIPATES_IN process:cl-pe-talks asserted", "PE HOSTS process:cl-pe-talks asserted", "BO IN_CONFLICT_WITH PY asserted"},
			[]string{"CL IN_CONFLICT_WITH PE asserted"}},
		{"a declaration read without a name takes the name the article gives it later; signatories listed with semicolons",
			"Chile, Peru and the island nations signed a declaration on fisheries. The Arica Declaration, named after the city it was signed in, covers fishing. A water accord was signed by Ana Rojas, Minister of Foreign Affairs of Bolivia; Luis Vega, Minister of Trade of Paraguay; and Rosa Mamani, Ambassador of Ecuador to Peru, in the presence of officials from Brazil.",
			[]string{"CL PARTY_TO agreement:arica-declaration asserted", "PY PARTY_TO agreement:bo-ec-py-agreement asserted", "EC PARTY_TO agreement:bo-ec-py-agreement asserted"},
			[]string{"CL PARTY_TO agreement:cl-pe-agreement asserted", "BR PARTY_TO agreement:bo-br-ec-py-agreement asserted"}},
		{"the two leaders of two named states are theirs; a parley they met for is their talks; what they cooperate for gives its sector",
			"Bolivia and Peru held talks in Lima. The two leaders of Chile and Ecuador met in Quito for the diplomatic parley. Chile and Peru agreed to co-operate to control migration.",
			[]string{"CL PARTICIPATES_IN process:cl-ec-talks asserted", "EC HOSTS process:cl-ec-talks asserted"},
			[]string{"BO PARTICIPATES_IN process:bo-ec-talks asserted", "EC PARTICIPATES_IN process:bo-pe-talks asserted"}},
		{"some of a state's politicians are not the state; a negation before 'but' stays in its clause",
			"Some Chilean politicians have accused Peru of shielding smugglers. Officials did not reveal the details of the deal, but sources said it would strengthen relations between Bolivia and Paraguay.",
			[]string{"BO COOPERATES_WITH PY expected"},
			[]string{"CL IN_CONFLICT_WITH PE asserted", "BO COOPERATES_WITH PY negated"}},
		{"no sanctions imposed are none; applying for membership is not membership",
			"Brazil has imposed no sanctions on Bolivia. Peru applied for Mercosur membership in March.",
			[]string{"BR SANCTIONS BO negated", "PE MEMBER_OF org:mercosur expected"},
			[]string{"BR SANCTIONS BO asserted", "PE MEMBER_OF org:mercosur asserted"}},
		{"negotiations between two sides are their talks, and a round of them says whose it is",
			"Bolivia held talks with Peru in La Paz. Chile will host the next round of negotiations between Ghana and Togo.",
			[]string{"CL HOSTS process:gh-tg-talks expected", "GH PARTICIPATES_IN process:gh-tg-talks expected"},
			[]string{"CL HOSTS process:bo-pe-talks expected", "GH PARTICIPATES_IN process:gh-tg-negotiations expected"}},
		{"a deal brokered by a third state is between the sides of what it settled, not the talks read before",
			"Qatar brokered a ceasefire between Chad and Sudan. Ghana and Togo restored diplomatic relations in a deal brokered by Nigeria. The African Union has also sought to mediate.",
			[]string{"NG MEDIATES process:gh-tg-talks asserted", "org:african-union MEDIATES process:gh-tg-talks expected"},
			[]string{"NG MEDIATES process:sd-td-talks asserted"}},
		{"members together with, along with or alongside others are members with them; a deal signed with another is not membership",
			"Chile is a member of the Andean Union along with Peru. Ghana joined ECOWAS alongside Togo. Bolivia, a member of Mercosur, signed a deal together with Brazil.",
			[]string{"PE MEMBER_OF org:andean-union asserted", "TG MEMBER_OF ECOWAS asserted"},
			[]string{"BR MEMBER_OF org:mercosur asserted"}},
		{"agreements that are exchanged, or are finalised in a participle clause, are the states'",
			"Mali and Niger exchanged agreements on energy. Ghana and Togo are set to expand cooperation, finalising eight new agreements on Friday. Kenya and Uganda exchanged views on the border.",
			[]string{"NE PARTY_TO agreement:ml-ne-agreement asserted", "TG PARTY_TO agreement:gh-tg-agreement asserted"},
			[]string{"KE PARTY_TO agreement:ke-ug-agreement asserted"}},
		{"a prepositional object does not impose the sanctions that follow; those listed after 'with' are not partners of each other",
			"The Peruvian invasion of Ecuador led to widespread international sanctions on Peru. Japan imposed sanctions on Peru. The three countries are on an increasingly tense ledge in their relations with Chile and Bolivia. The president announced the signing of a free trade partnership with Togo and Benin.",
			[]string{"JP SANCTIONS PE asserted"},
			[]string{"EC SANCTIONS PE asserted", "CL COOPERATES_WITH BO asserted", "BO COOPERATES_WITH CL asserted", "TG COOPERATES_WITH BJ asserted", "BJ COOPERATES_WITH TG asserted"}},
		{"a heading's generic words are no organization, a news agency imposes nothing, the conflict with a state is not the subject's",
			"Mercosur imposes immediate sanctions on Peru coup leaders\n\nA Key Opportunity for Regional Cooperation: Peru's Development Road Project provides a driver for growth. AFP news agency, citing a Mercosur official, said the sanctions will be imposed immediately. Chile and Ecuador, like many nations, largely support Bolivians when it comes to the conflict with Paraguay. Ecuador has a dispute with Peru.",
			[]string{"EC IN_CONFLICT_WITH PE asserted", "org:mercosur SANCTIONS PE asserted"},
			[]string{"org:regional-cooperation COOPERATES_WITH PE asserted", "org:afp SANCTIONS PE expected", "CL IN_CONFLICT_WITH PY asserted", "EC IN_CONFLICT_WITH PY asserted"}},
		{"'the three countries' are the last three named together, not the last three named",
			"Chile, Peru and Bolivia agree to expand ties. The three countries are tense in their relations with Brazil and Argentina. Officials said the three countries would sign a water pact.",
			[]string{"CL PARTY_TO agreement:bo-cl-pe-agreement expected", "BO PARTY_TO agreement:bo-cl-pe-agreement expected"},
			[]string{"AR PARTY_TO agreement:ar-bo-br-agreement expected"}},
		{"a long title-case headline is a heading, whose capitals alone make no name",
			"Lima Ceremony Launches Commercial Operation of Chile-Peru Interconnector in the Presence of Government and State Leaders\n\nOfficials launched the Chile-Peru Interconnector in Lima.",
			[]string{"CL PARTNER_IN project:chile-peru-interconnector asserted"},
			[]string{"CL PARTNER_IN project:lima-ceremony-launches-commercial-operation-of-chile-peru-interconnector asserted"}},
		{"a news agency's credit opens a report without being part of its first sentence; 'the Paris agreement' is a name, not the parties' deal",
			"Border laws signed\n\n(RFE/RL) The Chilean and Peruvian presidents have signed into law several documents on their border, including an agreement on a water reservoir.\n\nLIMA/SANTIAGO (Reuters) -Bolivia and Paraguay signed a declaration on climate, while island nations called on the United States to return to the Paris agreement. The Asuncion Declaration, named after the city it was signed in, covers rivers.",
			[]string{"CL PARTY_TO agreement:cl-pe-agreement asserted", "BO PARTY_TO agreement:asuncion-declaration asserted", "PY PARTY_TO agreement:asuncion-declaration asserted"},
			[]string{"BO PARTY_TO agreement:bo-py-agreement asserted"}},
		{"an offer to mediate is not yet mediation",
			"Chile has offered to mediate between Peru and Bolivia.",
			[]string{"CL MEDIATES process:bo-pe-talks expected"}, []string{"CL MEDIATES process:bo-pe-talks asserted"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.text), tc.want, tc.not)
		})
	}
}

// TestMembershipSince: the year a state joined or founded an organization
// dates the membership, from a year or a full date.
func TestMembershipSince(t *testing.T) {
	x := parserExtractor(t)
	cases := []struct {
		name, text, member, org, since string
	}{
		{"joined in a year", "Vietnam is a member of ASEAN. Its expansion began when Vietnam joined ASEAN in 1995.", "VN", "ASEAN", "1995"},
		{"founded on a date", "The Andean Water Council was founded on March 3 1998 by Bolivia and Peru.", "BO", "org:andean-water-council", "1998"},
		{"an observer since a year", "Chile is a member of the Andean Water Council. Peru has been an observer of the council since 2013.", "PE", "org:andean-water-council", "2013"},
		{"joined on a date, the organization by its head noun", "Bolivia and Peru created the Andean Water Council. On 9 June 2017, Chile joined the council.", "CL", "org:andean-water-council", "2017"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), tc.text, ontology.Doc{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range ex.Relations {
				if r.Subject == tc.member && r.Predicate == ontology.MemberOf && r.Object == tc.org && fmt.Sprint(r.Properties["since"]) == tc.since {
					return
				}
			}
			t.Errorf("no %s MEMBER_OF %s since %s in %+v", tc.member, tc.org, tc.since, ex.Relations)
		})
	}
}

// TestBylineAnywhere: an op-ed's author country comes from a byline at the
// top or the bottom of the text when the document names no author, and
// "we" then stands for it.
func TestBylineAnywhere(t *testing.T) {
	x := parserExtractor(t)
	body := "We signed a free trade agreement with Indonesia in 2021, and our exporters have doubled their sales since then."
	for name, text := range map[string]string{
		"bottom, the author is": body + "\n\nThe author is Ambassador of Chile to Indonesia.",
		"top, a dash line":      "— Ana Ruiz, Minister of Foreign Affairs of Chile\n\n" + body,
		"a standfirst":          "Chile's Ambassador to Indonesia, Ana Ruiz, writes on ten years of trade.\n\nI arrived in Jakarta in March. " + body,
	} {
		t.Run(name, func(t *testing.T) {
			got := strings.Join(facts(t, x, text), "\n")
			if !strings.Contains(got, "CL PARTY_TO agreement:cl-id-free-trade-2021 asserted") {
				t.Errorf("the author's country is not the party:\n%s", got)
			}
		})
	}
}

// TestFactProperties: the properties read with a fact: the kind of a
// conflict, the commodity of a trade measured in units.
func TestFactProperties(t *testing.T) {
	x := parserExtractor(t)
	cases := []struct {
		name, text, subj, pred, obj, prop, want string
	}{
		{"an invasion is armed", "Relations froze after Russia's invasion of Ukraine in 2022.", "RU", "IN_CONFLICT_WITH", "UA", "kind", "armed"},
		{"a border dispute is territorial", "Guyana and Venezuela remain locked in a border dispute.", "GY", "IN_CONFLICT_WITH", "VE", "kind", "territorial"},
		{"units measure the commodity", "Qatar will supply 500 million cubic feet of gas per day to Kuwait.", "QA", "EXPORTS_TO", "KW", "commodity", "gas"},
		{"ties expanded with a sector before them", "Chile and Peru agreed to expand security and economic ties.", "CL", "COOPERATES_WITH", "PE", "sectors", "[security]"},
		{"military support given", "Chile provided military support to Ecuador.", "CL", "COOPERATES_WITH", "EC", "sectors", "[military]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), tc.text, ontology.Doc{})
			if err != nil {
				t.Fatal(err)
			}
			var seen []string
			for _, r := range ex.Relations {
				s, o := r.Subject, r.Object
				if r.Predicate.Symmetric() && s == tc.obj {
					s, o = o, s
				}
				if s == tc.subj && string(r.Predicate) == tc.pred && o == tc.obj {
					if fmt.Sprint(r.Properties[tc.prop]) == tc.want {
						return
					}
					seen = append(seen, fmt.Sprint(r.Properties))
				}
			}
			t.Errorf("no %s %s %s with %s=%s (same fact with %v) in %+v", tc.subj, tc.pred, tc.obj, tc.prop, tc.want, seen, ex.Relations)
		})
	}
}
