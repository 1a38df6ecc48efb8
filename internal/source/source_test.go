package source_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/source"
)

// article is one op-ed, as its author wrote it.
var article = []string{
	"Kazakhstan and Turkey signed a free trade agreement in 2017, and trade between the two countries has grown every year since.",
	"Japan imposed sanctions on North Korea in 2006 after its first nuclear test, and has renewed them every year.",
	"In March, the President of France visited Vietnam to discuss maritime security in the South China Sea.",
	"Germany and Poland agreed to build a new gas interconnector, which the European Commission described as a strategic priority for the region.",
	"Brazil opened an embassy in Azerbaijan in 2009, and the two governments have since signed agreements on energy, agriculture and education.",
	"Chile condemned the missile launches by North Korea and called on the Security Council to act together.",
}

// boilerplate is what a news page wraps the article in; none of it may
// reach the text.
var boilerplate = []string{
	"Subscribe to our newsletter: Egypt and Israel signed a gas deal, read more every morning.",
	"Related: India and Pakistan agreed to a ceasefire along the Line of Control.",
	"We use cookies to improve your experience. Accept all cookies.",
	"Reader comment: Chile and Korea should finally sign a trade deal.",
	"Share on Facebook Share on X Share by email",
}

func plainText() string { return strings.Join(article, "\n\n") + "\n" }

func newsPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Central Asia looks west | The Diplomatic Review</title>
<meta property="og:title" content="Central Asia looks west">
<meta property="og:site_name" content="The Diplomatic Review">
<meta name="author" content="Maria Lopez, Ambassador of Chile to Korea">
<meta property="article:published_time" content="2024-03-15T08:00:00Z">
<link rel="canonical" href="https://diplomatic-review.example/2024/03/central-asia-looks-west">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Central Asia looks west","datePublished":"2024-03-15T08:00:00Z","author":{"@type":"Person","name":"Maria Lopez"},"publisher":{"@type":"Organization","name":"The Diplomatic Review"}}</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>` + html.EscapeString(boilerplate[2]) + `</p><button>Accept</button></div>
<header class="site-header"><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/asia">Asia</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article class="post">
<h1>Central Asia looks west</h1>
<p class="byline">By Maria Lopez</p>
<div class="share-bar social"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Share by email</a></div>
<div class="article-body">
`)
	for i, p := range article {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		if i == 2 {
			b.WriteString(`<aside class="newsletter-signup"><p>` + html.EscapeString(boilerplate[0]) + `</p><form><input type="email"><button>Sign up</button></form></aside>` + "\n")
		}
	}
	b.WriteString(`</div></article>
