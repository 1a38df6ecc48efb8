package main

import (
	"flag"
	"io"
	"strings"

	"github.com/diplograph/diplograph/internal/app"
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
		heap:    stringFlag(fs, "corenlp-heap", "CORENLP_HEAP", app.DefaultCoreNLPHeap, "-Xmx of a CoreNLP server diplograph starts"),
		threads: intFlag(fs, "corenlp-threads", "CORENLP_THREADS", app.DefaultCoreNLPThreads, "requests a CoreNLP server diplograph starts annotates at once"),
	}
}

// config is the engine the flags choose. detached keeps a CoreNLP server
// the command starts running after it exits (the one-shot commands, so
// that the next one finds it warm); attached servers stop with the
// command.
func (f *engineFlags) config(detached bool, stderr io.Writer) app.EngineConfig {
	return app.EngineConfig{Name: *f.engine, CoreNLPURL: *f.url, CoreNLPHeap: *f.heap, CoreNLPThreads: *f.threads,
		Detached: detached, Log: stderr}
}
