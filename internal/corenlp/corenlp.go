// Package corenlp is a client of a Stanford CoreNLP server: it sends a text
// with the annotators diplograph reads (tokens, lemmas, parts of speech,
// named entities, enhanced++ dependencies) and decodes the JSON answer into
// sentences whose offsets are byte offsets into the text that was sent.
//
// The server is a separate process (CoreNLP is GPL v3+); package
// corenlpserver provisions and starts one. This package only speaks HTTP.
// Client talks to one server; Pool spreads the pieces of texts over
// several (a list such as CORENLP_URL takes: ParseEndpoints), following a
// DNS name to every address it resolves to (dns+http://corenlp:9000) and
// taking servers that fail out of its rotation.
//
// Decisions (measured on the development texts, see docs/extraction.md):
//   - Annotators tokenize,ssplit,pos,lemma,ner,depparse. Constituency
//     parsing is not needed: the relation rules read enhanced++
//     dependencies, which propagate subjects and objects over coordination,
//     relative pronouns and controlled verbs.
//   - NER with the 3-class model only, without SUTime, numeric
//     classifiers and fine-grained classes: they cost most of NER's time
//     and the gazetteer already knows countries and nationalities; NER is
//     read for ORGANIZATION, LOCATION and PERSON spans the gazetteer lacks.
//   - No CoreNLP coreference: the statistical system triples the time of a
//     request and did not link the genre's "the bloc" / "the union" to the
//     organization named before; the extractor's genre rules do that.
//   - Every line break ends a sentence: the normalised text keeps one
//     paragraph or heading per line.
//   - JSON output: decoding a 20 KB op-ed takes a few milliseconds against
//     seconds of annotation, and it needs no generated code.
package corenlp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// Annotators is the pipeline diplograph asks for; a server can preload it.
const Annotators = "tokenize,ssplit,pos,lemma,ner,depparse"

// properties of every request. The server caches one pipeline per distinct
// set, so they never vary between requests.
var properties = map[string]string{
	"annotators":                    Annotators,
	"outputFormat":                  "json",
	"ssplit.newlineIsSentenceBreak": "always",
	"ner.useSUTime":                 "false",
	"ner.applyNumericClassifiers":   "false",
	"ner.applyFineGrained":          "false",
	"ner.buildEntityMentions":       "true",
	"ner.model":                     nerModel,
	// a dash between spaces is sent as one (wireText); as "--" the
	// parser reads it as the clause break it is
	"tokenize.options": "dashes=ascii",
}

// nerModel is the one NER model run: the 3-class model (person,
// organization, location). CoreNLP's default adds a 4-class and a 7-class
// model after it, whose extra classes (MISC, MONEY, PERCENT, DATE, TIME)
// changed no fact on any annotated set and cost about a tenth of the time.
const nerModel = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz"

// Properties returns a copy of the request properties (for documentation
// and for servers that want to preload the same pipeline).
func Properties() map[string]string {
	return maps.Clone(properties)
}

// Errors of the client.
var (
	// ErrUnavailable: the server could not be reached or answered 5xx.
	ErrUnavailable = errors.New("corenlp server unavailable")
	// ErrTooLarge: a paragraph is longer than one request may be.
	ErrTooLarge = errors.New("text too large for the corenlp server")
)

// DefaultMaxRequestBytes is the largest text sent in one request; longer
// texts are split at line boundaries and the pieces annotated
// concurrently (DefaultConcurrency at a time), so a long article uses the
// server's threads in parallel.
const DefaultMaxRequestBytes = 8 << 10

// DefaultConcurrency is how many requests one Annotate call has in flight.
const DefaultConcurrency = 2

// Client talks to one CoreNLP server. It is safe for concurrent use.
type Client struct {
	base        string
	props       map[string]string // the request properties (tests may change them)
	query       string
	hc          *http.Client
	maxBytes    int
	concurrency int
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (timeouts come from the context).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithMaxRequestBytes sets the largest text of one request.
func WithMaxRequestBytes(n int) Option { return func(c *Client) { c.maxBytes = n } }

// WithConcurrency sets how many requests one Annotate call sends at once
// (at least 1); match it to the server's -threads.
func WithConcurrency(n int) Option { return func(c *Client) { c.concurrency = max(1, n) } }

// New returns a client of the server at baseURL ("http://127.0.0.1:9000").
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("corenlp: bad server URL %q: want http(s)://host:port", baseURL)
	}
	c := &Client{
		base:        u.String(),
		props:       Properties(),
		hc:          &http.Client{Transport: http.DefaultTransport},
		maxBytes:    DefaultMaxRequestBytes,
		concurrency: DefaultConcurrency,
	}
	for _, o := range opts {
		o(c)
	}
	maps.DeleteFunc(c.props, func(_, v string) bool { return v == "" })
	props, err := json.Marshal(c.props)
	if err != nil {
		return nil, fmt.Errorf("corenlp: %w", err)
	}
	c.query = "?properties=" + url.QueryEscape(string(props))
	return c, nil
}

