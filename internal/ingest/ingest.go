// Package ingest turns texts into graph: extract, then load, one document
// per transaction. It is what the CLI (seed, ingest) and the GraphQL
// mutation call. Run streams many documents through a bounded pipeline:
// extraction goroutines feed a bounded channel read by several concurrent
// load transactions, so memory does not grow with the corpus.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/supervise"

	"github.com/diplograph/diplograph/internal/errs"
)

// Service extracts and loads documents.
type Service struct {
	x *extract.Extractor
	s *store.Store
}

// New returns a Service extracting with x and loading into s.
func New(x *extract.Extractor, s *store.Store) *Service {
	return &Service{x: x, s: s}
}

// Result is what ingesting one document did.
type Result struct {
	Name       string               `json:"name,omitempty"` // the input's name (a file), when it has one
	Document   ontology.Doc         `json:"document"`
	Relations  int                  `json:"relations"` // extracted
	Stats      store.LoadStats      `json:"stats"`
	Extraction *ontology.Extraction `json:"-"`
	Err        error                `json:"-"`
	// Attempts is how many times the document was tried (Options.Retry).
	Attempts int `json:"attempts,omitempty"`
}

// Ingest extracts the facts of text and loads them in one transaction.
// Ingesting the same text again changes nothing. Errors from extraction
// (extract.ErrEmpty, ...) and validation are returned wrapped, and wrap
// errs.ErrInvalid when the input is at fault; nothing is written then.
func (sv *Service) Ingest(ctx context.Context, text string, meta ontology.Doc) (Result, error) {
	r := sv.one(ctx, Input{Text: text, Meta: meta})
	return r, r.Err
}

// Input is one document for Run: a text to extract, or an extraction made
// earlier (then Text is ignored).
type Input struct {
	Name       string
	Text       string
	Meta       ontology.Doc
	Extraction *ontology.Extraction
}

// loadedBefore is the set of documents this engine loaded before, read
// once for the run (empty with Reload, or when the store cannot say: then
// every text is read).
func (sv *Service) loadedBefore(ctx context.Context, o Options) map[string]bool {
	if o.Reload {
		return nil
	}
	ids, err := sv.s.LoadedBy(ctx, sv.x.Engine())
	if err != nil {
		return nil
	}
	return ids
}

// loaded reports, for a text Run is given, whether this engine loaded it
// before (its id is the hash of the normalised text), so that a run
// started again costs such a document a hash. Not for extractions given as
// JSON.
func (sv *Service) loaded(before map[string]bool, in Input) (Result, bool) {
	if len(before) == 0 || in.Extraction != nil || in.Text == "" {
		return Result{}, false
	}
	t := text.Normalize(in.Text)
	if t == "" {
		return Result{}, false
	}
	id := extract.DocumentID(t)
	if !before[id] {
		return Result{}, false
	}
	return Result{Name: in.Name, Document: ontology.Doc{ID: id, Engine: sv.x.Engine()}, Stats: store.LoadStats{Document: id}}, true
}

func (sv *Service) extract(ctx context.Context, in Input) (Result, *ontology.Extraction) {
	r := Result{Name: in.Name}
	x := in.Extraction
	if x == nil {
		var err error
		x, err = sv.x.Extract(ctx, in.Text, in.Meta)
		if err != nil {
			r.Err = fmt.Errorf("extract %s: %w", nameOr(in.Name, "text"), inputError(err))
			return r, nil
		}
	}
	r.Document, r.Relations, r.Extraction = x.Document, len(x.Relations), x
	// Validate here, so that a bad document fails alone instead of
	// failing the batch it would have joined.
	if err := store.Validate(x); err != nil {
		r.Err = fmt.Errorf("%s: %w", nameOr(in.Name, x.Document.ID), err)
		return r, nil
	}
	return r, x
}

