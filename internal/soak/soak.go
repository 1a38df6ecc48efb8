// Package soak drives a diplograph server with a steady, bounded mix of
// GraphQL queries and ingests, and checks that it holds: no errors, no
// growth of heap or goroutines, and a graph whose counts match what was
// ingested. `diplograph soak` runs it; a short version runs as a test.
//
// It is a load tool aimed at our own server: it only talks to loopback
// addresses, and both its duration and its rate are capped.
package soak

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/reliability"
	"github.com/diplograph/diplograph/internal/synth"
)

// Caps on what a soak may ask for.
const (
	MaxDuration = 2 * time.Hour
	MaxRate     = 500 // requests per second
	maxInFlight = 64
)

// Options say what to drive and how hard.
type Options struct {
	// URL is a running server's base URL (http://127.0.0.1:8080); it must
	// be a loopback address. Empty: Run starts a server in this process
	// over Driver, so that the heap and goroutines are read directly.
	URL    string
	APIKey string // for the ingests; generated for an in-process server

	// Driver and Database: the Neo4j of the in-process server, also used
	// for the final counts check (required without URL, optional with it).
	Driver   neo4j.DriverWithContext
	Database string

	Duration    time.Duration // default 1 minute
	Rate        int           // requests per second, default 20
	IngestShare float64       // share of requests that are ingests, default 0.05
	Seed        uint64        // synthetic corpus seed
	Warmup      time.Duration // before the "before" sample; default min(10s, Duration/10)

	Progress io.Writer // a line every 10 seconds; nil for none
	Logger   *slog.Logger

	// Serve starts the in-process server (required without URL): the
	// application wired over Driver by the composition root, which this
	// package does not know.
	Serve ServeFunc

	// Fault mode: Kill is called every FaultEvery from the start of the
	// timed run, e.g. to SIGKILL the Neo4j the command started, which
	// the server given by Serve watches and supervises, as `up` does.
	// Requests answered UNAVAILABLE are then expected and counted apart;
	// any other error still fails, the server must be ready again after
	// each fault, and the counts check still holds (no acknowledged
	// ingest lost, none partial).
	Kill       func() error
	FaultEvery time.Duration
}

// Sample is the process's memory at one moment.
type Sample struct {
	HeapAlloc  uint64 `json:"heap_alloc"`
	Goroutines int    `json:"goroutines"`
}

// Summary is what a soak saw.
type Summary struct {
	Duration   time.Duration  `json:"duration"`
	Requests   int64          `json:"requests"`
	ByKind     map[string]int `json:"by_kind"`
	Errors     int64          `json:"errors"`
	ErrorKinds map[string]int `json:"error_kinds,omitempty"`
	Overload   int64          `json:"overload"` // ticks skipped: maxInFlight requests outstanding
	P50, P99   time.Duration
	KindP50    map[string]time.Duration
	Before     Sample `json:"before"`
	After      Sample `json:"after"`
	Peak       Sample `json:"peak"`
	Ingested   int    `json:"ingested"` // new documents
	// Fault mode: kills done, requests answered UNAVAILABLE, and the
	// longest time from a kill to /readyz 200 again.
	Faults      int           `json:"faults,omitempty"`
	Unavailable int64         `json:"unavailable,omitempty"`
	Recovery    time.Duration `json:"recovery_ns,omitempty"`
	Graph       struct {
		Before, After, Reingested reliability.State
	} `json:"-"`
	Checks []Check `json:"checks"`

	recoveryFailed bool
}

// Check is one pass/fail verdict of the summary.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// OK reports whether every check passed.
func (s *Summary) OK() bool {
	for _, c := range s.Checks {
		if !c.OK {
			return false
		}
	}
	return len(s.Checks) > 0
}

