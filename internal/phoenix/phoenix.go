// Package phoenix reads the country actor dictionary of the Phoenix event
// data pipeline (Phoenix.Countries.actors.txt of PETRARCH2, MIT licence,
// Open Event Data Alliance; built from CountryInfo.140130.txt, so it knows
// office holders up to early 2014 and a few later ones) and keeps the people
// who held an office of a state's government, with the state and the time.
// cmd/peoplegen writes them to the gazetteer (seed/gazetteer/people.json),
// where the extractor finds the state a named leader acts for.
//
// An actor is a name line ("NARENDRA_MODI_  # CountryInfo.txt"), synonym
// lines ("+PRESIDENT_BARACK_OBAMA") and role lines ("[INDGOV >20140526]",
// "[GRCGOV 741214-741218]"): the role code is the state's ISO 3166-1
// alpha-3 code and a sector ("GOV" government, "GOVAGR" its agriculture
// ministry, "ELI" elites, "MIL" the armed forces ...), the dates are
// YYMMDD or YYYYMMDD, ">d" from d on, "<d" until d. A country line
// ("AFGHANISTAN_  [AFG]") and its synonyms are not people.
package phoenix

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Office is one role of a person: the state's alpha-3 code, the sector
// code after it ("GOV", "GOVAGR"), and the first and last day as
// YYYY-MM-DD ("" when open).
type Office struct {
	State, Sector string
	From, To      string
}

// Actor is one person of the dictionary with the names it gives.
type Actor struct {
	Names   []string // "Narendra Modi", "Barack Obama"
	Offices []Office
}

var roleRe = regexp.MustCompile(`\[([A-Z]{3})([A-Z]*)\s*([^\]]*)\]`)

// Parse reads an actor dictionary. Synonyms that hold an office title or a
// courtesy ("+PRESIDENT_BARACK_OBAMA", "+MR_OBAMA") or are one word
// ("+OBAMA") are not kept as names: the text gives the title apart from
// the name, and a surname alone is no full name. A role whose dates do not read
// ("9008223-911221": the source has a few) is kept without dates and
// listed in problems.
func Parse(r io.Reader) (actors []Actor, problems []string, err error) {
	var out []Actor
	var cur *Actor
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		body, _, _ := strings.Cut(line, "#")
		trimmed := strings.TrimSpace(body)
		switch {
		case trimmed == "":
		case strings.HasPrefix(trimmed, "["):
			if cur == nil {
				continue
			}
			for _, m := range roleRe.FindAllStringSubmatch(trimmed, -1) {
				from, to, err := span(m[3])
				if err != nil {
					problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
				}
				cur.Offices = append(cur.Offices, Office{State: m[1], Sector: m[2], From: from, To: to})
			}
		case strings.HasPrefix(trimmed, "+"):
			if cur != nil {
				if name := nameOf(trimmed[1:]); strings.Contains(name, " ") && !titled(name) {
					cur.Names = append(cur.Names, name)
				}
			}
		case strings.Contains(trimmed, "["):
			cur = nil // a country line: "AFGHANISTAN_  [AFG]"
		default:
			out = append(out, Actor{Names: []string{nameOf(trimmed)}})
			cur = &out[len(out)-1]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("phoenix: %w", err)
	}
	return out, problems, nil
}

// nameOf turns "GEORGE_W._BUSH_" into "George W. Bush".
func nameOf(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' })
	for i, w := range words {
		words[i] = titleWord(w)
	}
	return strings.Join(words, " ")
}

// titleWord capitalises the first letter of w and of each part after a
// hyphen or apostrophe: "O'CONNOR" -> "O'Connor", "AL-ASSAD" -> "Al-Assad".
func titleWord(w string) string {
	b := []rune(strings.ToLower(w))
	up := true
	for i, r := range b {
		if up {
			b[i] = []rune(strings.ToUpper(string(r)))[0]
		}
		up = r == '-' || r == '\'' || r == '.'
	}
	return string(b)
}

// titleWords mark a synonym that carries an office: "President Barack Obama".
var titleWords = map[string]bool{"President": true, "Minister": true, "Prime": true, "Gov.": true, "Governor": true,
	"Senator": true, "Sen.": true, "King": true, "Queen": true, "Prince": true, "General": true, "Gen.": true,
	"Secretary": true, "Chancellor": true, "Premier": true, "Mr.": true, "Mrs.": true, "Dr.": true, "Us": true,
	"U.S.": true, "American": true, "Leader": true, "Chairman": true, "Ambassador": true, "Emir": true, "Sheikh": true,
	"Mr": true, "Mrs": true, "Ms": true, "Ms.": true, "The": true, "President-Elect": true, "Administration": true,
	"Government": true}

func titled(name string) bool {
	for _, w := range strings.Fields(name) {
		if titleWords[w] {
			return true
		}
	}
	return false
}

// span reads a role's dates: "", "090120-170120", ">20140526", "<991231".
func span(s string) (from, to string, err error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", "", nil
	case strings.HasPrefix(s, ">"):
		if from, err = date(s[1:]); err != nil {
			return "", "", err
		}
		return from, "", nil
	case strings.HasPrefix(s, "<"):
		if to, err = date(s[1:]); err != nil {
			return "", "", err
		}
		return "", to, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return "", "", fmt.Errorf("date range %q", s)
	}
	if from, err = date(a); err != nil {
		return "", "", err
	}
	if to, err = date(b); err != nil {
		return "", "", err
	}
	return from, to, nil
}

// date reads YYMMDD (years up to 30 are 20xx) or YYYYMMDD as YYYY-MM-DD.
func date(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", fmt.Errorf("date %q", s)
		}
	}
	switch len(s) {
	case 6:
		century := "19"
		if s[:2] <= "30" {
			century = "20"
		}
		return century + s[:2] + "-" + s[2:4] + "-" + s[4:6], nil
	case 8:
		return s[:4] + "-" + s[4:6] + "-" + s[6:8], nil
	}
	return "", fmt.Errorf("date %q", s)
}
