// Package app is diplograph's composition root: the one place that turns
// configuration into running parts — the Neo4j driver, the gazetteer, the
// extractor, the store, the ingest service and the HTTP server with its
// GraphQL handler. Every command of cmd/diplograph builds here, from a
// configuration shaped like its flags (Neo4j, EngineConfig, Inputs,
// ServeConfig, ExtractConfig, SoakConfig): the command parses flags, calls
// app and prints. The integration tests that need a server assemble it
// here too, so a dependency is wired, and tuned, once.
//
// Where each command builds:
//
//   - store.go: OpenStore, the one way a command that reads or writes the
//     graph and exits opens it (ingest, seed, conflicts, delete-document,
//     review export), and Migrate (migrate; App.Migrate for up and soak).
//   - engine.go: OpenEngine, the one way an extraction engine is chosen
//     and built (every command that reads text).
//   - ingest.go, seed.go: the documents a load reads (Inputs, Corpus), the
//     Loader over a Store or an App, and the reference data.
//   - serve.go, up.go: the application of `serve` and of `up`.
//   - extract.go, eval.go, gen.go, review.go, soak.go, version.go: the
//     commands of those names.
//
// # Decisions
//
//   - One driver configuration. Every driver comes from OpenDriver, which
//     uses neo4jserver.Conn's settings (pool size, acquisition and connect
//     timeouts, retry time, user agent). Config.RequireNeo4j chooses whether
//     Neo4j must answer at start (`up`, which has just started it) or the
//     driver connects lazily and /readyz answers 503 until it does (`serve`,
//     which may start before the database).
//   - One engine constructor. OpenEngine chooses and builds the extraction
//     engine of every command from an EngineConfig; assemble reads with
//     the surface rules only when given no engine (tests).
//   - One store opening. OpenStore locates Neo4j (the given URI or the
//     running local instance), opens the driver with OpenDriver and checks
//     the schema; migrations are applied by migrate alone.
//   - Commands name only this package. The types a command prints are
//     used as app returns them, or named through an alias here (Result,
//     Conflict). Package soak does not import app: Soak hands it the
//     server to drive (soak.ServeFunc), so the wiring stays here.
//   - Dependencies are a list. Each external service the application talks
//     to is a Dependency: a name, Ready (asked by /readyz, in order) and
//     Close (run by App.Close, in reverse order). Neo4j is the first one. A
//     further service — one the application starts itself or one it only
//     connects to — is one more entry: its address goes in Config, New
//     appends its Dependency, and nothing else changes. Services a command
//     provisions itself (a process it started) can be handed over in
//     Config.Services, so that /readyz asks them and App.Close stops them.
//   - Dependencies are watched, and what a command started is supervised,
//     by one design (package supervise). With Config.Watch every
//     dependency with a Ready check gets a watcher; one with a Process (the
//     Neo4j `up` started, the CoreNLP OpenEngine started) is also restarted
//     when it exits. While a dependency is known to be down, the requests
//     that need it fail at once (Backend's gates): reads and deletions
//     need Neo4j, ingestion needs Neo4j and CoreNLP. CoreNLP is Optional:
//     /readyz stays 200 without it, reporting it in its body.
//   - The server knows neither the schema nor Neo4j. NewServer builds the
//     GraphQL handler (package graph) over the read side and the write
//     side, and hands it to package server together with the readiness
//     checks; the server adds HTTP concerns only.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/source"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/supervise"
)