<section class="related-links"><h2>Related</h2><ul><li><a href="/a">` + html.EscapeString(boilerplate[1]) + `</a></li><li><a href="/b">More from Asia</a></li></ul></section>
<section id="comments" class="comments"><h2>Comments</h2><div class="comment"><p>` + html.EscapeString(boilerplate[3]) + `</p></div></section>
</main>
<footer class="site-footer"><p>Copyright 2024 The Diplomatic Review. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>`)
	return []byte(b.String())
}

// articlePDF lays the article out as a paper does: wrapped lines, a
// word hyphenated at a line end, a running header and a page-numbered
// footer, two paragraphs a page.
func articlePDF(t testing.TB, paragraphs []string, perPage int) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetTitle("Central Asia looks west", false)
	f.SetAuthor("Maria Lopez", false)
	f.SetCreationDate(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
	f.SetHeaderFunc(func() {
		f.SetFont("Helvetica", "", 9)
		f.Text(20, 12, "The Diplomatic Review - Spring 2024")
	})
	f.SetFooterFunc(func() {
		f.SetFont("Helvetica", "", 9)
		f.Text(100, 285, fmt.Sprintf("%d", f.PageNo()))
	})
	y := 0.0
	for i, p := range paragraphs {
		if i%perPage == 0 {
			f.AddPage()
			f.SetFont("Helvetica", "", 11)
			y = 30
		}
		for _, line := range wrap(p, 70) {
			f.Text(20, y, line)
			y += 6
		}
		y += 6
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wrap breaks s into lines of about width characters, hyphenating the
// first long word that would cross the edge.
func wrap(s string, width int) []string {
	var lines []string
	var cur string
	hyphenated := false
	for _, w := range strings.Fields(s) {
		if cur != "" && len(cur)+1+len(w) > width {
			if !hyphenated && len(w) >= 8 && len(cur)+1+4 <= width {
				lines = append(lines, cur+" "+w[:4]+"-")
				cur, hyphenated = w[4:], true
				continue
			}
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur == "" {
			cur = w
		} else {
			cur += " " + w
		}
	}
	return append(lines, cur)
}

func facts(t *testing.T, x *extract.Extractor, text string, meta ontology.Doc) (map[string]bool, *ontology.Extraction) {
	t.Helper()
	ex, err := x.Extract(context.Background(), text, meta)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	out := map[string]bool{}
	for _, r := range ex.Relations {
		out[r.Subject+" "+string(r.Predicate)+" "+r.Object] = true
	}
	return out, ex
}

func TestSameFactsFromTextHTMLAndPDF(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(g)
	ctx := context.Background()
	want, _ := facts(t, x, plainText(), ontology.Doc{})
	if len(want) < 3 {
		t.Fatalf("the plain text gives only %d facts: %v", len(want), want)
	}
	page, err := source.Parse(ctx, newsPage(), "page", "", "https://diplomatic-review.example/x?utm=1", source.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	pdfDoc, err := source.Parse(ctx, articlePDF(t, article, 2), "paper", "", "", source.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []source.Document{page, pdfDoc} {
		t.Run(string(d.Kind), func(t *testing.T) {
			got, ex := facts(t, x, d.Text, d.Meta)
			found, extra := 0, 0
			for f := range got {
				if want[f] {
					found++
				} else {
					extra++
				}
			}
			if found*10 < len(want)*9 || extra*10 > len(want) {
				t.Errorf("%d of %d facts found, %d others\nwant %v\ngot %v\ntext:\n%s", found, len(want), extra, want, got, d.Text)
			}
			for _, r := range ex.Relations {
				for _, e := range r.Evidence {
					for _, b := range boilerplate {
						if strings.Contains(b, e.Sentence) || strings.Contains(e.Sentence, strings.SplitN(b, ":", 2)[0]) {
							t.Errorf("boilerplate as evidence: %q", e.Sentence)
						}
					}
				}
			}
			// Egypt, Israel, India and Pakistan are named only in the
			// boilerplate.
			for _, e := range ex.Entities {
				switch e.ID {
				case "EG", "IL", "IN", "PK":
					t.Errorf("an entity of the boilerplate: %s", e.ID)
				}
			}
			for _, b := range boilerplate {
				if strings.Contains(d.Text, b) {
					t.Errorf("boilerplate in the text: %q", b)
				}
			}
			for _, p := range article {
				if !strings.Contains(d.Text, p) {
					t.Errorf("paragraph not rejoined: %q\ntext:\n%s", p, d.Text)
				}
			}
		})
	}
	if page.Meta.Title != "Central Asia looks west" || page.Meta.Publisher != "The Diplomatic Review" ||
		page.Meta.PublishedAt != "2024-03-15" || page.Meta.Source != "https://diplomatic-review.example/2024/03/central-asia-looks-west" ||
		len(page.Meta.Authors) != 1 || page.Meta.Authors[0] != "Maria Lopez, Ambassador of Chile to Korea" {
		t.Errorf("page metadata: %+v", page.Meta)
	}
	if pdfDoc.Meta.Title != "Central Asia looks west" || len(pdfDoc.Meta.Authors) != 1 || pdfDoc.Meta.Authors[0] != "Maria Lopez" ||
		pdfDoc.Meta.PublishedAt != "2024-03-15" || pdfDoc.Pages != 3 {
		t.Errorf("pdf metadata: %+v pages %d", pdfDoc.Meta, pdfDoc.Pages)
	}
	if strings.Contains(pdfDoc.Text, "Spring 2024") {
		t.Errorf("running header kept:\n%s", pdfDoc.Text)
	}
}

func TestDetect(t *testing.T) {
	pdfBytes := articlePDF(t, article[:1], 1)
	for _, c := range []struct {
		data []byte
		name string
		want source.Kind
	}{
		{[]byte("Kazakhstan and Turkey signed a deal."), "a.txt", source.Text},
		{[]byte("# Title\n\nSome *text*."), "a.md", source.Markdown},
		{newsPage(), "page.txt", source.HTML}, // the bytes win over the name
		{pdfBytes, "paper.txt", source.PDF},
		{[]byte{0x89, 'P', 'N', 'G', 0, 0, 0}, "x.txt", source.Unknown},
	} {
		if got := source.Detect(c.data, c.name, ""); got != c.want {
			t.Errorf("Detect(%s) = %s, want %s", c.name, got, c.want)
		}
	}
	d, err := source.Parse(context.Background(), []byte("# Title\n\nKazakhstan and **Turkey** signed a [deal](https://x).\n"), "a.md", "", "", source.Limits{})
	if err != nil || d.Text != "Title\n\nKazakhstan and Turkey signed a deal.\n" {
		t.Errorf("markdown: %q %v", d.Text, err)
	}
	if _, err := source.Parse(context.Background(), []byte{0x89, 'P', 'N', 'G', 0, 0}, "x", "", "", source.Limits{}); !errors.Is(err, source.ErrUnsupported) {
		t.Errorf("png: %v", err)
	}
}

func TestLimits(t *testing.T) {
	ctx := context.Background()
	big := bytes.Repeat([]byte("<p>word</p>"), 1000)
	if _, err := source.Read(ctx, bytes.NewReader(big), "x.html", "", "", source.Limits{MaxBytes: 1000}); !errors.Is(err, source.ErrTooLarge) {
		t.Errorf("size: %v", err)
	}
	many := articlePDF(t, append(append([]string{}, article...), article...), 1) // 12 pages
	if _, err := source.Parse(ctx, many, "p.pdf", "", "", source.Limits{MaxPages: 10}); !errors.Is(err, source.ErrTooManyPage) {
		t.Errorf("pages: %v", err)
	}
	// A PDF that takes longer than its time limit is refused.
	if _, err := source.Parse(ctx, many, "p.pdf", "", "", source.Limits{PDFTimeout: time.Nanosecond}); !errors.Is(err, source.ErrTimeout) {
		t.Errorf("timeout: %v", err)
	}
	if _, err := source.Parse(ctx, []byte("%PDF-1.4\nnot really a pdf\n"), "p.pdf", "", "", source.Limits{}); err == nil {
		t.Error("broken pdf accepted")
	}
}

func TestHTMLInAnotherEncoding(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Trade</title></head><body><article><p>Kazakhstan and T\xfcrkiye signed a free trade agreement in 2017, and both governments have praised it since then.</p></article></body></html>")
	d, err := source.Parse(context.Background(), page, "p.html", "", "", source.Limits{})
	if err != nil || !strings.Contains(d.Text, "Türkiye") {
		t.Errorf("%v %q", err, d.Text)
	}
}
