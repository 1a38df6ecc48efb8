package main

import (
	"context"
	"errors"
	"io"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/ingest"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", "extract facts from files (text, Markdown, HTML, PDF), directories, http(s) URLs or stdin (-) and load them into Neo4j, one document per transaction")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	workers := intFlag(fs, "workers", "DIPLOGRAPH_WORKERS", 2, "concurrent load transactions")
	batch := intFlag(fs, "batch", "DIPLOGRAPH_BATCH", 1, "documents per load transaction (all or nothing; a failed batch is retried one document at a time)")
	quiet := boolFlag(fs, "q", "", false, "print only the summary")
	inf := addInputFlags(fs)
	ef := addEngineFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 && !inf.any() {
		return errors.New("ingest: give FILE, DIR or URL ... (or - for stdin), or --feed URL")
	}
	s, closeDB, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := s.CheckSchema(ctx); err != nil {
		return err
	}
	e, err := app.OpenEngine(ctx, ef.config(true, stderr), nil)
	if err != nil {
		return err
	}
	total := ingest.Count(fs.Args())
	if inf.any() {
		total = -1
	}
	return runCounted(ctx, ingest.New(e.Extractor, s), inf.inputs(ctx, fs.Args()), total, *workers, *batch, !*quiet, stdout, stderr)
}
