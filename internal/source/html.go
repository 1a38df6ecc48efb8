package source

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// readHTML keeps the article's main content (readability drops the
// navigation, share bars, related links, newsletter boxes, banners and
// comments) and reads its metadata from meta tags and JSON-LD.
func readHTML(data []byte, contentType, pageURL string) (Document, error) {
	// Pages in another encoding than UTF-8 (its Content-Type or <meta
	// charset> says which) are decoded first.
	r, err := charset.NewReader(bytes.NewReader(data), contentType)
	if err != nil {
		r = bytes.NewReader(data)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return Document{}, fmt.Errorf("html: %w", err)
	}
	canonical, metaAuthors := pageLinks(doc)
	dropBoilerplate(doc)
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	parser := readability.NewParser()
	art, err := parser.ParseDocument(doc, u)
	if err != nil {
		return Document{}, fmt.Errorf("html: %w", err)
	}
	d := Document{Kind: HTML}
	if art.Node != nil {
		var b strings.Builder
		if err := art.RenderText(&b); err != nil {
			return Document{}, fmt.Errorf("html: %w", err)
		}
		d.Text = tidyText(b.String())
	}
	d.Meta.Title = strings.TrimSpace(art.Title())
	d.Meta.Publisher = strings.TrimSpace(art.SiteName())
	if t, err := art.PublishedTime(); err == nil {
		d.Meta.PublishedAt = t.Format("2006-01-02")
	}
	d.Meta.Authors = metaAuthors
	if len(d.Meta.Authors) == 0 {
		d.Meta.Authors = splitByline(art.Byline())
	}
	switch {
	case canonical != "":
		d.Meta.Source = canonical
	case pageURL != "":
		d.Meta.Source = pageURL
	}
	return d, nil
}

// pageLinks reads the canonical URL and <meta name="author"> tags, which
// readability does not report.
func pageLinks(n *html.Node) (canonical string, authors []string) {
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				if strings.EqualFold(attr(n, "name"), "author") {
					if a := strings.TrimSpace(attr(n, "content")); a != "" {
						authors = append(authors, a)
					}
				}
			case "body":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return canonical, authors
}

// boilerplateMark matches the class, id or role of the containers pages
// mark as not the article: comments, share bars, newsletter and cookie
// boxes, related links. Readability drops them when it scores the page,
// but keeps them when the article is short enough that it takes the
// whole body; dropping them first keeps them out in every case.
var boilerplateMark = regexp.MustCompile(`(?i)\b(comments?|comment-list|disqus|share|sharing|social|newsletter|subscribe|signup|cookies?|consent|gdpr|related|recommended|promo|advert|sponsored|paywall|navigation|menu|breadcrumbs?|complementary|contentinfo)\b`)

func dropBoilerplate(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isBoilerplate(c) {
			n.RemoveChild(c)
		} else {
			dropBoilerplate(c)
		}
		c = next
	}
}

func isBoilerplate(n *html.Node) bool {
	switch n.Data {
	case "nav", "footer", "aside", "form", "dialog", "noscript", "button":
		return true
	case "html", "body", "main", "article":
		return false
	}
	for _, k := range []string{"class", "id", "role"} {
		if v := attr(n, k); v != "" && boilerplateMark.MatchString(v) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// splitByline turns "By Ana Ruiz and Li Wei" into names; a byline with a
// title after a comma ("Maria Lopez, Ambassador of Chile to Korea") stays
// whole, since the title is what first-person resolution needs.
func splitByline(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "By "), "by "))
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, " and ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// tidyText trims each line and collapses runs of blank lines.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	s = strings.Join(lines, "\n")
	return strings.TrimSpace(blankLines.ReplaceAllString(s, "\n\n")) + "\n"
}

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdHeading  = regexp.MustCompile(`(?m)^\s{0,3}#{1,6}\s+`)
	mdList     = regexp.MustCompile(`(?m)^\s*(?:[-*+]|\d+\.)\s+`)
	mdQuote    = regexp.MustCompile(`(?m)^\s*>\s?`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*|_|` + "`" + `)([^*_` + "`" + `\n]+)(\*\*|__|\*|_|` + "`" + `)`)
	mdRule     = regexp.MustCompile(`(?m)^\s*(?:[-*_]\s*){3,}$`)
)

// stripMarkdown removes Markdown markup and keeps the words.
func stripMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdList.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	s = mdRule.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "$2")
	return s
}
