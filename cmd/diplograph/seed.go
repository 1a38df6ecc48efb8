package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"iter"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("seed", "load the reference data and the seed corpus (or the given files of text, Markdown, HTML or PDF, directories, http(s) URLs, extractor JSON) into Neo4j")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	workers := intFlag(fs, "workers", "DIPLOGRAPH_WORKERS", 2, "concurrent load transactions")
	batch := intFlag(fs, "batch", "DIPLOGRAPH_BATCH", 1, "documents per load transaction (all or nothing; a failed batch is retried one document at a time)")
	verbose := boolFlag(fs, "v", "", false, "print one line per document")
	inf := addInputFlags(fs)
	ef := addEngineFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, closeDB, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := s.CheckSchema(ctx); err != nil {
		return err
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	rs, err := s.LoadReference(ctx, g)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reference: %d nodes, %d facts (%d nodes and %d relationships created)\n", rs.Nodes, rs.Facts, rs.NodesCreated, rs.RelationshipsCreated)
	inputs := ingest.FS(seed.FS, "corpus/*.txt")
	corpus, _ := iofs.Glob(seed.FS, "corpus/*.txt")
	total := len(corpus)
	if fs.NArg() > 0 || inf.any() {
		inputs = inf.inputs(ctx, fs.Args())
		total = ingest.Count(fs.Args())
		if inf.any() {
			total = -1
		}
	}
	e, err := app.OpenEngine(ctx, ef.config(true, stderr), g)
	if err != nil {
		return err
	}
	return runCounted(ctx, ingest.New(e.Extractor, s), inputs, total, *workers, *batch, *verbose, stdout, stderr)
}

// runPipeline ingests inputs, one document per transaction, and prints a
// summary (and per-document lines when verbose); failures are printed as
// they come.
func runPipeline(ctx context.Context, svc *ingest.Service, inputs iter.Seq2[ingest.Input, error], workers int, verbose bool, stdout, stderr io.Writer) error {
	return runBatches(ctx, svc, inputs, workers, 1, verbose, stdout, stderr)
}

// runBatches is runPipeline with batch documents per transaction. A
// document that fails because a dependency is unavailable (CoreNLP or
// Neo4j down, perhaps being restarted) is tried again with backoff, about
// a minute in all; the documents that still failed are listed at the end.
func runBatches(ctx context.Context, svc *ingest.Service, inputs iter.Seq2[ingest.Input, error], workers, batch int, verbose bool, stdout, stderr io.Writer) error {
	return runCounted(ctx, svc, inputs, -1, workers, batch, verbose, stdout, stderr)
}

// runCounted is runBatches with the number of documents expected (-1
// when unknown), for the progress shown.
func runCounted(ctx context.Context, svc *ingest.Service, inputs iter.Seq2[ingest.Input, error], total, workers, batch int, verbose bool, stdout, stderr io.Writer) error {
	var failed []ingest.Result
	prog := newProgress(stderr, total)
	sum, err := svc.Run(ctx, inputs, ingest.Options{Workers: workers, Batch: batch, Retry: retryable, OnResult: func(r ingest.Result) {
		if r.Err != nil || verbose {
			prog.clear()
		}
		defer prog.add(r)
		switch {
		case r.Err != nil:
			failed = append(failed, r)
			fmt.Fprintf(stderr, "error: %v\n", r.Err)
		case verbose:
			state := "loaded"
			if r.Stats.Unchanged() {
				state = "unchanged"
			}
			fmt.Fprintf(stdout, "%s %s %s: %d facts, %d sentences, %d nodes and %d relationships created\n",
				state, r.Document.ID, r.Name, r.Stats.Facts, r.Stats.Sentences, r.Stats.NodesCreated, r.Stats.RelationshipsCreated)
		}
	}})
	prog.finish()
	fmt.Fprintf(stdout, "%d document(s): %d loaded, %d unchanged, %d failed; %d facts, %d nodes and %d relationships created, %d properties set in %s\n",
		sum.Docs, sum.Docs-sum.Failed-sum.Unchanged, sum.Unchanged, sum.Failed, sum.Facts, sum.NodesCreated, sum.RelationshipsCreated, sum.PropertiesSet, sum.Wall.Round(1e6))
	if len(failed) > 0 {
		fmt.Fprintf(stderr, "%d document(s) failed (none is partly written):\n", len(failed))
		for _, r := range failed {
			name := r.Name
			if name == "" {
				name = r.Document.ID
			}
			tries := ""
			if r.Attempts > 1 {
				tries = fmt.Sprintf(" (after %d attempts)", r.Attempts)
			}
			fmt.Fprintf(stderr, "  %s%s: %v\n", name, tries, r.Err)
		}
	}
	return err
}

// retryable says whether a document's failure may pass: a dependency
// unavailable or a timeout, not the run being cancelled.
func retryable(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	return errors.Is(err, context.DeadlineExceeded) || store.Unavailable(err)
}
