package phoenix

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	in := `# comment
GREECE_  [GRC]
+HELLENIC_REPUBLIC_
KOSTAS_KARAMANLIS_  # CountryInfo.txt
+KONSTANTINOS_A._KARAMANLIS_
	[GRCGOV 040310-091006]
	[GRCELI 19560101-040310]
BARACK_OBAMA
+PRESIDENT_BARACK_OBAMA
+MR_OBAMA
+OBAMA
+BARACK_H._OBAMA
	[USAGOV >090120]
BRENDAN_O'CONNOR_  # CountryInfo.txt
	[AUSGOVEDU <071231]
`
	got, problems, err := Parse(strings.NewReader(in))
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	want := []Actor{
		{Names: []string{"Kostas Karamanlis", "Konstantinos A. Karamanlis"}, Offices: []Office{
			{State: "GRC", Sector: "GOV", From: "2004-03-10", To: "2009-10-06"},
			{State: "GRC", Sector: "ELI", From: "1956-01-01", To: "2004-03-10"}}},
		{Names: []string{"Barack Obama", "Barack H. Obama"}, Offices: []Office{{State: "USA", Sector: "GOV", From: "2009-01-20"}}},
		{Names: []string{"Brendan O'Connor"}, Offices: []Office{{State: "AUS", Sector: "GOVEDU", To: "2007-12-31"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse =\n%+v\nwant\n%+v", got, want)
	}
}

func TestParseBadDate(t *testing.T) {
	got, problems, err := Parse(strings.NewReader("A_B_\n\t[USAGOV 9008223-170120]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "line 2") {
		t.Fatalf("problems %q, want one on line 2", problems)
	}
	if want := (Office{State: "USA", Sector: "GOV"}); len(got) != 1 || len(got[0].Offices) != 1 || got[0].Offices[0] != want {
		t.Fatalf("Parse = %+v, want the office without dates", got)
	}
}
