package corenlp

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"slices"
	"time"
)

// Pool defaults.
const (
	DefaultRequestTimeout  = 3 * time.Minute
	DefaultMinBackoff      = 500 * time.Millisecond
	DefaultMaxBackoff      = 30 * time.Second
	DefaultCheckInterval   = 5 * time.Second
	DefaultResolveInterval = 10 * time.Second
	// probeTimeout bounds a probe's /ready; warmTimeout its warm-up
	// sentence (a server's first request with the client's properties
	// builds the pipeline, which takes seconds).
	probeTimeout = 10 * time.Second
	warmTimeout  = 2 * time.Minute
	// resolveTimeout bounds one DNS lookup.
	resolveTimeout = 5 * time.Second
)

// Resolver looks up a host's addresses; *net.Resolver is one.
type Resolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

type poolConfig struct {
	clientOpts      []Option
	threads         int
	requestTimeout  time.Duration
	minBackoff      time.Duration
	maxBackoff      time.Duration
	checkInterval   time.Duration
	resolveInterval time.Duration
	resolver        Resolver
	warmup          bool
	log             *slog.Logger
}

func defaultPoolConfig() poolConfig {
	return poolConfig{
		threads: DefaultConcurrency, requestTimeout: DefaultRequestTimeout,
		minBackoff: DefaultMinBackoff, maxBackoff: DefaultMaxBackoff,
		checkInterval: DefaultCheckInterval, resolveInterval: DefaultResolveInterval,
		resolver: net.DefaultResolver, warmup: true, log: slog.New(slog.DiscardHandler),
	}
}

// PoolOption configures a Pool.
type PoolOption func(*poolConfig)

// WithServerOptions sets the options of every server's Client
// (WithHTTPClient, WithMaxRequestBytes: the pool cuts texts as they say).
func WithServerOptions(opts ...Option) PoolOption {
	return func(c *poolConfig) { c.clientOpts = append(c.clientOpts, opts...) }
}

// WithServerThreads sets how many pieces one server annotates at once
// (at least 1; default DefaultConcurrency): match the servers' -threads.
func WithServerThreads(n int) PoolOption {
	return func(c *poolConfig) { c.threads = max(1, n) }
}

// WithRequestTimeout bounds one piece on one server; past it the server
// is taken out and the piece goes to another.
func WithRequestTimeout(d time.Duration) PoolOption {
	return func(c *poolConfig) {
		if d > 0 {
			c.requestTimeout = d
		}
	}
}

// WithBackoff sets the wait before a server taken out is probed again:
// min after the failure, doubling up to max while it stays down.
func WithBackoff(min, max time.Duration) PoolOption {
	return func(c *poolConfig) {
		if min > 0 && max >= min {
			c.minBackoff, c.maxBackoff = min, max
		}
	}
}

// WithCheckInterval sets how often a server that is up and idle is asked
// for /ready.
func WithCheckInterval(d time.Duration) PoolOption {
	return func(c *poolConfig) {
		if d > 0 {
			c.checkInterval = d
		}
	}
}

// WithResolveInterval sets how often dns+ names are resolved again.
func WithResolveInterval(d time.Duration) PoolOption {
	return func(c *poolConfig) {
		if d > 0 {
			c.resolveInterval = d
		}
	}
}

// WithResolver sets the resolver of dns+ names (default net.DefaultResolver).
func WithResolver(r Resolver) PoolOption { return func(c *poolConfig) { c.resolver = r } }

// WithoutWarmup lets a server take pieces as soon as /ready answers,
// without first annotating a sentence with the client's properties.
func WithoutWarmup() PoolOption { return func(c *poolConfig) { c.warmup = false } }

// WithLogger receives the servers' comings and goings (default: none).
func WithLogger(l *slog.Logger) PoolOption {
	return func(c *poolConfig) {
		if l != nil {
			c.log = l
		}
	}
}

// watch keeps s's state until ctx ends: a server that is starting or down
// is probed (after a backoff that grows while it stays down); one that is
// up is checked when idle, and probed again as soon as a piece fails on it.
func (p *Pool) watch(ctx context.Context, s *server) {
	defer p.wg.Done()
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		p.mu.Lock()
		state := s.state
		p.mu.Unlock()
		if state == Up {
			select {
			case <-ctx.Done():
			case <-s.wake:
				backoff = 0
			case <-time.After(p.cfg.checkInterval):
				p.check(ctx, s)
			}
			continue
		}
		if state == Down {
			backoff = min(max(2*backoff, p.cfg.minBackoff), p.cfg.maxBackoff)
			if !sleep(ctx, jitter(backoff)) {
				return
			}
		}
		err := p.probe(ctx, s)
		if ctx.Err() != nil {
			return
		}
		p.mu.Lock()
		was := s.state
		if err == nil {
			s.state, s.lastOK = Up, time.Now()
			p.cfg.log.Info("corenlp server in the pool", "url", s.url, "was", string(was))
			backoff = 0
		} else {
			s.state, s.lastErr, s.lastErrAt = Down, err.Error(), time.Now()
			if was == Starting {
				p.cfg.log.Warn("corenlp server does not answer", "url", s.url, "error", err)
			}
		}
		p.broadcast()
		p.mu.Unlock()
		select { // a failure seen while probing is already accounted for
		case <-s.wake:
		default:
		}
	}
}

