package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/app"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", "extract facts from files (text, Markdown, HTML, PDF), directories, http(s) URLs or stdin (-) and load them into Neo4j, one document per transaction")
	fs.SetOutput(stderr)
	lf := addLoadFlags(fs)
	quiet := boolFlag(fs, "q", "", false, "print only the summary")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in := lf.inputs.inputs(fs.Args())
	if in.Empty() {
		return errors.New("ingest: give FILE, DIR or URL ... (or - for stdin), or --feed URL")
	}
	s, err := app.OpenStore(ctx, lf.store.neo4j())
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	return lf.load(ctx, s, in, !*quiet, stdout, stderr)
}

// loadFlags are the flags of the commands that extract documents and
// load them into Neo4j (ingest, seed).
type loadFlags struct {
	store          *storeFlags
	engine         *engineFlags
	inputs         *inputFlags
	workers, batch *int
	reload         *bool
}

func addLoadFlags(fs *flag.FlagSet) *loadFlags {
	return &loadFlags{
		store:   addStoreFlags(fs),
		engine:  addEngineFlags(fs),
		inputs:  addInputFlags(fs),
		workers: intFlag(fs, "workers", "DIPLOGRAPH_WORKERS", 2, "concurrent load transactions"),
		batch:   intFlag(fs, "batch", "DIPLOGRAPH_BATCH", 1, "documents per load transaction (all or nothing; a failed batch is retried one document at a time)"),
		reload:  boolFlag(fs, "reload", "", false, "extract and load again the texts this engine loaded before (after upgrading diplograph); without it they are skipped, so a run started again resumes"),
	}
}

// load opens the extraction engine over s (a CoreNLP server it starts
// keeps running for the next command) and loads in.
func (f *loadFlags) load(ctx context.Context, s *app.Store, in app.Inputs, verbose bool, stdout, stderr io.Writer) error {
	l, err := s.OpenLoader(ctx, f.engine.config(true, stderr))
	if err != nil {
		return err
	}
	return load(ctx, l, in, in.Total(), app.LoadOptions{Workers: *f.workers, Batch: *f.batch, Reload: *f.reload}, verbose, stdout, stderr)
}

// load loads the inputs with l and prints what it did: a summary, the
// documents that failed (as they fail and again at the end), and with
// verbose a line per document. total is the number of documents expected
// (-1 when unknown), for the progress shown.
func load(ctx context.Context, l *app.Loader, in app.Inputs, total int, o app.LoadOptions, verbose bool, stdout, stderr io.Writer) error {
	var failed []app.Result
	prog := newProgress(stderr, total)
	o.OnResult = func(r app.Result) {
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
	}
	sum, err := l.Load(ctx, in, o)
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
