// Package source turns an input as people have it (plain text, Markdown,
// an HTML page, a PDF) into the text to extract and the document's
// metadata. The format is detected from the bytes, not only the name.
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Kind is a detected input format.
type Kind string

// The formats read.
const (
	Text     Kind = "text"
	Markdown Kind = "markdown"
	HTML     Kind = "html"
	PDF      Kind = "pdf"
	Unknown  Kind = "unknown"
)

// Errors, to test with errors.Is.
var (
	ErrTooLarge    = errors.New("input too large")
	ErrTooManyPage = errors.New("PDF has too many pages")
	ErrTimeout     = errors.New("reading the input took too long")
	ErrUnsupported = errors.New("unsupported format")
	ErrNoText      = errors.New("no text found")
)

// Limits bound the work one input may cost.
type Limits struct {
	MaxBytes   int64         // largest input read; 0 means DefaultMaxBytes
	MaxPages   int           // most PDF pages; 0 means DefaultMaxPages
	PDFTimeout time.Duration // longest PDF parse; 0 means DefaultPDFTimeout
	// MaxInflated bounds the PDF page content once decompressed, all pages
	// together; 0 means DefaultMaxInflated.
	MaxInflated int64
}

// Defaults for Limits.
const (
	DefaultMaxBytes   = 32 << 20
	DefaultMaxPages   = 500
	DefaultPDFTimeout = 20 * time.Second
	// DefaultMaxInflated is far above what text pages hold (a dense page
	// is some 10 KB of operators) and far below what a bomb inflates to.
	DefaultMaxInflated = 64 << 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultMaxPages
	}
	if l.PDFTimeout <= 0 {
		l.PDFTimeout = DefaultPDFTimeout
	}
	if l.MaxInflated <= 0 {
		l.MaxInflated = DefaultMaxInflated
	}
	return l
}

// Document is what an input reads as.
type Document struct {
	Kind  Kind
	Text  string
	Meta  ontology.Doc
	Pages int // PDF pages read
}

// Detect tells the format of data; name (a file name or URL path) and
// contentType (an HTTP header) are hints used only when the bytes are not
// conclusive.
func Detect(data []byte, name, contentType string) Kind {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("%PDF-")) {
		return PDF
	}
	sniffed := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(sniffed, "text/html"):
		return HTML
	case strings.HasPrefix(sniffed, "application/pdf"):
		return PDF
	}
	lowerHead := bytes.ToLower(trimmed)
	if bytes.HasPrefix(lowerHead, []byte("<?xml")) && bytes.Contains(lowerHead, []byte("<html")) {
		return HTML
	}
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return HTML
	case strings.Contains(ct, "pdf"):
		return PDF
	case strings.Contains(ct, "markdown"):
		return Markdown
	}
	if !strings.HasPrefix(sniffed, "text/") {
		return Unknown
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return Markdown
	case ".html", ".htm", ".xhtml":
		return HTML
	}
	return Text
}

// Read reads one input of at most l.MaxBytes; name and contentType are
// hints for detection, pageURL (may be "") the page's address for HTML.
func Read(ctx context.Context, r io.Reader, name, contentType, pageURL string, l Limits) (Document, error) {
	l = l.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, l.MaxBytes+1))
	if err != nil {
		return Document{}, err
	}
	if int64(len(data)) > l.MaxBytes {
		return Document{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, l.MaxBytes)
	}
	return Parse(ctx, data, name, contentType, pageURL, l)
}

// Parse reads data already in memory (see Read).
func Parse(ctx context.Context, data []byte, name, contentType, pageURL string, l Limits) (Document, error) {
	l = l.withDefaults()
	if int64(len(data)) > l.MaxBytes {
		return Document{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, l.MaxBytes)
	}
	var d Document
	var err error
	switch k := Detect(data, name, contentType); k {
	case PDF:
		d, err = readPDF(ctx, data, l)
	case HTML:
		d, err = readHTML(data, contentType, pageURL)
	case Markdown:
		d = Document{Kind: Markdown, Text: stripMarkdown(string(data))}
	case Text:
		d = Document{Kind: Text, Text: string(data)}
	default:
		if utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
			d = Document{Kind: Text, Text: string(data)}
		} else {
			return Document{}, fmt.Errorf("%w: %s", ErrUnsupported, http.DetectContentType(data))
		}
	}
	if err != nil {
		return Document{}, err
	}
	if d.Meta.Source == "" && pageURL != "" {
		d.Meta.Source = pageURL
	}
	if strings.TrimSpace(d.Text) == "" {
		return d, fmt.Errorf("%s: %w", d.Kind, ErrNoText)
	}
	return d, nil
}
