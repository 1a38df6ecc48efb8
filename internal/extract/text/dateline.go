package text

import (
	"regexp"
	"strings"
)

// dateline matches the place a news report was filed from, at the start of
// a paragraph: "NAIROBI - ", "JEDDAH: ", "WASHINGTON, D.C. - ", "KYIV,
// Ukraine (Reuters) - ", "QUITO, Ecuador (AP) _ " (the underscore of old
// wire copy), "BEIJING, Dec 5 (Reuters) - ", "MONTEVIDEO/BRUSSELS
// (Reuters) -European" (no space after the agency's dash). The place is in
// capitals; it is where the writer was, not an actor of the report.
var dateline = regexp.MustCompile(`^[A-Z][A-Z'.]+(?:[ /][A-Z][A-Z'.]+){0,3}(?:, (?:[A-Z][A-Za-z.]+|\d{1,4})(?: (?:[A-Z][A-Za-z.]+|\d{1,4}))*?,?)?(?:(?: ` + agency + `)? ?(?:-+|:|_) | ` + agency + ` ?-+)`)

// agency is a news agency's credit: "(Reuters)", "(AP)", "(RFE/RL)".
const agency = `\([A-Za-z./ ]{2,24}\)`

// credit matches a paragraph that opens with the agency alone: "(Reuters)
// - ", "(RFE/RL) ", "(CN) - ".
var credit = regexp.MustCompile(`^` + agency + ` ?(?:-+ ?|_ )?`)

// DatelineLen returns the length in bytes of the dateline at the start of
// line (a paragraph of a normalised text), or of an agency's credit
// alone, 0 when there is none. The place must have at least three capital
// letters ("UN: " is no dateline).
func DatelineLen(line string) int {
	if loc := credit.FindStringIndex(line); loc != nil {
		return loc[1]
	}
	loc := dateline.FindStringIndex(line)
	if loc == nil {
		return 0
	}
	caps := 0
	for i := 0; i < loc[1]; i++ {
		if c := line[i]; 'A' <= c && c <= 'Z' {
			caps++
		} else if c == ',' || c == '(' || c == ':' || c == '-' || c == '_' {
			break
		}
	}
	if caps < 3 {
		return 0
	}
	return loc[1]
}

// BlankDatelines returns s with the dateline of every paragraph (not of a
// heading) replaced by
// spaces (same length, so offsets into s still hold); s itself when it
// has none.
func BlankDatelines(s string) string {
	var b []byte
	for pos := 0; pos < len(s); {
		line := s[pos:]
		if nl := strings.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		// A heading keeps its words, as Split keeps them ("NATO: Finland
		// to join").
		if n := DatelineLen(line); n > 0 && !isHeading(line) {
			if b == nil {
				b = []byte(s)
			}
			for i := pos; i < pos+n; i++ {
				b[i] = ' '
			}
		}
		nl := strings.IndexByte(s[pos:], '\n')
		if nl < 0 {
			break
		}
		pos += nl + 1
	}
	if b == nil {
		return s
	}
	return string(b)
}
