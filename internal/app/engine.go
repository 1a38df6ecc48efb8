package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/supervise"
)

// The extraction engines, as EngineConfig.Name takes them.
const (
	// EngineAuto reads with CoreNLP when one can be had, and otherwise with
	// the surface rules, saying so once.
	EngineAuto = "auto"
	// EngineCoreNLP reads with the parser-backed engine and fails without
	// CoreNLP.
	EngineCoreNLP = "corenlp"
	// EngineSurface reads with the rules over words in order: fast, no
	// server, tuned on the seed texts (the fast path for bulk loads).
	EngineSurface = "surface"
)

// Engines lists the names EngineConfig.Name accepts.
var Engines = []string{EngineAuto, EngineCoreNLP, EngineSurface}

// EngineConfig says how text becomes facts, as the commands' flags give
// it.
type EngineConfig struct {
	// Name is one of Engines; "" is EngineAuto.
	Name string
	// CoreNLPURL is the running CoreNLP servers to read with (CORENLP_URL):
	// one URL, several separated by commas, or dns+http://name:port for
	// every address a name resolves to (docker compose --scale, a headless
	// Kubernetes Service); each piece of text goes to the least busy
	// server that answers. Empty starts (or reuses) a local instance.
	CoreNLPURL string
	// CoreNLPHeap and CoreNLPThreads tune a server this process starts
	// (0 and "": DefaultCoreNLPHeap, DefaultCoreNLPThreads).
	CoreNLPHeap    string
	CoreNLPThreads int
	// Detached keeps a CoreNLP server this process starts running after
	// it exits (the one-shot commands, so that the next one finds it
	// warm); attached servers stop with Engine.Close or App.Close.
	Detached bool
	// Log receives CoreNLP's progress lines and the line that says which
	// engine reads, when it is not the one asked for.
	Log io.Writer
}

// The settings of a CoreNLP server diplograph starts, by default.
const (
	DefaultCoreNLPHeap    = corenlpserver.DefaultHeap
	DefaultCoreNLPThreads = corenlpserver.DefaultThreads
)

// coreNLP is where the CoreNLP server comes from: the environment
// (DIPLOGRAPH_CACHE, ...) with cfg's settings over it.
func (cfg EngineConfig) coreNLP() corenlpserver.Options {
	o := corenlpserver.FromEnv()
	o.URL, o.Heap, o.Threads, o.Detached, o.Log = cfg.CoreNLPURL, cfg.CoreNLPHeap, cfg.CoreNLPThreads, cfg.Detached, cfg.Log
	o.Preload = corenlp.Annotators
	o.Warmup = corenlp.Warmup
	return o
}

// Engine is the chosen extraction engine.
type Engine struct {
	Extractor *extract.Extractor
	// Service is the CoreNLP server behind the parser-backed engine, as a
	// Dependency (for /readyz and to stop a server this process started);
	// nil for the surface engine.
	Service *Dependency
}

// EngineName is the name the output carries: "corenlp-<version>".
func EngineName() string { return "corenlp-" + corenlpserver.Version }

