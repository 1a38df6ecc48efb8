package text

import "testing"

func TestDatelineLen(t *testing.T) {
	tests := []struct {
		line string
		want string // the dateline, "" for none
	}{
		{"NAIROBI - Kenya and Uganda signed a pact.", "NAIROBI - "},
		{"NAIROBI -- Kenya and Uganda signed a pact.", "NAIROBI -- "},
		{"JEDDAH: Ethiopia and Eritrea met.", "JEDDAH: "},
		{"WASHINGTON, D.C. - The talks ended.", "WASHINGTON, D.C. - "},
		{"KYIV, Ukraine (Reuters) - Talks began.", "KYIV, Ukraine (Reuters) - "},
		{"SAN JOSE - Costa Rica joined.", "SAN JOSE - "},
		{"QUITO, Ecuador (AP) _ Peru and Chile met.", "QUITO, Ecuador (AP) _ "}, // the wire's old dash
		{"BEIJING, Dec 5 (Reuters) - China and Laos met.", "BEIJING, Dec 5 (Reuters) - "},
		{"MONTEVIDEO/BRUSSELS (Reuters) -European leaders met.", "MONTEVIDEO/BRUSSELS (Reuters) -"},
		{"(RFE/RL) The Uzbek and Kyrgyz presidents signed.", "(RFE/RL) "},
		{"(Reuters) - Chile and Peru met.", "(Reuters) - "},
		{"(CN) - The UAE and Bahrain signed.", "(CN) - "},
		{"NATO-Russia talks resumed.", ""},
		{"EU-Mercosur talks (trade) - a long story.", ""},
		{"UN: talks resume", ""},
		{"Kenya - a country of East Africa - signed.", ""},
		{"NATO members met in Brussels.", ""},
		{"The EU: a union of states.", ""},
	}
	for _, tc := range tests {
		if got := tc.line[:DatelineLen(tc.line)]; got != tc.want {
			t.Errorf("DatelineLen(%q) cuts %q, want %q", tc.line, got, tc.want)
		}
	}
	in := "NATO: Finland to join\n\nPARIS - France and Chile met.\nLIMA: Peru hosted."
	want := "NATO: Finland to join\n\n        France and Chile met.\n      Peru hosted."
	if got := BlankDatelines(in); got != want {
		t.Errorf("BlankDatelines = %q, want %q", got, want)
	}
}