// Print writes the summary for people.
func (s *Summary) Print(w io.Writer) {
	kinds := make([]string, 0, len(s.ByKind))
	for k, n := range s.ByKind {
		kinds = append(kinds, fmt.Sprintf("%s %d (p50 %s)", k, n, s.KindP50[k].Round(100*time.Microsecond)))
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "soak: %s, %d requests (%s), %d errors, %d overload skips, latency p50 %s p99 %s\n",
		s.Duration.Round(time.Second), s.Requests, strings.Join(kinds, ", "), s.Errors, s.Overload,
		s.P50.Round(100*time.Microsecond), s.P99.Round(100*time.Microsecond))
	if len(s.ErrorKinds) > 0 {
		fmt.Fprintf(w, "errors: %v\n", s.ErrorKinds)
	}
	fmt.Fprintf(w, "heap: %.1f MiB before, %.1f MiB after (peak sample %.1f MiB); goroutines: %d before, %d after (peak %d)\n",
		mib(s.Before.HeapAlloc), mib(s.After.HeapAlloc), mib(s.Peak.HeapAlloc), s.Before.Goroutines, s.After.Goroutines, s.Peak.Goroutines)
	if s.Graph.After.Checksum != "" {
		fmt.Fprintf(w, "graph before: %v\ngraph after:  %v\n", s.Graph.Before, s.Graph.After)
	}
	for _, c := range s.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "%s %s: %s\n", mark, c.Name, c.Detail)
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// ServeFunc starts a server in this process on a loopback port, with
// apiKey for mutations and logging to log, and returns its base URL and a
// function that stops it.
type ServeFunc func(ctx context.Context, apiKey string, log *slog.Logger) (base string, stop func(), err error)

// ErrFailed is returned by Run when a check failed.
var ErrFailed = errors.New("soak: checks failed")

// Run soaks the server and returns its summary; the error wraps ErrFailed
// when a check failed.
func Run(ctx context.Context, o Options) (*Summary, error) {
	if o.Duration <= 0 {
		o.Duration = time.Minute
	}
	if o.Rate <= 0 {
		o.Rate = 20
	}
	if o.IngestShare <= 0 {
		o.IngestShare = 0.05
	}
	if o.Duration > MaxDuration || o.Rate > MaxRate {
		return nil, fmt.Errorf("soak: at most %s at %d requests/s", MaxDuration, MaxRate)
	}
	if o.Warmup <= 0 {
		o.Warmup = min(10*time.Second, o.Duration/10)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	gen, err := synth.New(g, o.Seed)
	if err != nil {
		return nil, err
	}
	r := &runner{o: o, gen: gen, client: &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: maxInFlight}}}
	defer r.client.CloseIdleConnections()
	if o.URL == "" {
		stop, err := r.startServer(ctx)
		if err != nil {
			return nil, err
		}
		defer stop()
	} else {
		if err := loopbackOnly(o.URL); err != nil {
			return nil, err
		}
		r.base = strings.TrimSuffix(o.URL, "/")
	}
	return r.run(ctx)
}

