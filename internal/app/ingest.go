package app

import (
	"context"
	"errors"
	"io"
	iofs "io/fs"
	"iter"
	"strings"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/source"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

// DefaultMaxFeedItems is how many items are read from a feed at most.
const DefaultMaxFeedItems = ingest.DefaultMaxFeedItems

// Inputs are the documents a load reads: files, folders, URLs and "-"
// (stdin), then the items of feeds; or the seed corpus (Corpus).
type Inputs struct {
	// Paths are files, folders (recursive, mixed formats), http(s) URLs
	// (a feed among them is detected) and "-" for Stdin.
	Paths []string
	Stdin io.Reader
	// Feeds are comma-separated RSS or Atom feed URLs: each item's page
	// is fetched and read.
	Feeds string
	// MaxFeedItems bounds the items read from each feed.
	MaxFeedItems int

	corpus bool
}

// Empty says whether nothing is to be read: no path and no feed.
func (in Inputs) Empty() bool { return !in.corpus && len(in.Paths) == 0 && !in.hasFeeds() }

func (in Inputs) hasFeeds() bool { return strings.TrimSpace(in.Feeds) != "" }

// Total is how many documents the inputs hold, when their names tell
// (files, and each file of a folder), else -1 (a feed, a URL that may be
// one).
func (in Inputs) Total() int {
	switch {
	case in.corpus:
		corpus, _ := iofs.Glob(seed.FS, corpusPattern)
		return len(corpus)
	case in.hasFeeds():
		return -1
	default:
		return ingest.Count(in.Paths)
	}
}

// documents are the inputs, read as they are iterated. The command line
// may fetch from any address (the server refuses private ones).
func (in Inputs) documents(ctx context.Context) iter.Seq2[ingest.Input, error] {
	if in.corpus {
		return ingest.FS(seed.FS, corpusPattern)
	}
	fetcher := source.NewFetcher(source.FetchOptions{AllowPrivate: true})
	files := ingest.Files(ctx, in.Paths, in.Stdin, ingest.WithFetcher(fetcher), ingest.WithMaxFeedItems(in.MaxFeedItems))
	return func(yield func(ingest.Input, error) bool) {
		for doc, err := range files {
			if !yield(doc, err) {
				return
			}
		}
		for _, u := range strings.Split(in.Feeds, ",") {
			if u = strings.TrimSpace(u); u == "" {
				continue
			}
			for doc, err := range ingest.Feed(ctx, fetcher, u, in.MaxFeedItems) {
				if !yield(doc, err) {
					return
				}
			}
		}
	}
}

// Result is what loading one document did.
type Result = ingest.Result

// LoadOptions tune a load.
type LoadOptions struct {
	// Workers is the number of concurrent load transactions.
	Workers int
	// Batch is the number of documents per transaction (all or nothing;
	// a failed batch is retried one document at a time).
	Batch int
	// OnResult, when set, is called for every document, from one
	// goroutine, in completion order.
	OnResult func(Result)
	// Reload extracts and loads again the texts the engine loaded before;
	// otherwise they are skipped (a run started again resumes).
	Reload bool
}

// Loader extracts documents and loads them into the graph.
type Loader struct {
	svc *ingest.Service
}

// OpenLoader opens the extraction engine of e and returns what loads
// documents into s with it; the engine reads with the reference data
// LoadReference loaded, if it did.
func (s *Store) OpenLoader(ctx context.Context, e EngineConfig) (*Loader, error) {
	eng, err := OpenEngine(ctx, e, s.gazetteer)
	if err != nil {
		return nil, err
	}
	return &Loader{svc: ingest.New(eng.Extractor, s.st)}, nil
}

// Loader loads documents with the application's extractor and store.
func (a *App) Loader() *Loader { return &Loader{svc: a.Ingest} }

// Load extracts and loads every input, one document per transaction
// (o.Batch per transaction). A document that fails because a dependency
// is unavailable (CoreNLP or Neo4j down, perhaps being restarted) is tried
// again with backoff, about a minute in all. A failing document does not
// stop the others; the error then wraps ingest.ErrFailed.
func (l *Loader) Load(ctx context.Context, in Inputs, o LoadOptions) (ingest.Summary, error) {
	return l.svc.Run(ctx, in.documents(ctx), ingest.Options{Workers: o.Workers, Batch: o.Batch, Retry: retryable, OnResult: o.OnResult, Reload: o.Reload})
}

// retryable says whether a document's failure may pass: a dependency
// unavailable or a timeout, not the run being cancelled.
func retryable(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	return errors.Is(err, context.DeadlineExceeded) || store.Unavailable(err)
}