// inputError marks the extractor's refusals of its input (empty, binary,
// not UTF-8, too large) as the caller's: they wrap errs.ErrInvalid too.
func inputError(err error) error {
	if errors.Is(err, extract.ErrEmpty) || errors.Is(err, extract.ErrBinary) ||
		errors.Is(err, extract.ErrTooLarge) || errors.Is(err, extract.ErrInvalidUTF8) {
		return fmt.Errorf("%w: %w", errs.ErrInvalid, err)
	}
	if errors.Is(err, extract.ErrParser) {
		// CoreNLP is down or failed: nothing was written, try again later
		return fmt.Errorf("%w: %w", errs.ErrEngineUnavailable, err)
	}
	return err
}

// loadBatch loads a batch in one transaction; if that fails for another
// reason than ctx, each document is loaded alone so that only the culprit
// fails. In the results, the batch's write counters are on the first
// document.
func (sv *Service) loadBatch(ctx context.Context, batch []extracted) []Result {
	if len(batch) == 1 {
		return []Result{sv.load(ctx, batch[0].r, batch[0].x)}
	}
	xs := make([]*ontology.Extraction, len(batch))
	for i, e := range batch {
		xs[i] = e.x
	}
	out := make([]Result, len(batch))
	bs, err := sv.s.LoadBatch(ctx, xs)
	if err != nil {
		for i, e := range batch {
			if ctx.Err() != nil {
				out[i] = e.r
				out[i].Err = ctx.Err()
				continue
			}
			out[i] = sv.load(ctx, e.r, e.x)
		}
		return out
	}
	for i, e := range batch {
		out[i] = e.r
		out[i].Stats = bs.Docs[i]
	}
	out[0].Stats.NodesCreated = bs.Total.NodesCreated
	out[0].Stats.RelationshipsCreated = bs.Total.RelationshipsCreated
	out[0].Stats.PropertiesSet = bs.Total.PropertiesSet
	return out
}

type extracted struct {
	r Result
	x *ontology.Extraction
}

func (sv *Service) load(ctx context.Context, r Result, x *ontology.Extraction) Result {
	st, err := sv.s.Load(ctx, x)
	r.Stats = st
	if err != nil {
		r.Err = fmt.Errorf("%s: %w", nameOr(r.Name, x.Document.ID), err)
	}
	return r
}

func (sv *Service) one(ctx context.Context, in Input) Result {
	r, x := sv.extract(ctx, in)
	if r.Err != nil {
		return r
	}
	return sv.load(ctx, r, x)
}

func nameOr(name, def string) string {
	if name != "" {
		return name
	}
	return def
}

// Options tune Run.
type Options struct {
	// Workers is the number of concurrent load transactions (default 4).
	Workers int
	// Extractors is the number of extraction goroutines (default GOMAXPROCS).
	Extractors int
	// Batch is the number of documents a load worker writes per
	// transaction (default 1: one document, one transaction). A batch is
	// all or nothing, hence so is each of its documents; when a batch
	// fails, its documents are loaded one by one so only the bad one fails.
	// Batches are much faster: one query per label and predicate for the
	// whole batch instead of per document.
	Batch int
	// OnResult, when set, is called for every document, from one goroutine,
	// in completion order.
	OnResult func(Result)
	// KeepExtractions keeps Result.Extraction for OnResult (otherwise it is
	// dropped as soon as the document is loaded).
	KeepExtractions bool
	// Reload extracts and loads again the texts this engine loaded before
	// (after the rules changed); otherwise they are skipped, so that a run
	// started again resumes where it stopped.
	Reload bool
	// Retry, when set, says whether a document's failure is worth trying
	// again (a dependency unavailable: CoreNLP or Neo4j down). Such a
	// document is extracted or loaded again after RetryBackoff.Delay(n),
	// at most RetryAttempts more times (default 6: 1+2+4+8+16+30 s with
	// the default backoff, about a minute, which covers a supervised
	// restart). A load is one transaction and ingestion is idempotent, so
	// a retry never leaves a partial or duplicate document.
	Retry         func(error) bool
	RetryAttempts int
	RetryBackoff  supervise.Backoff
}