// Config is everything the application is assembled from.
type Config struct {
	// Neo4j is where the graph lives: Bolt URI, user, password, database.
	Neo4j neo4jserver.Conn
	// RequireNeo4j makes New fail when Neo4j does not answer. Without it
	// the driver connects lazily: the server starts, /readyz answers 503
	// and queries UNAVAILABLE until Neo4j is up.
	RequireNeo4j bool

	// Gazetteer is the reference data extraction recognises names with;
	// nil loads the embedded one (gazetteer.Default).
	Gazetteer *gazetteer.Gazetteer

	// Engine is the extraction engine (OpenEngine), which the command
	// opens like the Neo4j it provisions; nil reads with the surface rules.
	// Its CoreNLP service is asked by /readyz and closed by App.Close.
	Engine *Engine

	// AllowPrivateURLs lets ingestDocument fetch URLs on private,
	// loopback and link-local addresses (refused by default: SSRF).
	AllowPrivateURLs bool

	// Server is the HTTP server's configuration (address, API keys,
	// limits, logger).
	Server server.Config

	// Services are dependencies provisioned outside the application (a
	// process the command started): /readyz asks them after the
	// application's own, and App.Close closes them after the application's
	// own, in reverse order.
	Services []Dependency

	// Watch watches every dependency with a Ready check (package
	// supervise): requests that need one known to be down fail at once
	// with UNAVAILABLE, /readyz answers from the watched state and
	// /metrics shows it. Dependencies with a Process are restarted when
	// it exits. Commands that serve set it; App.Close stops the watching.
	Watch bool
	// Neo4jProcess is the Neo4j the command started (neo4jserver.Instance),
	// restarted by the supervisor when it exits (with Watch); nil when
	// Neo4j is given by URI.
	Neo4jProcess supervise.Process
}

// Dependency is an external service the application relies on.
type Dependency struct {
	Name string
	// Ready reports whether the service can serve now (for /readyz); nil
	// means it always can.
	Ready func(ctx context.Context) error
	// Close releases or stops it (on App.Close); nil means nothing to do.
	Close func(ctx context.Context) error
	// Optional: the application serves without it (reads without CoreNLP),
	// so /readyz reports it down in its body ("degraded") but stays 200.
	Optional bool
	// Process is the child process behind the service when the command
	// started it: with Config.Watch it is restarted when it exits (with
	// backoff and a crash-loop limit). Nil for services given by URL,
	// which are only watched.
	Process supervise.Process
	// Alive, when not nil, is a cheap probe that does not queue behind the
	// service's work (a TCP connect): a Ready that runs out of time while
	// Alive answers makes the service busy, not down.
	Alive func(ctx context.Context) error
	// Members, when not nil, are the servers behind the service (the
	// CoreNLP servers of a pool), listed by /readyz and /metrics.
	Members func() []server.Member
}

// App is the assembled application.
type App struct {
	Driver    neo4j.DriverWithContext
	Database  string
	Gazetteer *gazetteer.Gazetteer
	Extractor *extract.Extractor
	Store     *store.Store
	Ingest    *ingest.Service
	Server    *server.Server

	deps     []Dependency
	watchers []*supervise.Service // one per dependency with a Ready check, with Config.Watch
}

