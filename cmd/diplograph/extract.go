package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/diplograph/diplograph/internal/app"
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
	workers := intFlag(fs, "workers", "", 0, "documents read at once, 0 for one per core (the output keeps the inputs' order)")
	maxBytes := intFlag(fs, "max-bytes", "DIPLOGRAPH_MAX_BYTES", app.DefaultMaxBytes, "largest document accepted, in bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "json" && *format != "jsonl" {
		return fmt.Errorf("extract: --format must be json or jsonl, not %q", *format)
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
	return app.Extract(ctx, app.ExtractConfig{Engine: ef.config(true, stderr), Title: *title, Source: *sourceFlag, Publisher: *publisher,
		Date: *date, Authors: splitList(*authors), MaxBytes: *maxBytes, SplitStdin: *format == "jsonl", Stdin: os.Stdin, Workers: *workers}, files, enc.Encode)
}
