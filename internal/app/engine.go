package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
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
	// CoreNLPURL is a running CoreNLP server (CORENLP_URL); empty starts a
	// local instance from the cache.
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
	if o.URL != "" && o.StartTimeout == 0 {
		// a server someone else runs is up or not: do not wait minutes
		// for one that refuses connections (docker-compose starts
		// diplograph only once its corenlp service is healthy)
		o.StartTimeout = 20 * time.Second
	}
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
	inst, err := corenlpserver.Ensure(ctx, o)
	if err != nil {
		if name == EngineCoreNLP || ctx.Err() != nil {
			return nil, fmt.Errorf("the corenlp engine needs Stanford CoreNLP: %w", err)
		}
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "diplograph: Stanford CoreNLP cannot be had, so text is read with the surface rules (%s), "+
				"which find far fewer facts in articles they were not tuned on. Why: %v\n", extract.SurfaceEngine, err)
		}
		return &Engine{Extractor: extract.New(g)}, nil
	}
	threads := o.Threads
	if threads <= 0 {
		threads = corenlpserver.DefaultThreads
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
	svc := &Dependency{Name: "corenlp", Ready: ready, Close: inst.Stop, Optional: true}
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