// New opens the driver (OpenDriver) and assembles the application over it;
// App.Close closes the driver and the services in cfg.
func New(ctx context.Context, cfg Config) (*App, error) {
	d, err := OpenDriver(ctx, cfg.Neo4j, cfg.RequireNeo4j, cfg.Server.Logger)
	if err != nil {
		return nil, err
	}
	a, err := assemble(cfg, d, true)
	if err != nil {
		_ = d.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return a, nil
}

// Assemble builds the application over a driver the caller owns (and
// closes): tests and the soak run share one driver across servers.
// App.Close still closes the services in cfg.
func Assemble(cfg Config, d neo4j.DriverWithContext) (*App, error) {
	return assemble(cfg, d, false)
}

// assemble builds the parts over d; with ownDriver, App.Close closes d.
func assemble(cfg Config, d neo4j.DriverWithContext, ownDriver bool) (*App, error) {
	if d == nil {
		return nil, errors.New("app: no Neo4j driver")
	}
	g := cfg.Gazetteer
	if g == nil {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return nil, fmt.Errorf("app: gazetteer: %w", err)
		}
	}
	x, err := newExtractor(cfg, g)
	if err != nil {
		return nil, err
	}
	st := store.New(d, cfg.Neo4j.Database)
	a := &App{Driver: d, Database: cfg.Neo4j.Database, Gazetteer: g, Extractor: x, Store: st, Ingest: ingest.New(x, st)}
	// The services the application talks to, in the order /readyz asks
	// them: Neo4j first, then the extraction engine's CoreNLP server, then
	// those handed over.
	// With a driver of its own, the readiness check gets a connection of
	// its own too: under load it must not wait for the requests' pool and
	// call a busy Neo4j down.
	checkDriver, checkStore := d, st
	closeHealth := func() {}
	if ownDriver {
		if hd, err := cfg.Neo4j.OpenHealth(); err == nil {
			checkDriver, checkStore = hd, store.New(hd, cfg.Neo4j.Database)
			closeHealth = func() { _ = hd.Close(context.Background()) }
		}
	}
	neo := neo4jDependency(checkDriver, checkStore)
	neo.Alive = boltAlive(cfg.Neo4j.URI)
	if ownDriver {
		neo.Close = func(ctx context.Context) error {
			closeHealth()
			return d.Close(ctx)
		}
	}
	neo.Process = cfg.Neo4jProcess
	a.deps = append(a.deps, neo)
	if cfg.Engine != nil && cfg.Engine.Service != nil {
		a.deps = append(a.deps, *cfg.Engine.Service)
	}
	a.deps = append(a.deps, cfg.Services...)
	b := Backend{Driver: d, Database: a.Database, Store: st, Ingest: a.Ingest,
		Fetcher: source.NewFetcher(source.FetchOptions{AllowPrivate: cfg.AllowPrivateURLs})}
	if cfg.Watch {
		a.watch(cfg.Server.Logger)
		b.Neo4jGate = a.gate(neo.Name, errs.ErrUnavailable)
		if w := a.watcher(neo.Name); w != nil {
			b.Neo4jDown = w.Down
		}
		if cfg.Engine != nil && cfg.Engine.Service != nil {
			b.EngineGate = a.gate(cfg.Engine.Service.Name, errs.ErrEngineUnavailable)
		}
	}
	b.Checks = a.Checks()
	srv, err := NewServer(cfg.Server, b)
	if err != nil {
		a.stopWatching()
		closeHealth()
		return nil, err
	}
	a.Server = srv
	return a, nil
}

// watch starts a watcher (and for a dependency with a Process, its
// supervisor) for every dependency with a Ready check.
func (a *App) watch(log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	for _, d := range a.deps {
		if d.Ready == nil {
			continue
		}
		w := supervise.New(supervise.Config{Name: d.Name, Ready: d.Ready, Alive: d.Alive, Process: d.Process, Log: log})
		w.Start()
		a.watchers = append(a.watchers, w)
	}
}

// watcher is the named dependency's watcher, nil when it has none.
func (a *App) watcher(name string) *supervise.Service {
	for _, w := range a.watchers {
		if w.Name() == name {
			return w
		}
	}
	return nil
}

// Status is the watched state of every dependency (with Config.Watch).
func (a *App) Status() []supervise.Status {
	var out []supervise.Status
	for _, w := range a.watchers {
		out = append(out, w.Status())
	}
	return out
}

// gate is the fail-fast check of the named dependency: nil while it is up
// (or not known to be down), else an error wrapping kind (so it is
// classified UNAVAILABLE) that says when to retry.
func (a *App) gate(name string, kind error) func() error {
	w := a.watcher(name)
	if w == nil {
		return nil
	}
	return func() error {
		err := w.Err()
		if err == nil {
			return nil
		}
		return &downError{kind: kind, down: err}
	}
}

// downError is a dependency known to be down: errors.Is finds kind
// (errs.ErrUnavailable, ...), errors.As the supervise.DownError with its
// RetryAfter.
type downError struct {
	kind error
	down error
}

