package extract

import (
	"slices"
	"testing"
)

// TestDistractors: names that look like a country, region or organization
// but are not one here, and the near-misses between similar names.
func TestDistractors(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name          string
		in            string
		want, notWant []string // mention ids
	}{
		{"airline is not the state", "Turkish Airlines opened a route to Doha last year.", nil, []string{"TR", "QA"}},
		{"airways is not the state", "Qatar Airways flies to Almaty.", nil, []string{"QA"}},
		{"Gulf of Aden is not the Gulf", "Pirates attacked ships in the Gulf of Aden.", nil, []string{"region:gulf"}},
		{"the Gulf itself", "Oil prices rose across the Gulf.", []string{"region:gulf"}, nil},
		{"Georgia the US state", "The governor of the US state of Georgia visited Atlanta, Georgia, on Monday.", nil, []string{"GE"}},
		{"Georgia the country", "Georgia and Azerbaijan signed a transit agreement.", []string{"GE", "AZ"}, nil},
		{"Jordan the person", "The basketball player Michael Jordan visited Paris.", nil, []string{"JO", "FR"}},
		{"Jordan the country", "Jordan and Egypt are members of the Arab League.", []string{"JO", "EG", "LAS"}, nil},
		{"Chad the first name", "The spokesman, Chad Smith, declined to comment.", nil, []string{"TD"}},
		{"Chad the country", "Chad borders Niger and Nigeria.", []string{"TD", "NE", "NG"}, nil},
		{"Niger is not Nigeria", "Niger has expelled French troops.", []string{"NE"}, []string{"NG"}},
		{"Republic of Korea", "The Republic of Korea signed a deal with Kazakhstan.", []string{"KR"}, []string{"KP"}},
		{"North Korea", "North Korea tested a missile.", []string{"KP"}, []string{"KR"}},
		{"Korea alone after South Korea", "South Korea invests in Uzbekistan. Korea also buys Uzbek gas.", []string{"KR", "UZ", "KR"}, []string{"KP"}},
		{"Korea alone without context", "Korea is divided.", nil, []string{"KR", "KP"}},
		{"Congo alone", "The Congo river floods every year.", nil, []string{"CD", "CG"}},
		{"DRC by its full name", "The Democratic Republic of the Congo joined the EAC.", []string{"CD"}, []string{"CG"}},
		{"Guinea-Bissau is not Guinea", "Guinea-Bissau held elections.", []string{"GW"}, []string{"GN"}},
		{"Equatorial Guinea", "Equatorial Guinea exports oil.", []string{"GQ"}, []string{"GN"}},
		{"Papua New Guinea", "Papua New Guinea hosted APEC in 2018.", []string{"PG"}, []string{"GN"}},
		{"Guinea", "Guinea exports bauxite to China.", []string{"GN", "CN"}, nil},
		{"Washington state", "Apple farmers in Washington state export to India.", []string{"IN"}, []string{"US"}},
		{"Washington the government", "Washington imposed sanctions on Iran.", []string{"US", "IR"}, nil},
		{"Ankara agreement is a place name", "The Ankara agreement dates from 1963.", nil, []string{"TR"}},
		{"Ankara the government", "Ankara signed the agreement in 1963.", []string{"TR"}, nil},
		{"Astana format is a process", "The Astana format brought together Russia, Iran and Türkiye.", []string{"process:astana-format", "RU", "IR", "TR"}, []string{"KZ"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mentionIDs(x, tc.in)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in %q", w, got)
				}
			}
			for _, w := range tc.notWant {
				if slices.Contains(got, w) {
					t.Errorf("unexpected %q in %q", w, got)
				}
			}
		})
	}
}

// TestDistractorFacts: sentences whose surface looks like a fact of the
// ontology but is not one.
func TestDistractorFacts(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name          string
		in            string
		want, notWant []string
	}{
		{"an airline route is no export", "Turkish Airlines flies from Istanbul to Doha.", nil,
			[]string{"TR EXPORTS_TO QA asserted", "TR COOPERATES_WITH QA asserted"}},
		{"the Astana format is not hosted by Kazakhstan", "Russia, Iran and Türkiye are the guarantors of the Astana format.",
			[]string{"RU PARTICIPATES_IN process:astana-format asserted"}, []string{"KZ HOSTS process:astana-format asserted"}},
		{"not cutting ties keeps them", "Abu Dhabi has not, however, cut diplomatic ties with Israel.",
			[]string{"AE COOPERATES_WITH IL asserted"}, []string{"AE COOPERATES_WITH IL negated"}},
		{"cutting ties ends them", "In 2016 Saudi Arabia cut ties with Iran.",
			[]string{"SA COOPERATES_WITH IR negated"}, []string{"SA COOPERATES_WITH IR asserted"}},
		{"applied to join is not membership", "Türkiye has applied to join BRICS.",
			[]string{"TR MEMBER_OF BRICS expected"}, []string{"TR MEMBER_OF BRICS asserted"}},
		{"a month is not a hedge", "The agreement was signed by India and Iran in May 2024.",
			[]string{"IN PARTY_TO agreement:in-ir-agreement-2024 asserted"}, []string{"IN PARTY_TO agreement:in-ir-agreement expected"}},
		{"a duration is not a kind", "A ten-year agreement was signed by India and Iran in 2024.",
			[]string{"IN PARTY_TO agreement:in-ir-agreement-2024 asserted"}, nil},
		{"a second deal needs its own verb", "Egypt signed a defence pact with Somalia, which is in a dispute over a port deal with Ethiopia.",
			[]string{"EG PARTY_TO agreement:eg-so-defence asserted"}, []string{"EG PARTY_TO agreement:eg-so-agreement asserted"}},
		{"port upgrades are not a port project", "The bank is financing port upgrades for Kazakhstan.", nil,
			[]string{"KZ PARTNER_IN project:kz-port asserted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantFacts(t, facts(t, x, tc.in), tc.want, tc.notWant)
		})
	}
}
