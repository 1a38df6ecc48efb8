package app

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strings"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/ordered"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/source"
)

// DefaultMaxBytes is the largest document extraction accepts by default.
const DefaultMaxBytes = extract.DefaultMaxBytes

// ExtractConfig is what `extract` reads with, as its flags give it.
type ExtractConfig struct {
	Engine EngineConfig
	// Title, Source, Publisher, Date (ISO 8601) and Authors describe every
	// document; a field left empty is taken from the document itself (a
	// page's meta tags, a PDF's info, a Title: header).
	Title, Source, Publisher, Date string
	Authors                        []string
	// MaxBytes is the largest document accepted.
	MaxBytes int
	// SplitStdin reads stdin as several documents separated by lines that
	// hold only "---" (or form feeds).
	SplitStdin bool
	Stdin      io.Reader
	// Workers is how many documents are read at once (default GOMAXPROCS);
	// the output keeps the order of the inputs whatever it is.
	Workers int
}

// Extract reads the facts of each input (a file, a folder of mixed
// formats, an http(s) URL, or "-" for cfg.Stdin) with the engine of cfg and
// passes each document's extraction to emit, in order, reading
// cfg.Workers documents at once.
func Extract(ctx context.Context, cfg ExtractConfig, inputs []string, emit func(any) error) error {
	e, err := OpenEngine(ctx, cfg.Engine, nil)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if e.Service != nil && e.Service.Members != nil && cfg.Engine.Log != nil {
		// with several CoreNLP servers, say how the work was shared
		defer func() {
			if line := serverSummary(e.Service.Members()); line != "" {
				fmt.Fprintln(cfg.Engine.Log, line)
			}
		}()
	}
	x := e.Extractor.With(extract.WithMaxBytes(cfg.MaxBytes))
	meta := ontology.Doc{Title: cfg.Title, Source: cfg.Source, Publisher: cfg.Publisher, PublishedAt: cfg.Date, Authors: cfg.Authors}
	read := func(ctx context.Context, d doc) (*ontology.Extraction, error) {
		if d.done != nil {
			return d.done, nil
		}
		ex, err := x.Extract(ctx, d.text, meta.CompletedBy(d.meta))
		if err != nil {
			return nil, fmt.Errorf("extract %s: %w", d.name, err)
		}
		return ex, nil
	}
	return ordered.Map(ctx, cfg.workers(), reader{cfg}.docs(ctx, inputs), read,
		func(ex *ontology.Extraction) error { return emit(ex) })
}

// workers is how many documents Extract reads at once.
func (cfg ExtractConfig) workers() int {
	if cfg.Workers > 0 {
		return cfg.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// serverSummary is one line on how a list of CoreNLP servers shared the
// work: "corenlp servers: http://a:9000 up 52 pieces, http://b:9000 down 12
// pieces (1 failed)"; "" for one server.
func serverSummary(ms []server.Member) string {
	if len(ms) < 2 {
		return ""
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%s %s %d pieces", m.URL, m.State, m.Requests)
		if m.Failures > 0 {
			parts[i] += fmt.Sprintf(" (%d failed)", m.Failures)
		}
	}
	return "corenlp servers: " + strings.Join(parts, ", ")
}

// doc is one document to extract, or an extraction read as it is.
type doc struct {
	name, text string
	meta       ontology.Doc
	done       *ontology.Extraction
}

// reader reads the inputs of Extract as documents.
type reader struct {
	cfg ExtractConfig
}

// docs yields the documents of every input in order; the first input that
// cannot be read ends it with its error.
func (r reader) docs(ctx context.Context, inputs []string) iter.Seq2[doc, error] {
	return func(yield func(doc, error) bool) {
		for _, name := range inputs {
			if name == "-" {
				if !r.stdin(yield) {
					return
				}
				continue
			}
			if !r.files(ctx, name, yield) {
				return
			}
		}
	}
}

// files yields a file, each document of a folder, or a URL; a file of
// extractor JSON passes as it is. It reports whether to go on.
func (r reader) files(ctx context.Context, name string, yield func(doc, error) bool) bool {
	limits := ingest.WithLimits(source.Limits{MaxBytes: int64(r.cfg.MaxBytes)})
	for in, err := range ingest.Files(ctx, []string{name}, nil, limits) {
		if err != nil {
			if errors.Is(err, source.ErrTooLarge) {
				err = fmt.Errorf("%w: %w", extract.ErrTooLarge, err)
			}
			yield(doc{}, fmt.Errorf("extract %s: %w", name, err))
			return false
		}
		if !yield(doc{name: in.Name, text: in.Text, meta: in.Meta, done: in.Extraction}, nil) {
			return false
		}
	}
	return true
}

// stdin yields stdin: one document in any format, or with SplitStdin
// several texts. It reports whether to go on.
func (r reader) stdin(yield func(doc, error) bool) bool {
	text, err := readAtMost(r.cfg.Stdin, r.cfg.MaxBytes)
	if err != nil {
		yield(doc{}, fmt.Errorf("extract -: %w", err))
		return false
	}
	if r.cfg.SplitStdin {
		for i, d := range splitDocuments(text) {
			if strings.TrimSpace(d) == "" {
				continue
			}
			if !yield(doc{name: fmt.Sprintf("stdin document %d", i+1), text: d}, nil) {
				return false
			}
		}
		return true
	}
	in, err := ingest.ReadDocument("stdin", []byte(text), source.Limits{MaxBytes: int64(r.cfg.MaxBytes)})
	if err != nil {
		yield(doc{}, fmt.Errorf("extract -: %w", err))
		return false
	}
	return yield(doc{name: "-", text: in.Text, meta: in.Meta}, nil)
}

// readAtMost reads r without reading more than max+1 bytes, so that a
// huge input fails fast with extract.ErrTooLarge.
func readAtMost(r io.Reader, max int) (string, error) {
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), int64(max)+1))
	if err != nil {
		return "", err
	}
	if len(data) > max {
		return "", fmt.Errorf("%w: more than %d bytes", extract.ErrTooLarge, max)
	}
	return string(data), nil
}

// splitDocuments splits stdin at lines that hold only "---" and at form
// feeds.
func splitDocuments(s string) []string {
	var docs []string
	var cur bytes.Buffer
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.TrimSpace(line) == "---" {
			docs = append(docs, cur.String())
			cur.Reset()
			continue
		}
		parts := strings.Split(line, "\f")
		for i, p := range parts {
			if i > 0 {
				docs = append(docs, cur.String())
				cur.Reset()
			}
			cur.WriteString(p)
		}
	}
	docs = append(docs, cur.String())
	return docs
}
