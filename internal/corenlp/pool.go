package corenlp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// A Pool spreads annotation over several CoreNLP servers. It is what
// Client is for one server, and the extractor takes either.
//
// A text is cut into pieces as Client cuts it (WithMaxRequestBytes), and
// each piece goes to the least busy server that is up: the one with the
// fewest pieces in flight, ties taken in turn. A server holds at most
// WithServerThreads pieces at once (match the servers' -threads); further
// pieces wait in the pool, not in a server's queue, so that they go to
// whichever server frees up first.
//
// A server that fails a piece (the connection refused or cut, no answer
// within WithRequestTimeout, a 5xx answer) is taken out and the piece goes
// to another server that is up; a document fails only when every server
// has failed its piece, with an error wrapping ErrNoServer that names each
// server and why it is down. A server taken out is probed again after a
// backoff (WithBackoff): once /ready answers and a warm-up sentence is
// annotated, it takes pieces again. Servers that are up and idle are
// checked every WithCheckInterval: a refused connection or an error answer
// takes them out, while a slow /ready does not (CoreNLP answers /ready in
// turn with annotation requests, so a server busy with other clients'
// work is slow to answer it, not down).
//
// A Pool is safe for concurrent use; Close stops its probes.
type Pool struct {
	cfg      poolConfig
	entries  []Endpoint
	maxBytes int

	ctx    context.Context // the probes' lifetime, ended by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once

	mu      sync.Mutex
	servers []*server        // in entry order, then address order
	names   map[int]*dnsName // Discover entries by index
	next    int              // where the next tie-break starts
	changed chan struct{}    // closed and replaced on every change
}

// ServerState is a pool server's state.
type ServerState string

// The states of a pool server.
const (
	// Starting: known, not yet probed; takes no pieces.
	Starting ServerState = "starting"
	// Up takes pieces.
	Up ServerState = "up"
	// Down failed; it is probed again after a backoff.
	Down ServerState = "down"
	// Unresolved stands for a dns+ entry that resolves to no address.
	Unresolved ServerState = "unresolved"
)

// ServerStatus is one server of a Pool as /readyz and the metrics show it.
type ServerStatus struct {
	// URL is the server's base URL (for a dns+ entry, with the address
	// the name resolved to); for an Unresolved entry, the entry itself.
	URL string `json:"url"`
	// Entry is the list entry the server comes from (dns+http://corenlp:9000).
	Entry string      `json:"entry"`
	State ServerState `json:"state"`
	// Healthy: the server takes pieces (State is Up).
	Healthy bool `json:"healthy"`
	// InFlight is how many pieces it annotates now.
	InFlight int `json:"inFlight"`
	// Requests counts the pieces sent to it, Failures those it failed
	// (including failed probes of a server that was up).
	Requests uint64 `json:"requests"`
	Failures uint64 `json:"failures"`
	// LastError is its last failure ("" if none), at LastErrorAt.
	LastError   string    `json:"lastError,omitempty"`
	LastErrorAt time.Time `json:"lastErrorAt,omitzero"`
}

// Errors of the pool.
var (
	// ErrNoServer: every server of the pool is down (or none is known).
	ErrNoServer = fmt.Errorf("%w: no server of the pool is up", ErrUnavailable)
	// ErrClosed: the pool was closed.
	ErrClosed = errors.New("corenlp: pool closed")
)

type server struct {
	entry  int
	url    string
	client *Client
	stop   context.CancelFunc // ends its probe loop when it leaves the pool
	wake   chan struct{}      // a piece failed on it (buffered, 1)

	// guarded by Pool.mu
	state              ServerState
	inFlight           int
	requests, failures uint64
	lastErr            string
	lastErrAt, lastOK  time.Time
}

// NewPoolFromList is NewPool over ParseEndpoints(list).
func NewPoolFromList(ctx context.Context, list string, opts ...PoolOption) (*Pool, error) {
	eps, err := ParseEndpoints(list)
	if err != nil {
		return nil, err
	}
	return NewPool(ctx, eps, opts...)
}

