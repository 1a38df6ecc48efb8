package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
)

// Whom an op-ed speaks for: the author's country from a byline (at the top
// or the bottom), a standfirst or the body ("my country, Chile"); "we" and
// "our" then stand for it.

// firstPerson words stand for the author's country in an official's op-ed.
var firstPerson = set("we", "our", "us", "ours", "my")

// authorTitles are the offices whose holder writes for a country.
var authorTitles = set("ambassador", "minister", "president", "envoy", "consul", "secretary", "chancellor",
	"premier", "representative", "deputy", "ministry", "embassy", "mission", "prime", "foreign")

// authorCountry finds the country an official writes for: in a byline
// ("Maria Lopez, Ambassador of Chile to Korea") or in a sentence of the text
// ("my country, Chile"; "As Chile's ambassador, I ..."). A country after
// "to" or "in" is where the official serves, not whom they speak for.
func (d *document) authorCountry(line string) string {
	toks := tokenize(line, 0, len(line), nil)
	title, mine := false, false
	for _, tk := range toks {
		if authorTitles[tk.key] {
			title = true
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].key == "my" && (toks[i+1].key == "country" || toks[i+1].key == "government") {
			mine = true
		}
	}
	if !title && !mine {
		return ""
	}
	for i := 0; i < len(toks); {
		n, e := d.x.trie.longest(line, toks, i)
		if n == 0 || e.id == "" || e.label != ontology.Country {
			i++
			continue
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1].key
		}
		if prev != "to" && prev != "in" && prev != "at" {
			return e.id
		}
		i += n
	}
	return ""
}

// findAuthor sets d.author from the byline, or from the first sentences of
// the body that name the author's country.
func (d *document) findAuthor() {
	for _, a := range d.doc.Authors {
		if id := d.authorCountry(a); id != "" {
			d.author = id
			return
		}
	}
	// "Author: Maria Lopez, Ambassador of Chile to Korea" may have been cut
	// into names at the comma: read the joined byline too.
	if id := d.authorCountry(strings.Join(d.doc.Authors, ", ")); id != "" {
		d.author = id
		return
	}
	lines := nonEmptyLines(d.t)
	for _, line := range bylineLines(lines) {
		if id := d.authorCountry(line); id != "" {
			d.author = id
			return
		}
	}
	// a standfirst that presents a first-person text's author: "Azerbaijani
	// Ambassador to the United States, Elin Suleimanov, speaks about ..."
	if firstPersonSingular(d.t) {
		for _, line := range topLines(lines, 2) {
			if id := d.authorCountry(line); id != "" {
				d.author = id
				return
			}
		}
	}
}

// firstPersonSingular reports whether the writer speaks as "I" or "my".
func firstPersonSingular(t string) bool {
	for _, w := range []string{" I ", " my ", "\nI ", "\nMy ", ". My ", `"I `, "“I ", " I’m ", " I'm "} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return strings.HasPrefix(t, "I ") || strings.HasPrefix(t, "My ")
}

// headerLine reports a line of the text's header ("Source: ...", "Title:
// ..."): a capitalised word of up to 16 letters and a colon.
func headerLine(l string) bool {
	k := strings.IndexByte(l, ':')
	if k < 2 || k > 16 || l[0] < 'A' || l[0] > 'Z' || k+1 >= len(l) || l[k+1] != ' ' {
		return false
	}
	for _, r := range l[:k] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '(' || r == ')') {
			return false
		}
	}
	return true
}

// nonEmptyLines are the lines of t, trimmed, blank ones left out.
func nonEmptyLines(t string) []string {
	var lines []string
	for l := range strings.SplitSeq(t, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// topLines are the first n lines after the header ("" for a line over 300
// bytes, which is no standfirst).
func topLines(lines []string, n int) []string {
	var out []string
	for _, l := range lines {
		if headerLine(l) {
			continue
		}
		if len(out) == n {
			break
		}
		if len(l) <= 300 {
			out = append(out, l)
		} else {
			out = append(out, "")
		}
	}
	return out
}

// bylineLines are the lines that read as a byline when the document has
// none: among the first and last three, those that start with a dash or
// "By" ("— Ana Ruiz, Minister of Foreign Affairs of Peru") or present the
// author ("The author is Ambassador of Chile to Korea"; "(The writer is
// ...)").
func bylineLines(lines []string) []string {
	var out []string
	for i, l := range lines {
		if i >= 3 && i < len(lines)-3 || len(l) > 300 {
			continue
		}
		low := strings.ToLower(strings.TrimLeft(l, "(*_ "))
		switch {
		case strings.HasPrefix(l, "—"), strings.HasPrefix(l, "–"), strings.HasPrefix(l, "- "), strings.HasPrefix(l, "-- "),
			strings.HasPrefix(low, "by "), strings.HasPrefix(low, "the author"), strings.HasPrefix(low, "the writer"),
			strings.HasPrefix(low, "author:"), strings.HasPrefix(low, "written by"):
			out = append(out, l)
		}
	}
	return out
}

// bodyAuthor reads a sentence for the author's country when the byline
// gave none: "my country, X", "as X's ambassador, I".
func (d *document) bodyAuthor(seg text.Segment, toks []token) {
	first := false
	for _, tk := range toks {
		if tk.key == "i" || tk.key == "my" || tk.key == "im" { // "Im" where the apostrophe was lost
			first = true
			break
		}
	}
	if !first {
		return
	}
	d.author = d.authorCountry(d.t[seg.Start:seg.End])
}

// partner is the country an op-ed's author writes about: the most
// mentioned country other than the author's so far.
func (d *document) partner() string {
	best, n := "", 0
	for id, c := range d.counts {
		if id != d.author && (c > n || c == n && id < best) {
			best, n = id, c
		}
	}
	return best
}
