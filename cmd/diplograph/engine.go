package main

import (
	"context"
	"flag"
	"io"
	"strings"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/gazetteer"
)

// engineFlags choose the extraction engine and where CoreNLP comes from.
type engineFlags struct {
	engine  *string
	url     *string
	heap    *string
	threads *int
}

func addEngineFlags(fs *flag.FlagSet) *engineFlags {
	return &engineFlags{
		engine: stringFlag(fs, "engine", "DIPLOGRAPH_ENGINE", app.EngineAuto,
			"extraction engine: "+strings.Join(app.Engines, ", ")+" (auto: corenlp when Stanford CoreNLP can be had, else surface, said once)"),
		url:     stringFlag(fs, "corenlp-url", "CORENLP_URL", "", "a running Stanford CoreNLP server to use (default: start one from the cache, assembled with Maven once)"),
		heap:    stringFlag(fs, "corenlp-heap", "CORENLP_HEAP", corenlpserver.DefaultHeap, "-Xmx of a CoreNLP server diplograph starts"),
		threads: intFlag(fs, "corenlp-threads", "CORENLP_THREADS", corenlpserver.DefaultThreads, "requests a CoreNLP server diplograph starts annotates at once"),
	}
}

// open opens the engine. detached keeps a CoreNLP server this command
// starts running after it exits (the one-shot commands, so that the next
// one finds it warm); attached servers stop with the command.
func (f *engineFlags) open(ctx context.Context, g *gazetteer.Gazetteer, detached bool, stderr io.Writer) (*app.Engine, error) {
	o := corenlpserver.FromEnv()
	o.URL, o.Heap, o.Threads, o.Detached, o.Log = *f.url, *f.heap, *f.threads, detached, stderr
	e, err := app.OpenEngine(ctx, app.EngineConfig{Name: *f.engine, CoreNLP: o, Log: stderr}, g)
	if err != nil {
		return nil, err
	}
	if detached && e.Service != nil {
		// a detached server outlives the command: nothing to close
		e.Service.Close = nil
	}
	return e, nil
}