// loopbackOnly refuses URLs that are not on this machine.
func loopbackOnly(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("soak: %q is not an http URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("soak: %s is not a loopback address; soak only drives servers on this machine", host)
}

type runner struct {
	o      Options
	gen    *synth.Generator
	client *http.Client
	base   string
	inProc bool

	requests, errs, overload atomic.Int64
	unavailable              atomic.Int64 // fault mode: UNAVAILABLE answers
	nextDoc                  atomic.Int64
	mu                       sync.Mutex
	byKind, errKinds         map[string]int
	latencies                []time.Duration
	kindLatency              map[string][]time.Duration
	attempted                map[int]bool     // article indexes sent
	done                     map[int]ingested // article indexes whose ingest answered
}

// startServer runs a server in this process (Options.Serve).
func (r *runner) startServer(ctx context.Context) (func(), error) {
	if r.o.Serve == nil {
		return nil, errors.New("soak: no server to drive: give a URL or a way to serve in this process")
	}
	if r.o.APIKey == "" {
		r.o.APIKey = "soak-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	base, stop, err := r.o.Serve(ctx, r.o.APIKey, r.o.Logger)
	if err != nil {
		return nil, err
	}
	r.base, r.inProc = base, true
	return stop, nil
}

// queries are the read mix, chosen round-robin with a varying argument.
var countries = []string{"KZ", "TR", "UZ", "SA", "QA", "CN", "RU", "IR", "AZ", "KG", "TM", "AE", "EG", "IN", "PK"}

func (r *runner) query(i int) (kind, q string) {
	c, d := countries[i%len(countries)], countries[(i/len(countries)+i+1)%len(countries)]
	if c == d {
		d = "KZ"
	}
	switch i % 5 {
	case 0:
		return "country", fmt.Sprintf(`{ country(id:%q) { name relations(first:20) { type target { id name } evidence { sentence } } memberships { target { id } } } }`, c)
	case 1:
		return "search", fmt.Sprintf(`{ search(query:%q, first:10) { score entity { id } evidence { sentence } } }`, []string{"pipeline", "trade", "energy", "Kazakhstan", "investment", "security"}[i%6])
	case 2:
		return "bilateral", fmt.Sprintf(`{ bilateral(a:%q, b:%q) { relations { type } agreements { node { id } } organizations { node { id } } timeline { year label } } }`, c, d)
	case 3:
		return "entities", `{ entities(filter:{kind:COUNTRY}, first:50) { totalCount edges { node { id name } } } }`
	default:
		return "documents", `{ documents(first:10) { totalCount edges { node { id title relations(first:5) { type } } } } }`
	}
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends one GraphQL request; a non-nil error says what went wrong.
func (r *runner) post(ctx context.Context, body any, key bool) (*gqlResponse, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+"/graphql", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if key {
		req.Header.Set("Authorization", "Bearer "+r.o.APIKey)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("transport")
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read")
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("http %d", resp.StatusCode)
	}
	var gr gqlResponse
	if err := json.Unmarshal(raw, &gr); err != nil {
		return nil, fmt.Errorf("not json")
	}
	if len(gr.Errors) > 0 {
		code, _ := gr.Errors[0].Extensions["code"].(string)
		return &gr, fmt.Errorf("graphql %s", code)
	}
	return &gr, nil
}

const ingestMutation = `mutation($t: String!, $title: String, $src: String) {
  ingestDocument(input:{text:$t, title:$title, source:$src}) { document { id } unchanged counts { sentences } } }`

// ingested is what the server said of one ingest.
type ingested struct {
	id        string
	sentences int
	unchanged bool
}

// ingest sends synthetic article n.
func (r *runner) ingest(ctx context.Context, n int) (ingested, error) {
	r.mu.Lock()
	r.attempted[n] = true
	r.mu.Unlock()
	a := r.gen.Article(n)
	gr, err := r.post(ctx, map[string]any{"query": ingestMutation,
		"variables": map[string]any{"t": a.Text, "title": a.Title, "src": a.Source}}, true)
	if err != nil {
		return ingested{}, err
	}
	var out struct {
		IngestDocument struct {
			Document  struct{ ID string }
			Unchanged bool
			Counts    struct{ Sentences int }
		}
	}
	if err := json.Unmarshal(gr.Data, &out); err != nil {
		return ingested{}, fmt.Errorf("decode")
	}
	d := out.IngestDocument
	res := ingested{id: d.Document.ID, sentences: d.Counts.Sentences, unchanged: d.Unchanged}
	r.mu.Lock()
	if _, ok := r.done[n]; !ok {
		r.done[n] = res
	}
	r.mu.Unlock()
	return res, nil
}

func (r *runner) one(ctx context.Context, i int) {
	start := time.Now()
	var kind string
	var err error
	if r.o.IngestShare > 0 && i%int(1/r.o.IngestShare) == 0 {
		kind = "ingest"
		_, err = r.ingest(ctx, int(r.nextDoc.Add(1)-1))
	} else {
		var q string
		kind, q = r.query(i)
		_, err = r.post(ctx, map[string]any{"query": q}, false)
	}
	d := time.Since(start)
	r.requests.Add(1)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byKind[kind]++
	r.latencies = append(r.latencies, d)
	r.kindLatency[kind] = append(r.kindLatency[kind], d)
	if err != nil {
		if r.o.Kill != nil && err.Error() == "graphql UNAVAILABLE" {
			r.unavailable.Add(1)
			return
		}
		r.errs.Add(1)
		r.errKinds[kind+": "+err.Error()]++
	}
}

func (r *runner) run(ctx context.Context) (*Summary, error) {
	r.byKind, r.errKinds, r.attempted, r.done = map[string]int{}, map[string]int{}, map[int]bool{}, map[int]ingested{}
	r.kindLatency = map[string][]time.Duration{}
	sum := &Summary{}
	var err error
	if sum.Graph.Before, err = r.snapshot(ctx); err != nil {
		return nil, err
	}
	// Warm up, uncounted: the first ingest after a start plans its Cypher
	// and can take seconds; the timed run measures the steady state.
	if _, err := r.ingest(ctx, int(r.nextDoc.Add(1)-1)); err != nil {
		return nil, fmt.Errorf("soak: warm-up ingest: %w", err)
	}
	for i := range 5 {
		_, q := r.query(i)
		if _, err := r.post(ctx, map[string]any{"query": q}, false); err != nil {
			return nil, fmt.Errorf("soak: warm-up query %d: %w", i, err)
		}
	}
	begin := time.Now()
	lctx, cancel := context.WithTimeout(ctx, r.o.Duration)
	defer cancel()
	sem := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	var faultMu sync.Mutex
	if r.o.Kill != nil && r.o.FaultEvery > 0 {
		wg.Go(func() { r.faults(lctx, sum, &faultMu) })
	}
	tick := time.NewTicker(time.Second / time.Duration(r.o.Rate))
	defer tick.Stop()
	sampleTick := time.NewTicker(10 * time.Second)
	defer sampleTick.Stop()
	warmed := false
	for i := 0; ; i++ {
		select {
		case <-lctx.Done():
		case <-sampleTick.C:
			if s, err := r.sample(ctx); err == nil {
				sum.Peak.HeapAlloc = max(sum.Peak.HeapAlloc, s.HeapAlloc)
				sum.Peak.Goroutines = max(sum.Peak.Goroutines, s.Goroutines)
				if r.o.Progress != nil {
					fmt.Fprintf(r.o.Progress, "soak: %s: %d requests, %d errors, heap %.1f MiB, %d goroutines\n",
						time.Since(begin).Round(time.Second), r.requests.Load(), r.errs.Load(), mib(s.HeapAlloc), s.Goroutines)
				}
			}
			continue
		case <-tick.C:
		}
		if lctx.Err() != nil {
			break
		}
		if !warmed && time.Since(begin) >= r.o.Warmup {
			warmed = true
			if sum.Before, err = r.sample(ctx); err != nil {
				return nil, err
			}
		}
		select {
		case sem <- struct{}{}:
			wg.Go(func() {
				defer func() { <-sem }()
				r.one(ctx, i) // finishes even when the soak's time is up
			})
		default:
			r.overload.Add(1)
		}
	}
	wg.Wait()
	sum.Duration = time.Since(begin)
	time.Sleep(time.Second) // let closed connections' goroutines end
	if sum.After, err = r.sample(ctx); err != nil {
		return nil, err
	}
	if !warmed {
		sum.Before = sum.After
	}

	sum.Requests, sum.Errors, sum.Overload = r.requests.Load(), r.errs.Load(), r.overload.Load()
	sum.Unavailable = r.unavailable.Load()
	sum.ByKind, sum.ErrorKinds = r.byKind, r.errKinds
	sum.KindP50 = map[string]time.Duration{}
	for k, ds := range r.kindLatency {
		slices.Sort(ds)
		sum.KindP50[k] = ds[len(ds)/2]
	}
	slices.Sort(r.latencies)
	if n := len(r.latencies); n > 0 {
		sum.P50, sum.P99 = r.latencies[n/2], r.latencies[min(n-1, n*99/100)]
	}
	sum.Checks = append(sum.Checks,
		Check{"requests", sum.Requests > 0, fmt.Sprintf("%d sent", sum.Requests)},
		Check{"errors", sum.Errors == 0, fmt.Sprintf("%d errors, %d overload skips", sum.Errors, sum.Overload)},
		heapCheck(sum.Before, sum.After),
		Check{"goroutines", sum.After.Goroutines <= sum.Before.Goroutines+10,
			fmt.Sprintf("%d -> %d (allowed: +10)", sum.Before.Goroutines, sum.After.Goroutines)})
	if r.o.Kill != nil {
		sum.Checks = append(sum.Checks, Check{"faults", sum.Faults > 0 && !sum.recoveryFailed,
			fmt.Sprintf("%d kills, ready again within %s of each (at most); %d requests answered UNAVAILABLE meanwhile",
				sum.Faults, sum.Recovery.Round(100*time.Millisecond), sum.Unavailable)})
		// The counts check needs the server up: the run may end mid-outage.
		if _, err := r.waitReady(ctx, time.Now(), false); err != nil {
			sum.Checks = append(sum.Checks, Check{"ready at the end", false, err.Error()})
		}
	}
	if r.o.Driver != nil {
		r.countsChecks(ctx, sum)
	}
	if !sum.OK() {
		return sum, ErrFailed
	}
	return sum, nil
}
