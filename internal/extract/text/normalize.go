// Package text prepares raw article text for extraction: it normalises the
// characters (Unicode NFC, straight quotes, plain dashes, plain spaces), reads
// an optional header of "Source:", "Title:", ... lines, and cuts the text into
// sentences and headings with their offsets.
//
// Offsets everywhere in diplograph's evidence are rune offsets into the
// normalised text (end exclusive); this package also works in byte offsets
// internally and converts with Runes.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the canonical form of s that all offsets refer to:
//   - Unicode NFC;
//   - curly single quotes and primes become ', curly double quotes and
//     guillemets become ";
//   - en and em dashes, minus signs and other hyphens become "-";
//   - CRLF and CR become LF; tabs, no-break and other Unicode spaces become a
//     plain space; zero-width characters and other control characters are
//     dropped;
//   - runs of spaces collapse to one; lines are trimmed; more than one blank
//     line in a row collapses to one; the text is trimmed.
//
// Normalize is idempotent: Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	lineStart := true // at the start of a line: drop leading spaces
	pendingSpace := false
	newlines := 0 // newlines seen since the last non-space character
	wrote := false
	for i := 0; i < len(s); {
		r := rune(s[i])
		if r < utf8.RuneSelf {
			i++
			if r >= 0x20 && r != 0x7F && r != '`' {
				if r == ' ' {
					if !lineStart {
						pendingSpace = true
					}
					continue
				}
				goto write // the common case: a printable ASCII character
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		r = mapRune(r)
		switch {
		case r == '\n':
			newlines++
			pendingSpace = false
			lineStart = true
			continue
		case r == ' ':
			if !lineStart {
				pendingSpace = true
			}
			continue
		case r < 0:
			continue // dropped
		}
	write:
		if wrote {
			if newlines > 0 {
				if newlines > 2 {
					newlines = 2
				}
				b.WriteString("\n\n"[:newlines])
			} else if pendingSpace {
				b.WriteByte(' ')
			}
		}
		newlines = 0
		pendingSpace = false
		lineStart = false
		b.WriteRune(r)
		wrote = true
	}
	out := b.String()
	// Mapping can create new combinations (rare); NFC once more keeps the
	// function idempotent.
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// mapRune maps one rune to its normal form: '\n', ' ', -1 (drop) or itself.
func mapRune(r rune) rune {
	switch r {
	case '\n', '\r', '\u2028', '\u2029', '\u0085', '\f', '\v':
		return '\n'
	case '\t':
		return ' '
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\u0060', '\u00B4':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D':
		return '-'
	case '\u2026':
		return '.' // an ellipsis character ends like a full stop
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return -1
	case utf8.RuneError:
		return '\uFFFD'
	}
	if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) {
		return -1
	}
	if unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) {
		return ' '
	}
	return r
}

// Header is what an optional block of "Key: value" lines at the top of a text
// says about it. Recognised keys: Source, Title, Publisher, Author, Authors,
// Author(s), By, Date, Published.
type Header struct {
	Title, Source, Publisher, Date string
	Authors                        []string
	// End is the byte offset in the normalised text where the body starts
	// (after the header lines); 0 when there is no header.
	End int
	// TitleStart and TitleEnd delimit the value of a "Title:" line in the
	// normalised text (both 0 when there is none): a headline is read for
	// facts like the body's own first line.
	TitleStart, TitleEnd int
}

// ParseHeader reads the header lines at the top of the normalised text t.
// A "Source:" line of the form "site - Title" also gives the title when no
// "Title:" line does (the seed corpus writes "Source: www.site.com – Title").
func ParseHeader(t string) Header {
	var h Header
	pos := 0
	for pos < len(t) {
		end := strings.IndexByte(t[pos:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += pos
		}
		line := t[pos:end]
		key, val, ok := strings.Cut(line, ":")
		if !ok || len(key) > 12 {
			break
		}
		val = strings.TrimSpace(val)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "source":
			h.Source = val
			if site, title, ok := strings.Cut(val, " - "); ok && !strings.Contains(site, " ") {
				h.Source = strings.TrimSpace(site)
				if h.Title == "" {
					h.Title = strings.TrimSpace(title)
				}
			}
		case "title":
			h.Title = val
			if val != "" {
				after := len(key) + 1 // past the colon
				h.TitleStart = pos + after + strings.Index(line[after:], val)
				h.TitleEnd = h.TitleStart + len(val)
			}
		case "publisher":
			h.Publisher = val
		case "author", "authors", "author(s)", "by":
			h.Authors = splitAuthors(val)
		case "date", "published":
			h.Date = val
		default:
			return h
		}
		pos = end
		if pos < len(t) {
			pos++ // the newline
		}
		h.End = pos
	}
	return h
}

func splitAuthors(v string) []string {
	v = strings.ReplaceAll(v, " and ", ",")
	v = strings.ReplaceAll(v, ";", ",")
	var out []string
	for _, a := range strings.Split(v, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
