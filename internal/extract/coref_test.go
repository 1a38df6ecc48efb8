package extract

import "testing"

func TestCoreference(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name          string
		in            string
		want, notWant []string
	}{
		{"the two countries: pair of the sentence before",
			"Kazakhstan and Türkiye met in March. The two countries signed a free trade agreement in 2017.",
			[]string{"KZ PARTY_TO agreement:kz-tr-free-trade-2017 asserted", "TR PARTY_TO agreement:kz-tr-free-trade-2017 asserted"}, nil},
		{"in the case of X and Y frames the pair",
			"In the case of Kazakhstan and Türkiye, trade grew. Iran watched. The two countries cooperate in the fight against terrorism.",
			[]string{"KZ COOPERATES_WITH TR asserted"}, []string{"IR COOPERATES_WITH TR asserted"}},
		{"both partners with a region group",
			"Kazakhstan and Middle Eastern countries share values. Both partners cooperate on education.",
			[]string{"KZ COOPERATES_WITH region:middle-east asserted"}, nil},
		{"these countries is the last region group",
			"Kazakhstan sells grain to Middle Eastern countries. Kazakhstan cooperates with these countries on energy.",
			[]string{"KZ COOPERATES_WITH region:middle-east asserted"}, nil},
		{"the bloc is the last organization",
			"Uzbekistan is not a member of the Gulf Cooperation Council, but it cooperates with the bloc on trade.",
			[]string{"UZ MEMBER_OF GCC negated", "UZ COOPERATES_WITH GCC asserted"}, nil},
		{"its neighbour",
			"Iran imports gas from Turkmenistan. Ashgabat has refused to join any sanctions against its neighbour.",
			[]string{"TM SANCTIONS IR negated"}, nil},
		{"possessive subject",
			"Kazakhstan's cooperation with Iran includes the construction of a gas pipeline.",
			[]string{"KZ COOPERATES_WITH IR asserted", "KZ PARTNER_IN project:ir-kz-gas-pipeline asserted", "IR PARTNER_IN project:ir-kz-gas-pipeline asserted"}, nil},
		{"such as list replaces the group",
			"Kazakhstan cooperates with observer states in the Middle East, such as Iran and Saudi Arabia.",
			[]string{"KZ COOPERATES_WITH IR asserted", "KZ COOPERATES_WITH SA asserted", "IR LOCATED_IN region:middle-east asserted"},
			[]string{"KZ COOPERATES_WITH region:middle-east asserted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.in), tc.want, tc.notWant)
		})
	}
}
