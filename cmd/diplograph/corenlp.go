package main

import (
	"context"
	"io"
	"time"

	"github.com/diplograph/diplograph/internal/app"
)

func runCoreNLP(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("corenlp", "start, stop or show the local Stanford CoreNLP server that diplograph runs without Docker")
	heap := stringFlag(fs, "heap", "CORENLP_HEAP", app.CoreNLPHeap, "maximum Java heap")
	threads := intFlag(fs, "threads", "CORENLP_THREADS", app.CoreNLPThreads, "requests annotated at once")
	preload := stringFlag(fs, "preload", "CORENLP_PRELOAD", app.CoreNLPAnnotators, "annotators to load before the server says it is ready (empty: on first use)")
	warm := boolFlag(fs, "warmup", "", true, "after start, annotate one sentence with diplograph's pipeline properties so its first real request does not wait")
	name := stringFlag(fs, "name", "DIPLOGRAPH_CORENLP_INSTANCE", "default", "instance name")
	port := intFlag(fs, "port", "CORENLP_PORT", 0, "port (0: the instance's last port if free, else a free one)")
	cache := stringFlag(fs, "cache", "DIPLOGRAPH_CACHE", "", "cache folder for CoreNLP and its instances (default: the user cache folder/diplograph)")
	timeout := durationFlag(fs, "timeout", "", 10*time.Minute, "how long start may take (the first one fetches about 470 MB)")
	local := func() app.LocalCoreNLP {
		return app.LocalCoreNLP{Name: *name, Heap: *heap, Preload: *preload, Port: *port, Threads: *threads, Warmup: *warm, Cache: *cache}
	}
	return app.RunCoreNLPCommand(ctx, fs, timeout, local, args, stdout, stderr)
}