// URL is the server's base URL.
func (c *Client) URL() string { return c.base }

// Ready asks the server's /ready endpoint; nil means it answers.
func (c *Client) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return c.ready(ctx)
}

// ready is one GET /ready bounded by ctx only. A transport error is
// wrapped beside ErrUnavailable, so that callers can tell a timeout
// (context.DeadlineExceeded) from a refused connection.
func (c *Client) ready(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/ready", nil)
	if err != nil {
		return fmt.Errorf("corenlp: %w", err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrUnavailable, c.base, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: %s/ready answered %s", ErrUnavailable, c.base, resp.Status)
	}
	return nil
}

// Annotate annotates text. Texts longer than the request limit are sent
// in pieces cut at line ends; offsets in the result are byte offsets into
// text, and sentence indexes run over the whole text.
func (c *Client) Annotate(ctx context.Context, text string) (*Document, error) {
	ps := pieces(text, c.maxBytes)
	if err := checkPieces(ps); err != nil {
		return nil, err
	}
	parts := make([]*Document, len(ps))
	eg, ectx := errgroup.WithContext(ctx)
	eg.SetLimit(c.concurrency)
	for i, p := range ps {
		eg.Go(func() error {
			var err error
			parts[i], err = c.annotate(ectx, text[p.start:p.end])
			return err // the first failure cancels the others: the document fails
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	return assemble(ps, parts), nil
}

// assemble joins the pieces' documents into the whole text's: offsets
// shifted by each piece's start, sentence indexes running over the text.
func assemble(ps []piece, parts []*Document) *Document {
	doc := &Document{}
	for i, part := range parts {
		for _, s := range part.Sentences {
			s.shift(ps[i].start)
			s.Index = len(doc.Sentences)
			doc.Sentences = append(doc.Sentences, s)
		}
	}
	return doc
}

// checkPieces returns the first piece's error (a paragraph too long).
func checkPieces(ps []piece) error {
	for _, p := range ps {
		if p.err != nil {
			return p.err
		}
	}
	return nil
}

type piece struct {
	start, end int
	err        error
}

// pieces cuts text at line ends into runs of at most max bytes.
func pieces(text string, max int) []piece {
	if max <= 0 || len(text) <= max {
		return []piece{{0, len(text), nil}}
	}
	var out []piece
	start := 0
	for start < len(text) {
		if len(text)-start <= max {
			out = append(out, piece{start, len(text), nil})
			break
		}
		cut := strings.LastIndexByte(text[start:start+max], '\n')
		if cut <= 0 {
			return append(out, piece{err: fmt.Errorf("%w: a paragraph at byte %d is longer than %d bytes", ErrTooLarge, start, max)})
		}
		out = append(out, piece{start, start + cut + 1, nil})
		start += cut + 1
	}
	return out
}

func (c *Client) annotate(ctx context.Context, text string) (*Document, error) {
	if strings.TrimSpace(text) == "" {
		return &Document{}, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/"+c.query, strings.NewReader(wireText(text)))
	if err != nil {
		return nil, fmt.Errorf("corenlp: %w", err)
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("corenlp: %w", ctx.Err())
		}
		return nil, fmt.Errorf("%w: %s: %w", ErrUnavailable, c.base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("corenlp: %w", ctx.Err())
		}
		return nil, fmt.Errorf("%w: %s: reading the answer: %w", ErrUnavailable, c.base, err)
	}
	switch {
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("%w: %s answered %s: %s", ErrUnavailable, c.base, resp.Status, snippet(body))
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("corenlp: %s answered %s: %s", c.base, resp.Status, snippet(body))
	}
	var raw rawDocument
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("corenlp: decoding the answer: %w", err)
	}
	return raw.document(text)
}

func snippet(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}

// wireText is the text as the server is sent it: a hyphen between spaces
// is a dash (diplograph's normal form folds every dash into '-'), which
// the parser, given "-", reads as a hyphen and loses the clause around
// it: "The seven nations - all members of NATO - paused ...". A dash is
// one UTF-16 code unit, as the hyphen is, so the server's offsets still
// count code units of text.
func wireText(text string) string {
	if !strings.Contains(text, " - ") {
		return text
	}
	return strings.ReplaceAll(text, " - ", " \u2013 ")
}

// byteOffsets maps UTF-16 code unit offsets (Java's) of text to byte
// offsets; index i holds the byte offset of code unit i, and the last entry
// the text's length.
func byteOffsets(text string) []int {
	out := make([]int, 0, len(text)+1)
	for i, r := range text {
		out = append(out, i)
		if utf16.RuneLen(r) == 2 {
			out = append(out, i)
		}
	}
	return append(out, len(text))
}

func (raw *rawDocument) document(text string) (*Document, error) {
	var offs []int
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		offs = byteOffsets(text)
	}
	conv := func(o int) (int, error) {
		if o < 0 {
			return 0, fmt.Errorf("corenlp: negative offset %d", o)
		}
		if offs == nil {
			if o > len(text) {
				return 0, fmt.Errorf("corenlp: offset %d past the text's end", o)
			}
			return o, nil
		}
		if o >= len(offs) {
			return 0, fmt.Errorf("corenlp: offset %d past the text's end", o)
		}
		return offs[o], nil
	}
	doc := &Document{Sentences: make([]Sentence, 0, len(raw.Sentences))}
	for _, rs := range raw.Sentences {
		s := Sentence{Index: rs.Index, Tokens: make([]Token, len(rs.Tokens))}
		for i, rt := range rs.Tokens {
			b, err := conv(rt.Begin)
			if err != nil {
				return nil, err
			}
			e, err := conv(rt.End)
			if err != nil {
				return nil, err
			}
			s.Tokens[i] = Token{Word: rt.Word, Lemma: rt.Lemma, POS: rt.POS, NER: rt.NER, Begin: b, End: e}
		}
		n := len(s.Tokens)
		for _, list := range []struct {
			in  []rawDep
			out *[]Dep
		}{{rs.Basic, &s.Basic}, {rs.Enhanced, &s.Deps}} {
			for _, d := range list.in {
				if d.Dependent < 1 || d.Dependent > n || d.Governor < 0 || d.Governor > n {
					return nil, fmt.Errorf("corenlp: dependency %s %d->%d outside the sentence", d.Dep, d.Governor, d.Dependent)
				}
				*list.out = append(*list.out, Dep{Rel: d.Dep, Gov: d.Governor - 1, Dep: d.Dependent - 1})
			}
		}
		for _, m := range rs.Mentions {
			if m.TokenBegin < 0 || m.TokenEnd > n || m.TokenBegin >= m.TokenEnd {
				continue
			}
			s.Mentions = append(s.Mentions, Mention{Start: m.TokenBegin, End: m.TokenEnd, NER: m.NER, Text: m.Text})
		}
		doc.Sentences = append(doc.Sentences, s)
	}
	return doc, nil
}

// rawDocument is the server's JSON, only what is read.
type rawDocument struct {
	Sentences []struct {
		Index    int        `json:"index"`
		Tokens   []rawToken `json:"tokens"`
		Basic    []rawDep   `json:"basicDependencies"`
		Enhanced []rawDep   `json:"enhancedPlusPlusDependencies"`
		Mentions []struct {
			TokenBegin int    `json:"tokenBegin"`
			TokenEnd   int    `json:"tokenEnd"`
			Text       string `json:"text"`
			NER        string `json:"ner"`
		} `json:"entitymentions"`
	} `json:"sentences"`
}

type rawToken struct {
	Word  string `json:"word"`
	Lemma string `json:"lemma"`
	POS   string `json:"pos"`
	NER   string `json:"ner"`
	Begin int    `json:"characterOffsetBegin"`
	End   int    `json:"characterOffsetEnd"`
}

type rawDep struct {
	Dep       string `json:"dep"`
	Governor  int    `json:"governor"`
	Dependent int    `json:"dependent"`
}

// Warmup annotates one sentence on the server at baseURL with the request
// properties, so that the server builds (and caches) exactly this pipeline
// before real work arrives: the annotators a server preloads at start are
// another pipeline (the properties differ), and loading NER and the parser
// takes seconds. It fits corenlpserver.Options.Warmup.
func Warmup(ctx context.Context, baseURL string) error {
	c, err := New(baseURL)
	if err != nil {
		return err
	}
	_, err = c.Annotate(ctx, warmupText)
	return err
}

// warmupText is the sentence Warmup (and the pool, before it routes
// requests to a server) sends.
const warmupText = "Diplograph warms up: Chile signed an agreement with Korea in Seoul."