// probe asks s for /ready and, unless WithoutWarmup, annotates a sentence
// on it, so that its first piece does not wait for the pipeline to load.
func (p *Pool) probe(ctx context.Context, s *server) error {
	rctx, cancel := context.WithTimeout(ctx, probeTimeout)
	err := s.client.ready(rctx)
	cancel()
	if err != nil || !p.cfg.warmup {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, warmTimeout)
	defer cancel()
	if _, err := s.client.annotate(wctx, warmupText); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	return nil
}

// check asks an idle server that is up for /ready. A refused connection or
// an error status takes it out; a timeout does not (a server busy with
// other clients' requests answers /ready late).
func (p *Pool) check(ctx context.Context, s *server) {
	p.mu.Lock()
	idle := s.state == Up && s.inFlight == 0 && time.Since(s.lastOK) >= p.cfg.checkInterval
	p.mu.Unlock()
	if !idle {
		return
	}
	cctx, cancel := context.WithTimeout(ctx, probeTimeout)
	err := s.client.ready(cctx)
	cancel()
	if err == nil || ctx.Err() != nil || isTimeout(err) {
		if err == nil {
			p.mu.Lock()
			s.lastOK = time.Now()
			p.mu.Unlock()
		}
		return
	}
	p.mu.Lock()
	p.failLocked(s, err)
	p.broadcast()
	p.mu.Unlock()
	select { // the failure is being handled here, not by a piece
	case <-s.wake:
	default:
	}
}

// dnsName is the resolution state of a dns+ entry; guarded by Pool.mu.
type dnsName struct {
	count     int // servers it resolves to now
	lastErr   string
	lastErrAt time.Time
}

// resolveLoop resolves entry i again every resolve interval, sooner
// (with backoff) while it resolves to nothing.
func (p *Pool) resolveLoop(i int, n *dnsName) {
	defer p.wg.Done()
	backoff := time.Duration(0)
	for {
		p.mu.Lock()
		empty := n.count == 0
		p.mu.Unlock()
		wait := p.cfg.resolveInterval
		if empty {
			backoff = min(max(2*backoff, p.cfg.minBackoff), p.cfg.resolveInterval)
			wait = backoff
		} else {
			backoff = 0
		}
		if !sleep(p.ctx, jitter(wait)) {
			return
		}
		p.resolve(p.ctx, i, n)
	}
}

// resolve looks entry i's name up and makes its servers the addresses it
// resolves to: new ones are added (and probed), gone ones removed. A
// failed lookup keeps the servers it had.
func (p *Pool) resolve(ctx context.Context, i int, n *dnsName) {
	e := p.entries[i]
	lctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	addrs, err := p.cfg.resolver.LookupHost(lctx, e.host())
	cancel()
	if err == nil && len(addrs) == 0 {
		err = fmt.Errorf("no address for %s", e.host())
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		p.mu.Lock()
		n.lastErr, n.lastErrAt = err.Error(), time.Now()
		p.mu.Unlock()
		p.cfg.log.Warn("corenlp server name does not resolve", "entry", e.String(), "error", err)
		return
	}
	want := map[string]bool{}
	for _, a := range addrs {
		u, err := e.expand(a)
		if err != nil {
			continue
		}
		want[u] = true
	}
	p.mu.Lock()
	n.count = len(want)
	var gone []*server
	for _, s := range p.servers {
		if s.entry != i {
			continue
		}
		if want[s.url] {
			delete(want, s.url)
		} else {
			gone = append(gone, s)
		}
	}
	p.mu.Unlock()
	for _, s := range gone {
		p.cfg.log.Info("corenlp server gone from DNS", "entry", e.String(), "url", s.url)
		p.remove(s)
	}
	add := make([]string, 0, len(want))
	for u := range want {
		add = append(add, u)
	}
	slices.Sort(add)
	for _, u := range add {
		if err := p.add(i, u); err != nil {
			p.cfg.log.Warn("corenlp server address refused", "url", u, "error", err)
		}
	}
}

// sleep waits d or until ctx ends; false if ctx ended.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// jitter spreads d by up to ±20 %, so that many clients do not probe a
// recovering server in step.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return d
	}
	return d + time.Duration((rand.Float64()-0.5)*0.4*float64(d))
}
