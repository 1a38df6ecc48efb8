package extract

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
)

// TestGeneralRules covers the argument structures the rules read beyond
// the simple active sentence: passives, appositions, aliases, relative
// clauses, participles, coordination and coreference.
func TestGeneralRules(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name          string
		in            string
		want, notWant []string
	}{
		{"passive signing", "In May 2024 a ten-year agreement on the terminal was signed by India and Iran.",
			[]string{"IN PARTY_TO agreement:in-ir-agreement-2024 asserted", "IR PARTY_TO agreement:in-ir-agreement-2024 asserted"}, nil},
		{"passive signing of a named agreement with representatives", "The Declaration of Principles was signed in Khartoum by the leaders of Egypt, Ethiopia and Sudan.",
			[]string{"EG PARTY_TO agreement:declaration-of-principles asserted", "SD PARTY_TO agreement:declaration-of-principles asserted"}, nil},
		{"joined by", "The Abraham Accords, signed by Israel and Bahrain, were later joined by Morocco.",
			[]string{"IL PARTY_TO agreement:abraham-accords asserted", "MA PARTY_TO agreement:abraham-accords asserted"}, nil},
		{"not joined", "Saudi Arabia has not joined the Abraham Accords.",
			[]string{"SA PARTY_TO agreement:abraham-accords negated"}, nil},
		{"passive building", "The Rasht-Astara railway is being financed by Russia.",
			[]string{"RU PARTNER_IN project:rasht-astara-railway asserted"}, nil},
		{"apposition names a project", "Gas reaches Türkiye through TurkStream, a pipeline that Russia and Türkiye opened in 2020.",
			[]string{"RU PARTNER_IN project:turkstream asserted", "TR PARTNER_IN project:turkstream asserted"}, []string{"RU PARTNER_IN project:ru-tr-pipeline asserted"}},
		{"known as", "Kazakhstan and Azerbaijan are developing the Trans-Caspian International Transport Route, better known as the Middle Corridor.",
			[]string{"KZ PARTNER_IN project:trans-caspian-international-transport-route asserted"}, []string{"KZ PARTNER_IN project:middle-corridor asserted"}},
		{"capitals after talks between", "Talks between Yerevan and Baku have been hosted by the United States and Kazakhstan.",
			[]string{"AM PARTICIPATES_IN process:am-az-talks asserted", "US HOSTS process:am-az-talks asserted", "KZ HOSTS process:am-az-talks asserted"}, nil},
		{"guarantors and topic", "Russia, Türkiye and Iran are the guarantors of the Astana format on Syria.",
			[]string{"IR PARTICIPATES_IN process:astana-format asserted", "process:astana-format CONCERNS SY asserted"}, nil},
		{"co-mediator", "Türkiye brokered the Black Sea Grain Initiative between Russia and Ukraine together with the United Nations.",
			[]string{"TR MEDIATES process:black-sea-grain-initiative asserted", "UN MEDIATES process:black-sea-grain-initiative asserted", "UA PARTICIPATES_IN process:black-sea-grain-initiative asserted"}, nil},
		{"accusation", "Cairo has repeatedly accused Ethiopia of violating the agreement.",
			[]string{"EG IN_CONFLICT_WITH ET asserted"}, nil},
		{"quarrel in a relative clause", "Egypt armed Somalia, a move condemned by Ethiopia, which has its own quarrel with Somalia.",
			[]string{"ET IN_CONFLICT_WITH SO asserted"}, nil},
		{"supplier of", "Russia is Türkiye's largest supplier of natural gas.", []string{"RU EXPORTS_TO TR asserted"}, nil},
		{"buys a demonym's oil, no longer", "India no longer buys Iranian oil.", []string{"IR EXPORTS_TO IN negated"}, nil},
		{"participle takes the subject", "Armenia deepened defence cooperation with France and India, buying artillery from both.",
			[]string{"FR EXPORTS_TO AM asserted", "IN EXPORTS_TO AM asserted"}, []string{"FR EXPORTS_TO IN asserted"}},
		{"sanctions on a capital", "Kazakhstan has not joined Western sanctions on Moscow.", []string{"KZ SANCTIONS RU negated"}, nil},
		{"relative object of sanctions", "The route avoids Russia, which Tokyo has sanctioned since 2022 together with the G7.",
			[]string{"JP SANCTIONS RU asserted", "G7 SANCTIONS RU asserted"}, nil},
		{"negation in a relative clause stays there", "Pakistan and Afghanistan fought border clashes along the Durand Line, which Kabul has never recognised.",
			[]string{"PK IN_CONFLICT_WITH AF asserted"}, []string{"PK IN_CONFLICT_WITH AF negated"}},
		{"halting exports", "Pakistan closed the crossings, halting exports of rice to Afghanistan.",
			[]string{"PK EXPORTS_TO AF negated"}, []string{"PK EXPORTS_TO AF asserted"}},
		{"ambiguous capital resolved by the document", "The European Union is Kazakhstan's largest investor. Brussels has pledged 10 billion euros for the Middle Corridor.",
			[]string{"EU INVESTS_IN KZ asserted", "EU INVESTS_IN project:middle-corridor expected"}, nil},
		{"main trading partner", "The EU has become Kazakhstan's main trading partner.", []string{"EU COOPERATES_WITH KZ asserted"}, nil},
		{"location from an apposition", "Kazakhstan, the largest economy in Central Asia, trades with the EU.",
			[]string{"KZ LOCATED_IN region:central-asia asserted"}, nil},
		{"the grain deal", "Türkiye brokered the Black Sea Grain Initiative. Moscow withdrew from the grain deal a year later.",
			[]string{"RU PARTICIPATES_IN process:black-sea-grain-initiative negated"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.in), tc.want, tc.notWant)
		})
	}
}