// retry runs try again while its result's error is retryable, waiting
// RetryBackoff between attempts; the result counts its attempts.
func (o Options) retry(ctx context.Context, r Result, try func() Result) Result {
	r.Attempts = max(r.Attempts, 1)
	if o.Retry == nil {
		return r
	}
	for n := 1; r.Err != nil && n <= o.RetryAttempts && o.Retry(r.Err) && ctx.Err() == nil; n++ {
		t := time.NewTimer(o.RetryBackoff.Delay(n))
		select {
		case <-ctx.Done():
			t.Stop()
			return r
		case <-t.C:
		}
		attempts := r.Attempts
		r = try()
		r.Attempts = attempts + 1
	}
	return r
}

// Summary adds up a Run.
type Summary struct {
	Docs                 int           `json:"docs"`
	Failed               int           `json:"failed"`
	Unchanged            int           `json:"unchanged"` // loaded before: nothing written
	Relations            int           `json:"relations"` // extracted
	Facts                int           `json:"facts"`
	Sentences            int           `json:"sentences"`
	NodesCreated         int           `json:"nodes_created"`
	RelationshipsCreated int           `json:"relationships_created"`
	PropertiesSet        int           `json:"properties_set"`
	Extract              time.Duration `json:"extract_ns"` // summed over extraction goroutines
	Load                 time.Duration `json:"load_ns"`    // summed over load workers
	Wall                 time.Duration `json:"wall_ns"`
}

func (s *Summary) add(r Result) {
	s.Docs++
	if r.Err != nil {
		s.Failed++
		return
	}
	if r.Stats.Unchanged() {
		s.Unchanged++
	}
	s.Relations += r.Relations
	s.Facts += r.Stats.Facts
	s.Sentences += r.Stats.Sentences
	s.NodesCreated += r.Stats.NodesCreated
	s.RelationshipsCreated += r.Stats.RelationshipsCreated
	s.PropertiesSet += r.Stats.PropertiesSet
}

// ErrFailed is wrapped by Run's error when some documents failed.
var ErrFailed = errors.New("documents failed")

// Run ingests every input: extraction in Extractors goroutines, loading in
// Workers concurrent transactions, one document per transaction, through
// bounded channels (at most a few documents per worker in memory). A
// failing document does not stop the others: Run's error then wraps
// ErrFailed and names the first failure. An error from inputs counts as a
// failed document. Cancelling ctx stops Run; documents whose transaction
// did not commit leave nothing behind.
func (sv *Service) Run(ctx context.Context, inputs iter.Seq2[Input, error], o Options) (Summary, error) {
	o = o.withDefaults()
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := &pipeline{sv: sv, o: o,
		loaded:  sv.loadedBefore(ctx, o),
		jobs:    make(chan job, o.Extractors),
		toLoad:  make(chan extracted, o.Batch*o.Workers),
		results: make(chan Result, o.Batch*o.Workers)}

	go p.feed(ctx, inputs)
	var ewg sync.WaitGroup
	for range o.Extractors {
		ewg.Go(func() { p.extractWorker(ctx) })
	}
	go func() { ewg.Wait(); close(p.toLoad) }()
	var lwg sync.WaitGroup
	for range o.Workers {
		lwg.Go(func() { p.loadWorker(ctx) })
	}
	go func() { lwg.Wait(); close(p.results) }()

	var sum Summary
	var first error
	for r := range p.results {
		sum.add(r)
		if r.Err != nil && first == nil {
			first = r.Err
		}
		if o.OnResult != nil {
			o.OnResult(r)
		}
	}
	p.mu.Lock()
	sum.Extract, sum.Load = p.extractBusy, p.loadBusy
	p.mu.Unlock()
	sum.Wall = time.Since(start)
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if first != nil {
		return sum, fmt.Errorf("%w: %d of %d; first: %w", ErrFailed, sum.Failed, sum.Docs, first)
	}
	return sum, nil
}

