package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment is one sentence or heading of a normalised text, by byte offsets
// [Start, End) into that text.
type Segment struct {
	Start, End int
	// Heading marks a short line without final punctuation ("Economic
	// cooperation"): it is a segment of its own, never merged into the
	// sentence that follows.
	Heading bool
}

// Text returns the segment's text in t.
func (s Segment) Text(t string) string { return t[s.Start:s.End] }

// maxHeadingWords is the longest line, in words, that can be a heading.
const maxHeadingWords = 20

// Split cuts the normalised text t, from byte offset from on, into segments.
// Lines are never joined: every line is one paragraph or one heading. Inside
// a paragraph a sentence ends at '.', '!' or '?' followed by a space and a
// capital, digit, quote or bracket, unless the word before the stop is an
// abbreviation ("Dr.", "e.g.", "U.S." before a lower-case or name-like
// word), an initial ("J. Smith") or the stop is inside a number ("2.5").
// A sentence longer than maxBytes (if > 0) is cut at the last space before
// the limit, so no segment is longer than maxBytes (plus one word of at most
// maxBytes/4 when no space is near).
func Split(t string, from, maxBytes int) []Segment {
	var segs []Segment
	pos := from
	for pos < len(t) {
		end := strings.IndexByte(t[pos:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += pos
		}
		if end > pos {
			segs = splitLine(t, pos, end, maxBytes, segs)
		}
		pos = end + 1
	}
	return segs
}

func splitLine(t string, start, end, maxBytes int, segs []Segment) []Segment {
	line := t[start:end]
	if isHeading(line) {
		return appendCapped(segs, t, Segment{Start: start, End: end, Heading: true}, maxBytes)
	}
	// "NAIROBI - Kenya and Uganda signed ...": the sentence starts after
	// the dateline.
	start += DatelineLen(line)
	s := start
	for i := start; i < end; i++ {
		c := t[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		// Swallow runs of stops and closing quotes/brackets: `?!`, `."`, `.)`.
		j := i + 1
		for j < end && strings.IndexByte(".!?\"')]", t[j]) >= 0 {
			j++
		}
		if j < end && t[j] != ' ' {
			i = j - 1
			continue // "2.5", "U.S", "e.g.," : no space after the stop
		}
		if j >= end {
			break // the line's end closes the sentence anyway
		}
		k := j + 1 // first byte of the next word
		if k >= end || !startsSentence(t[k:end]) {
			i = j - 1
			continue
		}
		if c == '.' && j == i+1 && !periodEnds(t[s:i], t[k:end]) {
			continue
		}
		segs = appendCapped(segs, t, Segment{Start: s, End: j}, maxBytes)
		s = k
		i = j
	}
	if s < end {
		segs = appendCapped(segs, t, Segment{Start: s, End: end}, maxBytes)
	}
	return segs
}

// appendCapped appends seg, cut into pieces of at most maxBytes at spaces.
func appendCapped(segs []Segment, t string, seg Segment, maxBytes int) []Segment {
	for maxBytes > 0 && seg.End-seg.Start > maxBytes {
		cut := seg.Start + maxBytes
		for cut > seg.Start && !utf8.RuneStart(t[cut]) {
			cut--
		}
		sp := strings.LastIndexByte(t[seg.Start:cut], ' ')
		if sp > maxBytes*3/4 {
			cut = seg.Start + sp
		}
		if cut <= seg.Start {
			break
		}
		segs = append(segs, Segment{Start: seg.Start, End: cut, Heading: seg.Heading})
		seg.Start = cut
		for seg.Start < seg.End && t[seg.Start] == ' ' {
			seg.Start++
		}
	}
	if seg.End > seg.Start {
		segs = append(segs, seg)
	}
	return segs
}

// isHeading reports whether a whole line is a heading: short, and not ending
// in sentence punctuation.
func isHeading(line string) bool {
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;,\"')]", last) {
		return false
	}
	return len(strings.Fields(line)) <= maxHeadingWords
}

// startsSentence reports whether the text after a stop can begin a sentence.
func startsSentence(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\'' || r == '(' || r == '['
}

// abbreviations never end a sentence when followed by a capital.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "col": true, "lt": true, "maj": true, "capt": true, "cmdr": true, "adm": true, "sgt": true,
	"sen": true, "rep": true, "gov": true, "pres": true, "amb": true, "rev": true, "hon": true, "sheikh": false,
	"e.g": true, "i.e": true, "cf": true, "vs": true, "viz": true, "approx": true, "no": true, "nos": true,
	"fig": true, "vol": true, "p": true, "pp": true, "ca": true, "al": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "bros": true, "mt": true, "ft": true,
}

// sentenceStarters are words that, after a dotted abbreviation such as
// "U.S.", show that the abbreviation also ended the sentence.
var sentenceStarters = map[string]bool{
	"The": true, "This": true, "These": true, "That": true, "Those": true, "It": true, "Its": true,
	"In": true, "On": true, "At": true, "But": true, "However": true, "A": true, "An": true,
	"He": true, "She": true, "They": true, "We": true, "I": true, "Both": true, "Meanwhile": true,
	"Yet": true, "And": true, "As": true, "For": true, "Since": true, "After": true, "While": true,
	"There": true, "Such": true, "Moreover": true, "Also": true, "Still": true, "Then": true,
}

// periodEnds decides whether the '.' after before ends the sentence, given
// the text after it.
func periodEnds(before, after string) bool {
	w := before
	if sp := strings.LastIndexAny(w, " (\"'"); sp >= 0 {
		w = w[sp+1:]
	}
	if w == "" {
		return true
	}
	lw := strings.ToLower(w)
	if abbreviations[lw] {
		return false
	}
	r, size := utf8.DecodeRuneInString(w)
	if size == len(w) && unicode.IsUpper(r) {
		return false // an initial: "J. Smith"
	}
	if strings.Contains(w, ".") { // "U.S", "U.N", "e.g"
		next := after
		if sp := strings.IndexAny(next, " ,;:"); sp >= 0 {
			next = next[:sp]
		}
		return sentenceStarters[next]
	}
	return true
}

// Runes converts byte offsets of t to rune offsets. It is built once per
// text in O(len(t)) and answers in O(1).
type Runes struct {
	ascii bool
	idx   []int32 // rune offset of each byte offset (nil when t is ASCII)
}

// NewRunes prepares byte-to-rune offset conversion for t.
func NewRunes(t string) Runes {
	ascii := true
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return Runes{ascii: true}
	}
	// idx[i] is the number of rune starts before byte i.
	idx := make([]int32, len(t)+1)
	n := int32(0)
	for i := 0; i < len(t); i++ {
		idx[i] = n
		if utf8.RuneStart(t[i]) {
			n++
		}
	}
	idx[len(t)] = n
	return Runes{idx: idx}
}

// Of returns the rune offset of byte offset i (which must be at a rune
// boundary or len(t)).
func (r Runes) Of(i int) int {
	if r.ascii {
		return i
	}
	return int(r.idx[i])
}