// TestAgreementKindModifiers: the words read before an agreement noun as
// its kind stop at verbs, pronouns and numbers ("the most important of
// them will be agreements": no kind "them_will_be").
func TestAgreementKindModifiers(t *testing.T) {
	x := New(testGazetteer(t))
	cases := []struct{ text, kind string }{
		{"The most important of them will be agreements between Chile and Peru.", "agreement"},
		{"Chile and Peru signed two fisheries agreements.", "agreement"},
		{"Chile and Peru signed a maritime boundary treaty.", "maritime_boundary"},
		{"Chile and Peru signed a free trade treaty.", "free_trade"},
	}
	for _, tc := range cases {
		d := newDocument(x, tc.text, ontology.Doc{})
		d.segment(text.Header{})
		if err := d.recognize(context.Background()); err != nil {
			t.Fatal(err)
		}
		s := &d.sents[0]
		s.toks = tokenizeLower(d.t, d.lower, s.seg.Start, s.seg.End, nil)
		c := d.newCtx(s, &discourse{})
		i := slices.IndexFunc(c.toks, func(tk token) bool {
			return tk.key == "agreements" || tk.key == "treaty"
		})
		if i < 0 {
			t.Fatalf("%q: no agreement noun", tc.text)
		}
		if kind, _ := agreementKind(c.modifiers(i, 4)); kind != tc.kind {
			t.Errorf("%q: kind %q, want %q", tc.text, kind, tc.kind)
		}
	}
}

// TestSurfaceWrongFacts: wrong facts the surface rules read on the annotated
// articles, each in an invented sentence.
func TestSurfaceWrongFacts(t *testing.T) {
	x := New(testGazetteer(t))
	cases := []struct {
		name, text string
		want, not  []string
	}{
		{"a members' possession is no membership", "Chile is not a member of Mercosur, but no partner has done more for its members' navies.",
			[]string{"CL MEMBER_OF org:mercosur negated"}, []string{"CL MEMBER_OF org:mercosur asserted"}},
		{"states that are joining are not members yet", "Bolivia and Peru are joining Mercosur.",
			[]string{"BO MEMBER_OF org:mercosur expected"}, []string{"BO MEMBER_OF org:mercosur asserted"}},
		{"some of a state's politicians are not the state", "Some Chilean politicians have accused Peru of shielding smugglers.",
			nil, []string{"CL IN_CONFLICT_WITH PE asserted"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.text), tc.want, tc.not)
		})
	}
}