// NewPool returns a pool over the servers of eps. It resolves the dns+
// entries once (bounded by ctx; a name that does not resolve yet is tried
// again later, not an error) and starts probing every server in the
// background: it does not wait for them. Annotate waits for the first
// probes when no server is up yet; Wait waits for one server to be up.
// The probes run until Close, whatever becomes of ctx.
func NewPool(ctx context.Context, eps []Endpoint, opts ...PoolOption) (*Pool, error) {
	if len(eps) == 0 {
		return nil, fmt.Errorf("%w: no server", ErrBadEndpoint)
	}
	cfg := defaultPoolConfig()
	for _, o := range opts {
		o(&cfg)
	}
	// every server's client is built with the same options: one of them
	// says how the pool cuts texts
	tmpl, err := New("http://corenlp.invalid", cfg.clientOpts...)
	if err != nil {
		return nil, err
	}
	p := &Pool{
		cfg: cfg, entries: slices.Clone(eps), maxBytes: tmpl.maxBytes,
		names: map[int]*dnsName{}, changed: make(chan struct{}),
	}
	for i, e := range p.entries {
		if e.Discover && e.host() == "" {
			return nil, fmt.Errorf("%w: %q has no host", ErrBadEndpoint, e)
		}
		if e.Discover {
			p.names[i] = &dnsName{}
		}
	}
	p.ctx, p.cancel = context.WithCancel(context.WithoutCancel(ctx))
	for i, e := range p.entries {
		if !e.Discover {
			if err := p.add(i, e.URL); err != nil {
				p.Close()
				return nil, err
			}
			continue
		}
		p.resolve(ctx, i, p.names[i])
		p.wg.Add(1)
		go p.resolveLoop(i, p.names[i])
	}
	return p, nil
}

// Close stops the pool's probes; Annotate fails with ErrClosed after it.
func (p *Pool) Close() error {
	p.once.Do(func() {
		p.cancel()
		p.wg.Wait()
		p.mu.Lock()
		p.broadcast()
		p.mu.Unlock()
	})
	return nil
}

// String is the server list as given.
func (p *Pool) String() string {
	s := make([]string, len(p.entries))
	for i, e := range p.entries {
		s[i] = e.String()
	}
	return strings.Join(s, ",")
}

// Servers is a snapshot of every server, in list order; a dns+ entry
// that resolves to no address is one Unresolved row.
func (p *Pool) Servers() []ServerStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []ServerStatus
	for i, e := range p.entries {
		n := 0
		for _, s := range p.servers {
			if s.entry != i {
				continue
			}
			n++
			out = append(out, ServerStatus{
				URL: s.url, Entry: e.String(), State: s.state, Healthy: s.state == Up, InFlight: s.inFlight,
				Requests: s.requests, Failures: s.failures, LastError: s.lastErr, LastErrorAt: s.lastErrAt,
			})
		}
		if d := p.names[i]; d != nil && n == 0 {
			out = append(out, ServerStatus{URL: e.String(), Entry: e.String(), State: Unresolved,
				LastError: d.lastErr, LastErrorAt: d.lastErrAt})
		}
	}
	return out
}

// Ready is nil when at least one server is up, and otherwise an error
// wrapping ErrNoServer that says why each is not. It answers from the
// pool's state (kept by the probes) without asking the servers.
func (p *Pool) Ready(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.servers {
		if s.state == Up {
			return nil
		}
	}
	return p.noServerLocked(nil)
}

// Wait returns nil once a server is up; an error wrapping ErrNoServer once
// every server has been probed and none is up; ctx's error if it ends first.
func (p *Pool) Wait(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		starting := false
		for _, s := range p.servers {
			switch s.state {
			case Up:
				return nil
			case Starting:
				starting = true
			}
		}
		if !starting {
			return p.noServerLocked(nil)
		}
		if err := p.waitLocked(ctx); err != nil {
			return err
		}
	}
}

