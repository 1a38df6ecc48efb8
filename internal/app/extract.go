package app

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/ontology"
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
}

// Extract reads the facts of each input (a file, a folder of mixed
// formats, an http(s) URL, or "-" for cfg.Stdin) with the engine of cfg and
// passes each document's extraction to emit, in order.
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
	r := reader{x: e.Extractor.With(extract.WithMaxBytes(cfg.MaxBytes)), cfg: cfg, emit: emit,
		meta: ontology.Doc{Title: cfg.Title, Source: cfg.Source, Publisher: cfg.Publisher, PublishedAt: cfg.Date, Authors: cfg.Authors}}
	for _, name := range inputs {
		if name == "-" {
			err = r.stdin(ctx)
		} else {
			err = r.files(ctx, name)
		}
		if err != nil {
			return err
		}
	}
	return nil
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

// reader extracts inputs for Extract.
type reader struct {
	x    *extract.Extractor
	cfg  ExtractConfig
	meta ontology.Doc
	emit func(any) error
}

// one extracts one document's text, the flags' metadata over its own.
func (r *reader) one(ctx context.Context, name, text string, own ontology.Doc) error {
	ex, err := r.x.Extract(ctx, text, r.meta.CompletedBy(own))
	if err != nil {
		return fmt.Errorf("extract %s: %w", name, err)
	}
	return r.emit(ex)
}

// files extracts a file, each document of a folder, or a URL; a file of
// extractor JSON passes as it is.
func (r *reader) files(ctx context.Context, name string) error {
	limits := ingest.WithLimits(source.Limits{MaxBytes: int64(r.cfg.MaxBytes)})
	for in, err := range ingest.Files(ctx, []string{name}, nil, limits) {
		if err != nil {
			if errors.Is(err, source.ErrTooLarge) {
				err = fmt.Errorf("%w: %w", extract.ErrTooLarge, err)
			}
			return fmt.Errorf("extract %s: %w", name, err)
		}
		if in.Extraction != nil {
			if err := r.emit(in.Extraction); err != nil {
				return err
			}
			continue
		}
		if err := r.one(ctx, in.Name, in.Text, in.Meta); err != nil {
			return err
		}
	}
	return nil
}

// stdin extracts stdin: one document in any format, or with SplitStdin
// several texts.
func (r *reader) stdin(ctx context.Context) error {
	text, err := readAtMost(r.cfg.Stdin, r.cfg.MaxBytes)
	if err != nil {
		return fmt.Errorf("extract -: %w", err)
	}
	if r.cfg.SplitStdin {
		for i, doc := range splitDocuments(text) {
			if strings.TrimSpace(doc) == "" {
				continue
			}
			if err := r.one(ctx, fmt.Sprintf("stdin document %d", i+1), doc, ontology.Doc{}); err != nil {
				return err
			}
		}
		return nil
	}
	in, err := ingest.ReadDocument("stdin", []byte(text), source.Limits{MaxBytes: int64(r.cfg.MaxBytes)})
	if err != nil {
		return fmt.Errorf("extract -: %w", err)
	}
	return r.one(ctx, "-", in.Text, in.Meta)
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
