package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"curly quotes", "Kazakhstan\u2019s \u201cpartner\u201d", "Kazakhstan's \"partner\""},
		{"dashes", "www.site.com \u2013 Title \u2014 x", "www.site.com - Title - x"},
		{"spaces", "a \u00a0\t b  c ", "a b c"},
		{"crlf and blank lines", "a\r\n\r\n\r\n\r\nb\rc", "a\n\nb\nc"},
		{"trim lines", "  a  \n   b", "a\nb"},
		{"zero width and controls", "a\u200bb\x00c\x07d", "abcd"},
		{"nfc", "Tu\u0308rkiye", "Türkiye"},
		{"empty", " \n\t ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Normalize(tc.in)
			if got != tc.want {
				t.Fatalf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := Normalize(got); again != got {
				t.Fatalf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name, in string
		want     Header
	}{
		{"seed source line", "Source: www.pinterest.com - Kazakhstan and Middle Eastern countries\nBody.",
			Header{Source: "www.pinterest.com", Title: "Kazakhstan and Middle Eastern countries", End: 68}},
		{"all keys", "Title: T\nPublisher: P\nAuthor(s): A. B and C D\nDate: 2024-01-02\nBody: text.",
			Header{Title: "T", Publisher: "P", Authors: []string{"A. B", "C D"}, Date: "2024-01-02", End: 63, TitleStart: 7, TitleEnd: 8}},
		{"title after source", "Source: https://example.org/a\nTitle: Chile and Peru sign a pact\n\nBody.",
			Header{Source: "https://example.org/a", Title: "Chile and Peru sign a pact", End: 64, TitleStart: 37, TitleEnd: 63}},
		{"none", "Kazakhstan has hosted talks.", Header{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ParseHeader(tc.in)
			if got.TitleEnd > 0 && tc.in[got.TitleStart:got.TitleEnd] != got.Title {
				t.Fatalf("title span %q, want %q", tc.in[got.TitleStart:got.TitleEnd], got.Title)
			}
			if got.Title != tc.want.Title || got.Source != tc.want.Source || got.Publisher != tc.want.Publisher ||
				got.Date != tc.want.Date || strings.Join(got.Authors, "|") != strings.Join(tc.want.Authors, "|") || got.End != tc.want.End ||
				got.TitleStart != tc.want.TitleStart || got.TitleEnd != tc.want.TitleEnd {
				t.Fatalf("ParseHeader = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "Kazakhstan signed. Türkiye agreed.", []string{"Kazakhstan signed.", "Türkiye agreed."}},
		{"us abbreviation", "The U.S. and Iran met. They talked.", []string{"The U.S. and Iran met.", "They talked."}},
		{"us ends sentence", "Sanctions came from the U.S. The move hurt.", []string{"Sanctions came from the U.S.", "The move hurt."}},
		{"dr and initials", "Dr. Smith met J. Doe in Astana. Talks followed.", []string{"Dr. Smith met J. Doe in Astana.", "Talks followed."}},
		{"eg", "Sectors, e.g. Energy and trade, grew. Good.", []string{"Sectors, e.g. Energy and trade, grew.", "Good."}},
		{"decimal", "Trade grew 2.5 percent. It was 3.1 billion.", []string{"Trade grew 2.5 percent.", "It was 3.1 billion."}},
		{"heading not merged", "Economic cooperation\nKazakhstan exports oil.", []string{"Economic cooperation", "Kazakhstan exports oil."}},
		{"quote end", "He said \"yes.\" Then left.", []string{"He said \"yes.\"", "Then left."}},
		{"lower after stop", "Trade rose to approx. ten percent.", []string{"Trade rose to approx. ten percent."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Split(tc.in, 0, 0) {
				got = append(got, s.Text(tc.in))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("Split(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSplitHeadingFlag(t *testing.T) {
	cases := []struct {
		name, line string
		heading    bool
	}{
		{"a short heading", "Security issues", true},
		{"a news headline of sixteen words", "Sofia Ceremony Opens the Greece-Bulgaria Gas Interconnector in the Presence of Heads of State and Government", true},
		{"a sentence", "Kazakhstan hosts talks.", false},
		{"a line too long for a heading", strings.Repeat("word ", 21) + "end", false},
	}
	for _, tc := range cases {
		segs := Split(tc.line+"\nKazakhstan hosts talks.", 0, 0)
		if len(segs) < 2 || segs[0].Heading != tc.heading || segs[len(segs)-1].Heading {
			t.Errorf("%s: segments = %+v", tc.name, segs)
		}
	}
}

func TestSplitCapsLongSentences(t *testing.T) {
	in := strings.Repeat("word ", 1000) + "end."
	for _, s := range Split(in, 0, 200) {
		if s.End-s.Start > 200 {
			t.Fatalf("segment of %d bytes", s.End-s.Start)
		}
		if s.Start > s.End || s.End > len(in) {
			t.Fatalf("bad segment %+v", s)
		}
	}
	// No spaces at all: still capped, at rune boundaries.
	in = strings.Repeat("ü", 1000)
	for _, s := range Split(in, 0, 101) {
		if s.End-s.Start > 101 || !utf8.ValidString(s.Text(in)) {
			t.Fatalf("bad segment %+v", s)
		}
	}
}

func TestRunes(t *testing.T) {
	in := "Türkiye's ü x"
	r := NewRunes(in)
	for i := range in {
		if got, want := r.Of(i), utf8.RuneCountInString(in[:i]); got != want {
			t.Fatalf("Of(%d) = %d, want %d", i, got, want)
		}
	}
	if r.Of(len(in)) != utf8.RuneCountInString(in) {
		t.Fatal("end offset")
	}
}
