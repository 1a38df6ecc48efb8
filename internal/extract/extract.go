// Package extract reads facts out of articles about international relations:
// entities with canonical ids from the gazetteer, relations of the ontology
// with their evidence, confidence and modality (docs/ONTOLOGY.md, "The extract
// contract").
//
// The pipeline runs in stages, each in files of its own with their own
// tests:
//
//	text.Normalize / text.ParseHeader / text.Split  (package extract/text)
//	parse               parsed.go     with a Parser (WithParser): sentences,
//	                                  lemmas and dependencies from CoreNLP;
//	                                  minted organizations, names in
//	                                  apposition, first-person mentions
//	author              author.go     whom an op-ed speaks for (byline,
//	                                  standfirst, body)
//	tokenize            tokens.go     words and punctuation with folded keys
//	recognize           recognize.go  gazetteer longest match (trie.go),
//	                    names.go      named nodes and their ids, group
//	                                  nouns, acronym definitions
//	resolve             coref.go      "the two countries", "the summit",
//	                                  "the deal", ... across sentences
//	modality            modality.go   expected / negated / reported per clause
//	surface rules       rules*.go     one file per family of predicates
//	dependency rules    deps*.go      over CoreNLP's enhanced++ dependencies,
//	                                  one file per family, arguments in
//	                                  deps_args.go, triggers from
//	                                  seed/lexicon (lexicon.go)
//	output              output.go     entities, relations, sorting
//
// Both engines read the same mentions; the parser-backed one runs the
// surface rules and the dependency rules over them (docs/extraction.md).
//
// Offsets in evidence are rune offsets into the normalised text (end
// exclusive), so that evidence.sentence == []rune(text)[start:end].
//
// An Extractor is immutable after New and safe for concurrent use.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// Errors for input that cannot be read as an article.
var (
	ErrEmpty       = errors.New("empty document")
	ErrBinary      = errors.New("binary data, not text")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrTooLarge    = errors.New("document too large")
)

// Defaults for the input limits.
const (
	DefaultMaxBytes         = 8 << 20 // 8 MiB of input text
	DefaultMaxSentenceBytes = 2000    // longer sentences are cut at spaces
	DefaultMaxRelations     = 10000   // per document
)

// Extractor reads facts from texts. Build it with New.
type Extractor struct {
	g            *gazetteer.Gazetteer
	trie         *trie
	cities       *trie // the gazetteer's other cities, for venues
	maxBytes     int
	maxSentence  int
	maxRelations int
	parser       Parser
	engine       string
	lex          *lexicon
	lexErr       error
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithMaxBytes sets the largest input, in bytes, that Extract accepts;
// larger input gets ErrTooLarge.
func WithMaxBytes(n int) Option { return func(x *Extractor) { x.maxBytes = n } }

// WithMaxSentenceBytes sets the longest sentence; longer ones are cut at
// spaces into pieces of at most n bytes.
func WithMaxSentenceBytes(n int) Option { return func(x *Extractor) { x.maxSentence = n } }

// WithMaxRelations caps the relations read from one document; facts past
// the cap are dropped (the first ones in text order are kept).
func WithMaxRelations(n int) Option { return func(x *Extractor) { x.maxRelations = n } }

// New builds an Extractor over the gazetteer g.
func New(g *gazetteer.Gazetteer, opts ...Option) *Extractor {
	x := &Extractor{
		g:            g,
		trie:         buildTrie(g),
		cities:       buildCityTrie(g),
		maxBytes:     DefaultMaxBytes,
		maxSentence:  DefaultMaxSentenceBytes,
		maxRelations: DefaultMaxRelations,
	}
	x.lex, x.lexErr = defaultLexicon()
	for _, o := range opts {
		o(x)
	}
	if x.maxSentence <= 0 {
		x.maxSentence = DefaultMaxSentenceBytes
	}
	return x
}

// With returns a copy of x with opts applied; x is unchanged (the
// gazetteer index and the parser are shared).
func (x *Extractor) With(opts ...Option) *Extractor {
	y := *x
	for _, o := range opts {
		o(&y)
	}
	return &y
}

// MaxBytes is the largest input Extract accepts.
func (x *Extractor) MaxBytes() int { return x.maxBytes }

// DocumentID returns the id of a normalised text: "doc:" and the first 16
// hex digits of its SHA-256.
func DocumentID(normalised string) string {
	sum := sha256.Sum256([]byte(normalised))
	return "doc:" + hex.EncodeToString(sum[:8])
}

// Extract reads one document. meta may carry Title, Source, Publisher,
// Authors and PublishedAt; fields it leaves empty are filled from a header
// at the top of the text ("Source:", "Title:", ...). ID and Length are
// computed. A text in which nothing is recognised gives an empty result,
// not an error.
func (x *Extractor) Extract(ctx context.Context, raw string, meta ontology.Doc) (*ontology.Extraction, error) {
	if err := x.check(raw); err != nil {
		return nil, err
	}
	if x.lexErr != nil {
		return nil, x.lexErr
	}
	t := text.Normalize(raw)
	if t == "" {
		return nil, ErrEmpty
	}
	h := text.ParseHeader(t)
	doc := meta.CompletedBy(ontology.Doc{Title: h.Title, Source: h.Source, Publisher: h.Publisher, Authors: h.Authors, PublishedAt: h.Date})
	doc.ID = DocumentID(t)
	doc.Length = utf8.RuneCountInString(t)
	doc.Engine = x.Engine()
	d := newDocument(x, t, doc)
	d.findAuthor()
	if x.parser != nil {
		if err := d.parse(ctx, h); err != nil {
			return nil, err
		}
	} else {
		d.segment(h)
	}
	if err := d.recognize(ctx); err != nil {
		return nil, err
	}
	if err := d.relate(ctx); err != nil {
		return nil, err
	}
	return d.output(), nil
}

// check rejects input that is too large, not UTF-8 or binary.
func (x *Extractor) check(raw string) error {
	if x.maxBytes > 0 && len(raw) > x.maxBytes {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(raw), x.maxBytes)
	}
	if !utf8.ValidString(raw) {
		return ErrInvalidUTF8
	}
	control := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == 0 {
			return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			control++
		}
	}
	if control > 8 && control*10 > len(raw) {
		return fmt.Errorf("%w: %d control characters in %d bytes", ErrBinary, control, len(raw))
	}
	return nil
}
