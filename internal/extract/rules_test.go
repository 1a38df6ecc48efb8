package extract

import "testing"

// TestRules has at least one case per predicate of the ontology.
func TestRules(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name          string
		in            string
		want, notWant []string
	}{
		{"MEMBER_OF list of members and orgs", "Both Iran and Qatar are members of the OIC and of OPEC.",
			[]string{"IR MEMBER_OF OIC asserted", "QA MEMBER_OF OIC asserted", "IR MEMBER_OF OPEC asserted", "QA MEMBER_OF OPEC asserted"}, nil},
		{"MEMBER_OF joined", "Iran joined BRICS in 2024.", []string{"IR MEMBER_OF BRICS asserted"}, nil},
		{"MEMBER_OF negated", "Azerbaijan has never sought to join NATO.", []string{"AZ MEMBER_OF NATO negated"}, nil},
		{"PARTY_TO", "In 2022, Uzbekistan and Saudi Arabia signed an investment protection agreement.",
			[]string{"SA PARTY_TO agreement:sa-uz-investment-protection-2022 asserted", "UZ PARTY_TO agreement:sa-uz-investment-protection-2022 asserted"}, nil},
		{"PARTY_TO year after a month", "In March 2023, Iran and Saudi Arabia signed a trade agreement.",
			[]string{"IR PARTY_TO agreement:ir-sa-trade-2023 asserted"}, nil},
		{"PARTY_TO expected", "A peace treaty between Azerbaijan and Armenia may be signed next year.",
			[]string{"AM PARTY_TO agreement:am-az-peace expected", "AZ PARTY_TO agreement:am-az-peace expected"},
			[]string{"AM PARTY_TO agreement:am-az-peace asserted"}},
		{"PARTNER_IN and IN_SECTOR", "China, Kyrgyzstan and Uzbekistan agreed to build a gas pipeline.",
			[]string{"CN PARTNER_IN project:cn-kg-uz-gas-pipeline asserted", "project:cn-kg-uz-gas-pipeline IN_SECTOR energy asserted"}, nil},
		{"HOSTS and CONCERNS", "Kazakhstan has hosted rounds of negotiations over Iran's nuclear program.",
			[]string{"KZ HOSTS process:iran-nuclear-negotiations asserted", "process:iran-nuclear-negotiations CONCERNS IR asserted"}, nil},
		{"MEDIATES", "Qatar mediated the talks between the United States and the Taliban.",
			[]string{"QA MEDIATES process:taliban-us-talks asserted", "US PARTICIPATES_IN process:taliban-us-talks asserted", "TALIBAN PARTICIPATES_IN process:taliban-us-talks asserted"}, nil},
		{"COOPERATES_WITH sectors", "The joint higher committee between Qatar and Kazakhstan has discussed cooperation in trade and civil aviation.",
			[]string{"QA COOPERATES_WITH KZ asserted"}, nil},
		{"INVESTS_IN", "Saudi Arabia invests heavily in Uzbekistan's energy sector.", []string{"SA INVESTS_IN UZ asserted"}, nil},
		{"EXPORTS_TO from imports", "Iran imports gas from Turkmenistan.", []string{"TM EXPORTS_TO IR asserted"}, []string{"IR EXPORTS_TO TM asserted"}},
		{"IN_CONFLICT_WITH transitive", "Türkiye has fought the PKK for decades.", []string{"TR IN_CONFLICT_WITH PKK asserted"}, nil},
		{"INVESTS_IN investors in", "Turkish companies are among the largest investors in Iraq's north.", []string{"TR INVESTS_IN IQ asserted"}, nil},
		{"PARTNER_IN joined the project", "Iraq and Türkiye agreed to build the Development Road. Qatar has also joined the project.",
			[]string{"IQ PARTNER_IN project:development-road asserted", "QA PARTNER_IN project:development-road asserted"}, nil},
		{"agreement kind from a hyphenated modifier", "Iraq and Türkiye are expected to sign a water-sharing agreement.",
			[]string{"IQ PARTY_TO agreement:iq-tr-water-sharing expected"}, nil},
		{"IN_CONFLICT_WITH", "Azerbaijan fought a war with Armenia in 2020.", []string{"AZ IN_CONFLICT_WITH AM asserted"}, nil},
		{"SANCTIONS", "Since 2022, the United States and the European Union have imposed sanctions on Russia.",
			[]string{"US SANCTIONS RU asserted", "EU SANCTIONS RU asserted"}, nil},
		{"LOCATED_IN", "Kyrgyzstan, a landlocked country in Central Asia, trades with China.", []string{"KG LOCATED_IN region:central-asia asserted"}, nil},
		{"PART_OF", "The UN Security Council, the main organ of the United Nations, met.", []string{"UNSC PART_OF UN asserted"}, nil},
		{"no fact from a hedged sentence", "Kazakhstan is likely to join the SCO.", []string{"KZ MEMBER_OF SCO expected"}, []string{"KZ MEMBER_OF SCO asserted"}},
		{"not only is not negation", "Kazakhstan is not only a member of the SCO, but also a partner.", []string{"KZ MEMBER_OF SCO asserted"}, nil},
		{"reported", "According to officials, Iran joined the SCO.", []string{"IR MEMBER_OF SCO reported"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.in), tc.want, tc.notWant)
		})
	}
}