func (e *downError) Error() string   { return e.kind.Error() + ": " + e.down.Error() }
func (e *downError) Unwrap() []error { return []error{e.kind, e.down} }

func (a *App) stopWatching() {
	for _, w := range a.watchers {
		w.Stop()
	}
}

// newExtractor is the extractor of cfg.Engine (OpenEngine chooses and
// builds engines), or the surface rules over the gazetteer without one.
func newExtractor(cfg Config, g *gazetteer.Gazetteer) (*extract.Extractor, error) {
	if cfg.Engine != nil && cfg.Engine.Extractor != nil {
		return cfg.Engine.Extractor, nil
	}
	return extract.New(g), nil
}

// Checks are the readiness checks of the application's dependencies, in
// order (for /readyz).
func (a *App) Checks() []server.Check {
	var cs []server.Check
	for _, d := range a.deps {
		if d.Ready == nil {
			continue
		}
		c := server.Check{Name: d.Name, Ready: d.Ready, Optional: d.Optional, Members: d.Members}
		if w := a.watcher(d.Name); w != nil {
			c.Status, c.Recheck = w.Status, w.Recheck
		}
		cs = append(cs, c)
	}
	return cs
}

// Close stops watching and supervising (so that stopping a process is not
// taken for a crash), then releases the dependencies in reverse order and
// returns their errors.
func (a *App) Close(ctx context.Context) error {
	a.stopWatching()
	a.watchers = nil
	var errs []error
	for _, d := range slices.Backward(a.deps) {
		if d.Close == nil {
			continue
		}
		if err := d.Close(ctx); err != nil {
			errs = append(errs, fmt.Errorf("close %s: %w", d.Name, err))
		}
	}
	a.deps = nil
	return errors.Join(errs...)
}

// OpenDriver opens the one driver configuration diplograph uses (see
// neo4jserver.Conn.Open). With require, Neo4j must answer and accept the
// credentials now; without, a Neo4j that is not reachable yet is logged
// and the driver connects when it is.
func OpenDriver(ctx context.Context, c neo4jserver.Conn, require bool, log *slog.Logger) (neo4j.DriverWithContext, error) {
	if require {
		d, err := c.Driver(ctx)
		if err != nil {
			return nil, fmt.Errorf("connect to Neo4j at %s: %w", c.URI, err)
		}
		return d, nil
	}
	d, err := c.Open()
	if err != nil {
		return nil, err
	}
	vctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := d.VerifyConnectivity(vctx); err != nil {
		if log == nil {
			log = slog.Default()
		}
		log.Warn("Neo4j is not reachable yet; serving anyway (/readyz says 503 until it is)", "uri", c.URI, "err", err)
	}
	return d, nil
}

// neo4jDependency is Neo4j as /readyz sees it: reachable, and its schema
// at the version this binary expects.
func neo4jDependency(d neo4j.DriverWithContext, st *store.Store) Dependency {
	return Dependency{Name: "neo4j", Ready: func(ctx context.Context) error {
		if err := d.VerifyConnectivity(ctx); err != nil {
			return &notReady{msg: "unreachable", cause: err}
		}
		if st != nil {
			if err := st.CheckSchema(ctx); err != nil {
				return fmt.Errorf("schema: %w", err)
			}
		}
		return nil
	}}
}

// notReady is a readiness failure whose message is safe to show on
// /readyz; its cause (with addresses and driver details) is for the log.
type notReady struct {
	msg   string
	cause error
}

func (e *notReady) Error() string { return e.msg }
func (e *notReady) Unwrap() error { return e.cause }

// boltAlive is the Alive probe of the Neo4j at uri: a TCP connect to its
// Bolt port (7687 when the URI names none); nil when uri does not parse.
func boltAlive(uri string) func(ctx context.Context) error {
	u, err := url.Parse(uri)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	port := u.Port()
	if port == "" {
		port = "7687"
	}
	return supervise.DialAlive(net.JoinHostPort(u.Hostname(), port))
}