// Annotate annotates text as Client.Annotate does, each piece on the least
// busy server that is up, a failed piece again on another.
func (p *Pool) Annotate(ctx context.Context, text string) (*Document, error) {
	ps := pieces(text, p.maxBytes)
	if err := checkPieces(ps); err != nil {
		return nil, err
	}
	p.mu.Lock()
	limit := max(1, len(p.servers)) * p.cfg.threads
	p.mu.Unlock()
	parts := make([]*Document, len(ps))
	eg, ectx := errgroup.WithContext(ctx)
	eg.SetLimit(limit)
	for i, pc := range ps {
		eg.Go(func() error {
			var err error
			parts[i], err = p.annotatePiece(ectx, text[pc.start:pc.end])
			return err // the first failure cancels the others: the document fails
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	return assemble(ps, parts), nil
}

// annotatePiece sends one piece to the least busy server that is up, and
// on a server's failure to the next, each server at most once.
func (p *Pool) annotatePiece(ctx context.Context, text string) (*Document, error) {
	if strings.TrimSpace(text) == "" {
		return &Document{}, nil
	}
	tried := map[*server]bool{}
	for {
		s, err := p.acquire(ctx, tried)
		if err != nil {
			return nil, err
		}
		doc, err := p.attempt(ctx, s, text)
		if err == nil {
			return doc, nil
		}
		if ctx.Err() != nil || !errors.Is(err, ErrUnavailable) {
			return nil, err
		}
		tried[s] = true
	}
}

// attempt sends text to s (acquired), within the request timeout, and
// releases s with the outcome.
func (p *Pool) attempt(ctx context.Context, s *server, text string) (*Document, error) {
	actx, cancel := context.WithTimeout(ctx, p.cfg.requestTimeout)
	defer cancel()
	doc, err := s.client.annotate(actx, text)
	switch {
	case err == nil, ctx.Err() != nil:
		// the caller gave up (or another piece failed): not the server's fault
		p.release(s, nil)
		return doc, err
	case actx.Err() != nil:
		err = fmt.Errorf("%w: %s did not answer within %s", ErrUnavailable, s.url, p.cfg.requestTimeout)
	}
	if errors.Is(err, ErrUnavailable) {
		p.release(s, err)
	} else {
		p.release(s, nil) // an answer about the request (4xx, undecodable): the server is fine
	}
	return nil, err
}

// acquire takes a slot on the least busy server that is up and not in
// tried, waiting while all are full or none is up but some are starting.
func (p *Pool) acquire(ctx context.Context, tried map[*server]bool) (*server, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if p.ctx.Err() != nil {
			return nil, ErrClosed
		}
		var best *server
		bestAt, waitable := -1, false
		n := len(p.servers)
		for k := range n {
			i := (p.next + k) % n
			s := p.servers[i]
			if tried[s] {
				continue
			}
			switch s.state {
			case Starting:
				waitable = true
			case Up:
				if best == nil || s.inFlight < best.inFlight {
					best, bestAt = s, i
				}
			}
		}
		switch {
		case best != nil && best.inFlight < p.cfg.threads:
			best.inFlight++
			best.requests++
			p.next = bestAt + 1
			return best, nil
		case best == nil && !waitable:
			return nil, p.noServerLocked(tried)
		}
		if err := p.waitLocked(ctx); err != nil {
			return nil, fmt.Errorf("corenlp: waiting for a server of the pool: %w", err)
		}
	}
}

// release gives back s's slot; a non-nil err is s's failure: s is taken
// out and its probe loop woken.
func (p *Pool) release(s *server, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s.inFlight--
	if err == nil {
		s.lastOK = time.Now()
	} else {
		p.failLocked(s, err)
	}
	p.broadcast()
}

// failLocked records s's failure and takes it out.
func (p *Pool) failLocked(s *server, err error) {
	s.failures++
	s.lastErr, s.lastErrAt = err.Error(), time.Now()
	if s.state != Up {
		return
	}
	s.state = Down
	p.cfg.log.Warn("corenlp server taken out of the pool", "url", s.url, "error", err)
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// noServerLocked is the error when no server (outside tried) can take a
// piece: each server and why.
func (p *Pool) noServerLocked(tried map[*server]bool) error {
	var why []string
	for _, s := range p.servers {
		r := string(s.state)
		if s.lastErr != "" {
			r += ": " + s.lastErr
		}
		if tried[s] && s.state == Up {
			r = "failed this piece: " + s.lastErr
		}
		why = append(why, s.url+" ("+r+")")
	}
	for i, d := range p.names {
		if d.count == 0 {
			why = append(why, p.entries[i].String()+" (resolves to no address: "+d.lastErr+")")
		}
	}
	slices.Sort(why)
	if len(why) == 0 {
		return ErrNoServer
	}
	return fmt.Errorf("%w: %d known: %s", ErrNoServer, len(p.servers), strings.Join(why, "; "))
}

// waitLocked waits, with p.mu released, for the next change of the pool.
func (p *Pool) waitLocked(ctx context.Context) error {
	ch := p.changed
	p.mu.Unlock()
	defer p.mu.Lock()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-ch:
		return nil
	}
}

// broadcast wakes every waiter; p.mu is held.
func (p *Pool) broadcast() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// add makes url a server of entry i (Starting) and starts its probe loop.
func (p *Pool) add(i int, url string) error {
	c, err := New(url, p.cfg.clientOpts...)
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(p.ctx)
	s := &server{entry: i, url: c.URL(), client: c, stop: stop, wake: make(chan struct{}, 1), state: Starting}
	p.mu.Lock()
	at := len(p.servers)
	for at > 0 && p.servers[at-1].entry > i {
		at--
	}
	p.servers = slices.Insert(p.servers, at, s)
	p.broadcast()
	p.mu.Unlock()
	p.wg.Add(1)
	go p.watch(ctx, s)
	return nil
}

// remove takes s out of the pool for good (its address is gone from DNS);
// pieces in flight on it finish.
func (p *Pool) remove(s *server) {
	s.stop()
	p.mu.Lock()
	p.servers = slices.DeleteFunc(p.servers, func(x *server) bool { return x == s })
	p.broadcast()
	p.mu.Unlock()
}

// isTimeout says whether err is a timeout rather than a refusal.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}
