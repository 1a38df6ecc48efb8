package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/source"
)

// runExtract prints the facts read from each input document as JSON.
//
// With --format json (default) each document is one JSON object (indented
// with --pretty); with --format jsonl one object per line. Input "-" is
// stdin; with --format jsonl, stdin may hold several documents separated by
// a line that holds only "---" (or a form feed).
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", "print the facts read from files (text, Markdown, HTML, PDF), directories, http(s) URLs or stdin (-) as JSON")
	pretty := boolFlag(fs, "pretty", "", false, "indent the JSON")
	format := stringFlag(fs, "format", "", "json", "json (one object per document) or jsonl (one per line; stdin documents split at lines of ---)")
	title := stringFlag(fs, "title", "", "", "document title (overrides a Title: header)")
	sourceFlag := stringFlag(fs, "source", "", "", "document source (overrides a Source: header)")
	publisher := stringFlag(fs, "publisher", "", "", "document publisher")
	date := stringFlag(fs, "date", "", "", "publication date, ISO 8601")
	authors := stringFlag(fs, "authors", "", "", "comma-separated authors")
	ef := addEngineFlags(fs)
	maxBytes := intFlag(fs, "max-bytes", "DIPLOGRAPH_MAX_BYTES", extract.DefaultMaxBytes, "largest document accepted, in bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "json" && *format != "jsonl" {
		return fmt.Errorf("extract: --format must be json or jsonl, not %q", *format)
	}
	e, err := app.OpenEngine(ctx, ef.config(true, stderr), nil)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	x := e.Extractor.With(extract.WithMaxBytes(*maxBytes))
	meta := ontology.Doc{Title: *title, Source: *sourceFlag, Publisher: *publisher, PublishedAt: *date}
	for _, a := range strings.Split(*authors, ",") {
		if a = strings.TrimSpace(a); a != "" {
			meta.Authors = append(meta.Authors, a)
		}
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if *pretty && *format == "json" {
		enc.SetIndent("", "  ")
	}
	one := func(name, text string, meta ontology.Doc) error {
		ex, err := x.Extract(ctx, text, meta)
		if err != nil {
			return fmt.Errorf("extract %s: %w", name, err)
		}
		return enc.Encode(ex)
	}
	limits := ingest.WithLimits(source.Limits{MaxBytes: int64(*maxBytes)})
	for _, name := range files {
		if name != "-" {
			// A file, a directory of mixed formats or a URL.
			for in, err := range ingest.Files(ctx, []string{name}, nil, limits) {
				if err != nil {
					if errors.Is(err, source.ErrTooLarge) {
						err = fmt.Errorf("%w: %w", extract.ErrTooLarge, err)
					}
					return fmt.Errorf("extract %s: %w", name, err)
				}
				if in.Extraction != nil {
					if err := enc.Encode(in.Extraction); err != nil {
						return err
					}
					continue
				}
				if err := one(in.Name, in.Text, meta.CompletedBy(in.Meta)); err != nil {
					return err
				}
			}
			continue
		}
		text, err := readInput(name, *maxBytes)
		if err != nil {
			return fmt.Errorf("extract %s: %w", name, err)
		}
		if *format == "jsonl" {
			for i, doc := range splitDocuments(text) {
				if strings.TrimSpace(doc) == "" {
					continue
				}
				if err := one(fmt.Sprintf("stdin document %d", i+1), doc, meta); err != nil {
					return err
				}
			}
			continue
		}
		in, err := ingest.ReadDocument("stdin", []byte(text), source.Limits{MaxBytes: int64(*maxBytes)})
		if err != nil {
			return fmt.Errorf("extract %s: %w", name, err)
		}
		if err := one(name, in.Text, meta.CompletedBy(in.Meta)); err != nil {
			return err
		}
	}
	return nil
}

// readInput reads a file (or stdin for "-") without reading more than
// max+1 bytes, so that a huge input fails fast with ErrTooLarge.
func readInput(name string, max int) (string, error) {
	var r io.Reader
	if name == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
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