// OpenEngine builds the extractor of cfg.Name over g (nil: the embedded
// gazetteer), starting or reaching CoreNLP when the engine needs it.
func OpenEngine(ctx context.Context, cfg EngineConfig, g *gazetteer.Gazetteer) (*Engine, error) {
	if g == nil {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	name := cfg.Name
	if name == "" {
		name = EngineAuto
	}
	switch name {
	case EngineSurface:
		return &Engine{Extractor: extract.New(g)}, nil
	case EngineAuto, EngineCoreNLP:
	default:
		return nil, fmt.Errorf("unknown extraction engine %q (want one of %v)", cfg.Name, Engines)
	}
	o := cfg.coreNLP()
	threads := o.Threads
	if threads <= 0 {
		threads = corenlpserver.DefaultThreads
	}
	list := o.URL
	if list == "" {
		list = borrowed(ctx, o, cfg.Log)
	}
	if list != "" {
		return openPool(ctx, cfg, g, name, list, threads)
	}
	inst, err := corenlpserver.Ensure(ctx, o)
	if err != nil {
		return surfaceInstead(ctx, cfg, g, name, err)
	}
	c, err := corenlp.New(inst.URL(), corenlp.WithConcurrency(threads))
	if err != nil {
		_ = inst.Stop(context.WithoutCancel(ctx))
		return nil, err
	}
	ready := func(ctx context.Context) error {
		if err := c.Ready(ctx); err != nil {
			return &notReady{msg: "unreachable", cause: err} // the address is for the log only
		}
		return nil
	}
	// Reads do not need CoreNLP: it is optional for /readyz. A server this
	// process started is restarted when it dies (Config.Watch); one given
	// by CORENLP_URL is only watched.
	svc := &Dependency{Name: "corenlp", Ready: ready, Close: inst.Stop, Optional: true, Alive: dialURL(inst.URL())}
	if inst.Source() == corenlpserver.SourceLocal {
		svc.Process = inst
	}
	if cfg.Detached {
		// a detached server outlives the command: nothing to close
		svc.Close = nil
	}
	return &Engine{Extractor: extract.New(g, extract.WithParser(c, EngineName())), Service: svc}, nil
}

// Close stops the CoreNLP server the engine started, if any.
func (e *Engine) Close(ctx context.Context) error {
	if e == nil || e.Service == nil || e.Service.Close == nil {
		return nil
	}
	err := e.Service.Close(ctx)
	e.Service.Close = nil
	return err
}

// surfaceInstead is what OpenEngine gives when CoreNLP cannot be had: an
// error for the corenlp engine, the surface rules (said once) for auto.
func surfaceInstead(ctx context.Context, cfg EngineConfig, g *gazetteer.Gazetteer, name string, err error) (*Engine, error) {
	if name == EngineCoreNLP || ctx.Err() != nil {
		return nil, fmt.Errorf("the corenlp engine needs Stanford CoreNLP: %w", err)
	}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "diplograph: Stanford CoreNLP cannot be had, so text is read with the surface rules (%s), "+
			"which find far fewer facts in articles they were not tuned on. Why: %v\n", extract.SurfaceEngine, err)
	}
	return &Engine{Extractor: extract.New(g)}, nil
}

// borrowed is the address of the local instance o names when another
// command runs it attached (up): this command uses it without taking it
// over, rather than failing on a name in use. "" otherwise.
func borrowed(ctx context.Context, o corenlpserver.Options, log io.Writer) string {
	st, err := corenlpserver.Lookup(ctx, o)
	if err != nil || !st.Running || !st.Healthy || st.Detached || st.URL == "" {
		return ""
	}
	if log != nil {
		fmt.Fprintf(log, "corenlp: using instance %q (pid %d) at %s, which another command runs\n", st.Name, st.PID, st.URL)
	}
	return st.URL
}

// poolWait bounds how long a command waits for one CoreNLP server of a
// list to answer.
const poolWait = 30 * time.Second

// openPool reads with the CoreNLP servers of list (CORENLP_URL: one URL,
// several, or dns+ names standing for every replica), each piece of text
// going to the least busy server that answers.
func openPool(ctx context.Context, cfg EngineConfig, g *gazetteer.Gazetteer, name, list string, threads int) (*Engine, error) {
	opts := []corenlp.PoolOption{corenlp.WithServerThreads(threads)}
	if cfg.Log != nil {
		opts = append(opts, corenlp.WithLogger(slog.New(slog.NewTextHandler(cfg.Log, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	}
	p, err := corenlp.NewPoolFromList(ctx, list, opts...)
	if err != nil {
		return nil, fmt.Errorf("CORENLP_URL: %w", err)
	}
	wctx, cancel := context.WithTimeout(ctx, poolWait)
	err = p.Wait(wctx)
	cancel()
	if err != nil {
		_ = p.Close()
		return surfaceInstead(ctx, cfg, g, name, err)
	}
	ready := func(ctx context.Context) error {
		if err := p.Ready(ctx); err != nil {
			return &notReady{msg: "no CoreNLP server answers", cause: err}
		}
		return nil
	}
	svc := &Dependency{Name: "corenlp", Ready: ready, Optional: true,
		Close:   func(context.Context) error { return p.Close() },
		Members: func() []server.Member { return members(p.Servers()) }}
	return &Engine{Extractor: extract.New(g, extract.WithParser(p, EngineName())), Service: svc}, nil
}

// dialURL is the Alive probe of the HTTP server at u: a TCP connect.
func dialURL(u string) func(ctx context.Context) error {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" {
		return nil
	}
	return supervise.DialAlive(parsed.Host)
}

// members are a pool's servers as /readyz and /metrics show them.
func members(ss []corenlp.ServerStatus) []server.Member {
	out := make([]server.Member, len(ss))
	for i, s := range ss {
		out[i] = server.Member{URL: s.URL, State: string(s.State), Healthy: s.Healthy, InFlight: s.InFlight,
			Requests: s.Requests, Failures: s.Failures, LastError: s.LastError}
	}
	return out
}
