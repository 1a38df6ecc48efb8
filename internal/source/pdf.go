package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// readPDF reads the text of a PDF within l's page and time limits. The
// parse runs in its own goroutine so that a PDF crafted to make it loop
// or allocate is refused at the deadline (the goroutine is abandoned and
// its result dropped).
func readPDF(ctx context.Context, data []byte, l Limits) (Document, error) {
	ctx, cancel := context.WithTimeout(ctx, l.PDFTimeout)
	defer cancel()
	type result struct {
		d   Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("pdf: malformed: %v", p)}
			}
			done <- r
		}()
		r.d, r.err = parsePDF(ctx, data, l)
	}()
	select {
	case r := <-done:
		return r.d, r.err
	case <-ctx.Done():
		return Document{}, fmt.Errorf("pdf: %w (%s)", ErrTimeout, l.PDFTimeout)
	}
}

func parsePDF(ctx context.Context, data []byte, l Limits) (Document, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("pdf: %w", err)
	}
	n := r.NumPage()
	if n > l.MaxPages {
		return Document{}, fmt.Errorf("pdf: %w: %d pages, at most %d", ErrTooManyPage, n, l.MaxPages)
	}
	d := Document{Kind: PDF, Pages: n}
	info := r.Trailer().Key("Info")
	d.Meta.Title = strings.TrimSpace(info.Key("Title").Text())
	if a := strings.TrimSpace(info.Key("Author").Text()); a != "" {
		d.Meta.Authors = splitByline(a)
	}
	if t := pdfDate(info.Key("CreationDate").Text()); t != "" {
		d.Meta.PublishedAt = t
	}
	pages := make([][]string, 0, n)
	budget := l.MaxInflated
	for i := 1; i <= n; i++ {
		if ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		// Measure what the page's content inflates to before
		// interpreting it, so that a bomb is refused at the budget instead
		// of being interpreted until the time limit.
		used, err := inflatedSize(p.V.Key("Contents"), budget)
		if err != nil {
			return Document{}, fmt.Errorf("pdf: page %d: %w", i, err)
		}
		budget -= used
		pages = append(pages, pageLines(p.Content().Text))
	}
	d.Text = joinPages(pages)
	return d, nil
}

// inflatedSize is how many bytes the content streams v inflate to,
// reading at most budget+1 of them.
func inflatedSize(v pdf.Value, budget int64) (int64, error) {
	streams := []pdf.Value{v}
	if v.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < v.Len(); i++ {
			streams = append(streams, v.Index(i))
		}
	}
	var total int64
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		n, err := io.Copy(io.Discard, io.LimitReader(rc, budget-total+1))
		rc.Close()
		total += n
		if total > budget {
			return total, fmt.Errorf("%w: content inflates past %d bytes", ErrTooLarge, budget)
		}
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// pdfDate turns "D:20240315..." into "2024-03-15".
func pdfDate(s string) string {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 8 {
		return ""
	}
	if _, err := time.Parse("20060102", s[:8]); err != nil {
		return ""
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:8]
}

var pageNumber = regexp.MustCompile(`^(?i)(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$`)

// joinPages drops page numbers and the header and footer lines repeated
// on most pages, then rejoins the lines into paragraphs, undoing
// end-of-line hyphens. A paragraph ends at a blank line, or at a line that
// ends a sentence and is clearly shorter than the page's lines.
func joinPages(pages [][]string) string {
	repeated := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		for _, l := range edges(lines) {
			k := normEdge(l)
			if k != "" && !seen[k] {
				seen[k] = true
				repeated[k]++
			}
		}
	}
	var b strings.Builder
	var para strings.Builder
	flush := func() {
		if para.Len() > 0 {
			b.WriteString(para.String())
			b.WriteString("\n\n")
			para.Reset()
		}
	}
	for _, lines := range pages {
		width := 0
		for _, l := range lines {
			width = max(width, len(l))
		}
		for _, l := range lines {
			if l == "" {
				flush()
				continue
			}
			if pageNumber.MatchString(l) {
				continue
			}
			if len(pages) >= 3 && repeated[normEdge(l)]*2 > len(pages) {
				continue
			}
			s := para.String()
			switch {
			case s == "":
			case strings.HasSuffix(s, "-") && len(s) > 1 && unicode.IsLetter(rune(s[len(s)-2])) && startsLower(l):
				para.Reset()
				para.WriteString(s[:len(s)-1])
			default:
				para.WriteByte(' ')
			}
			para.WriteString(l)
			if endsSentence(l) && len(l) < width*3/4 {
				flush()
			}
		}
		// A paragraph may go on onto the next page.
	}
	flush()
	return strings.TrimSpace(b.String()) + "\n"
}

// edges are the lines where headers and footers sit.
func edges(lines []string) []string {
	var out []string
	var nonEmpty []string
	for _, l := range lines {
		if l != "" {
			nonEmpty = append(nonEmpty, l)
		}
	}
	for i, l := range nonEmpty {
		if i < 2 || i >= len(nonEmpty)-2 {
			out = append(out, l)
		}
	}
	return out
}

var digits = regexp.MustCompile(`\d+`)

// normEdge makes "Report 2024 — page 3" and "... page 4" the same line.
func normEdge(l string) string {
	return digits.ReplaceAllString(strings.ToLower(strings.TrimSpace(l)), "#")
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’)`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, ":")
}

// pageLines groups a page's glyphs into lines, top to bottom, and puts a
// space where the gap between two glyphs is wider than a glyph's fraction.
// A vertical gap wider than one and a half lines yields an empty line (a
// paragraph break).
func pageLines(glyphs []pdf.Text) []string {
	if len(glyphs) == 0 {
		return nil
	}
	gs := append([]pdf.Text(nil), glyphs...)
	key := func(y float64) int { return int(math.Round(y)) }
	sort.SliceStable(gs, func(a, b int) bool {
		ya, yb := key(gs[a].Y), key(gs[b].Y)
		if ya != yb {
			return ya > yb
		}
		return gs[a].X < gs[b].X
	})
	var lines []string
	var b strings.Builder
	lineY, lineH := key(gs[0].Y), gs[0].FontSize
	var prevEnd float64
	for i, g := range gs {
		y := key(g.Y)
		if i > 0 && y != lineY {
			lines = append(lines, strings.TrimSpace(b.String()))
			b.Reset()
			if float64(lineY-y) > 1.5*max(lineH, g.FontSize)*1.2 {
				lines = append(lines, "")
			}
			lineY, lineH = y, g.FontSize
		} else if i > 0 && g.X-prevEnd > 0.15*g.FontSize && !strings.HasSuffix(b.String(), " ") && g.S != " " {
			b.WriteByte(' ')
		}
		b.WriteString(g.S)
		prevEnd = g.X + g.W
	}
	return append(lines, strings.TrimSpace(b.String()))
}
