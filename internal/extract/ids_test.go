package extract

import "testing"

func TestGenericIDs(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"sorted, lower case", agreementID([]string{"TR", "KZ"}, "agreement", "", 0), "agreement:kz-tr-agreement"},
		{"an organization without its prefix", agreementID([]string{"org:eln", "CO"}, "ceasefire", "", 2016), "agreement:co-eln-ceasefire-2016"},
		{"a region without its prefix", agreementID([]string{"FR", "region:south-america"}, "trade", "", 0), "agreement:fr-south-america-trade"},
		{"a commodity before the kind", projectID([]string{"RU", "CN"}, "pipeline", "gas"), "project:cn-ru-gas-pipeline"},
		{"one side named twice", sortedIDs([]string{"GH", "TG", "GH"}), "gh-tg"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