// withDefaults fills the options left at zero.
func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Extractors <= 0 {
		o.Extractors = runtime.GOMAXPROCS(0)
	}
	if o.Batch <= 0 {
		o.Batch = 1
	}
	if o.RetryAttempts <= 0 {
		o.RetryAttempts = 6
	}
	if o.RetryBackoff.Initial <= 0 {
		o.RetryBackoff = supervise.Backoff{Initial: time.Second, Max: 30 * time.Second}
	}
	return o
}

// job is one input to extract, or the error of reading it.
type job struct {
	in  Input
	err error
}

// pipeline is one Run: inputs are fed to the extractors, whose output the
// loaders write in batches; every document ends as one Result.
type pipeline struct {
	sv     *Service
	o      Options
	loaded map[string]bool // documents this engine loaded before (skipped); read once, never written

	jobs                  chan job
	toLoad                chan extracted
	results               chan Result
	mu                    sync.Mutex
	extractBusy, loadBusy time.Duration
}

// feed sends the inputs to the extractors until they end or ctx is done.
func (p *pipeline) feed(ctx context.Context, inputs iter.Seq2[Input, error]) {
	defer close(p.jobs)
	for in, err := range inputs {
		select {
		case p.jobs <- job{in, err}:
		case <-ctx.Done():
			return
		}
	}
}

// extractWorker extracts jobs (retrying an unavailable engine) and passes
// them on to the loaders.
func (p *pipeline) extractWorker(ctx context.Context) {
	var busy time.Duration
	defer func() { p.mu.Lock(); p.extractBusy += busy; p.mu.Unlock() }()
	for j := range p.jobs {
		var e extracted
		if j.err != nil {
			e.r = Result{Name: j.in.Name, Err: j.err}
		} else if r, ok := p.sv.loaded(p.loaded, j.in); ok {
			e.r = r // loaded before by this engine: nothing to extract or write
		} else {
			t := time.Now()
			e.r, e.x = p.sv.extract(ctx, j.in)
			e.r = p.o.retry(ctx, e.r, func() Result {
				var r Result
				r, e.x = p.sv.extract(ctx, j.in)
				return r
			})
			busy += time.Since(t)
		}
		select {
		case p.toLoad <- e:
		case <-ctx.Done():
			return
		}
	}
}

// loadWorker writes what is ready, up to a full batch at a time, without
// waiting for a batch to fill; a document that fails in a batch is
// retried alone.
func (p *pipeline) loadWorker(ctx context.Context) {
	var busy time.Duration
	defer func() { p.mu.Lock(); p.loadBusy += busy; p.mu.Unlock() }()
	batch := make([]extracted, 0, p.o.Batch)
	flush := func() bool {
		if len(batch) == 0 {
			return true
		}
		t := time.Now()
		rs := p.sv.loadBatch(ctx, batch)
		for i, r := range rs {
			if r.Err != nil && batch[i].x != nil {
				e := batch[i]
				rs[i] = p.o.retry(ctx, r, func() Result { return p.sv.load(ctx, e.r, e.x) })
			}
		}
		busy += time.Since(t)
		batch = batch[:0]
		for _, r := range rs {
			if !p.o.KeepExtractions {
				r.Extraction = nil
			}
			if !p.send(ctx, r) {
				return false
			}
		}
		return true
	}
	for e := range p.toLoad {
		if e.r.Err != nil || e.x == nil {
			if !p.send(ctx, e.r) {
				return
			}
			continue
		}
		batch = append(batch, e)
		// Take what is ready, up to a full batch, without waiting.
	fill:
		for len(batch) < p.o.Batch {
			select {
			case more, ok := <-p.toLoad:
				if !ok {
					flush()
					return
				}
				if more.r.Err != nil || more.x == nil {
					if !p.send(ctx, more.r) {
						return
					}
					continue
				}
				batch = append(batch, more)
			default:
				break fill
			}
		}
		if !flush() {
			return
		}
	}
}

// send reports a result; false when ctx is done first.
func (p *pipeline) send(ctx context.Context, r Result) bool {
	select {
	case p.results <- r:
		return true
	case <-ctx.Done():
		return false
	}
}
