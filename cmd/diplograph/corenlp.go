package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
)

const corenlpUsage = `diplograph corenlp start|stop|status [flags]

Runs Stanford CoreNLP ` + corenlpserver.Version + ` (GPL v3+, always as a separate server
process) for machines without Docker. The first start fetches it and its
English models (about 470 MB) from Maven Central with Maven into the cache
(needs a JDK 17+ and mvn); later starts reuse it. Each instance (--name) has
its own port and log under the cache, and keeps running after this command
exits, until "diplograph corenlp stop".

  start   start the instance, or reuse it if it already runs; print its URL
  stop    stop the instance (SIGTERM, SIGKILL after 15 s)
  status  print URL, settings and pid, or "not running"

The tests use an instance named "test": go run ./cmd/diplograph corenlp stop --name test`

func runCoreNLP(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("corenlp", "start, stop or show the local Stanford CoreNLP server that diplograph runs without Docker")
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), corenlpUsage)
		fmt.Fprintln(fs.Output(), "\nFlags:")
		fs.PrintDefaults()
	}
	name := stringFlag(fs, "name", "DIPLOGRAPH_CORENLP_INSTANCE", "default", "instance name")
	port := intFlag(fs, "port", "CORENLP_PORT", 0, "port (0: the instance's last port if free, else a free one)")
	cache := stringFlag(fs, "cache", "DIPLOGRAPH_CACHE", "", "cache folder for CoreNLP and its instances (default: the user cache folder/diplograph)")
	heap := stringFlag(fs, "heap", "CORENLP_HEAP", corenlpserver.DefaultHeap, "maximum Java heap")
	threads := intFlag(fs, "threads", "CORENLP_THREADS", corenlpserver.DefaultThreads, "requests annotated at once")
	preload := stringFlag(fs, "preload", "CORENLP_PRELOAD", corenlp.Annotators, "annotators to load before the server says it is ready (empty: on first use)")
	warm := boolFlag(fs, "warmup", "", true, "after start, annotate one sentence with diplograph's pipeline properties so its first real request does not wait")
	timeout := durationFlag(fs, "timeout", "", 10*time.Minute, "how long start may take (the first one fetches about 470 MB)")

	if len(args) == 0 {
		fs.Usage()
		return errors.New("corenlp: say start, stop or status")
	}
	verb := args[0]
	if verb == "-h" || verb == "--help" || verb == "help" {
		fs.Usage()
		return flag.ErrHelp
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("corenlp %s: unexpected arguments %q", verb, fs.Args())
	}
	o := corenlpserver.Options{
		Name:     *name,
		Port:     *port,
		Heap:     *heap,
		Threads:  *threads,
		Preload:  *preload,
		Detached: true,
		Log:      stderr,
	}
	if *warm {
		o.Warmup = corenlp.Warmup
	}
	if *cache != "" {
		o.CacheDir = filepath.Join(*cache, "corenlp")
	}

	switch verb {
	case "start":
		ctx, cancel := context.WithTimeout(ctx, *timeout)
		defer cancel()
		if _, err := corenlpserver.Ensure(ctx, o); err != nil {
			return err
		}
		s, err := corenlpserver.Lookup(ctx, o)
		if err != nil {
			return err
		}
		printCoreNLPStatus(stdout, s) // detached: it keeps running
		return nil
	case "stop":
		s, err := corenlpserver.StopLocal(ctx, o)
		if err != nil {
			return err
		}
		if !s.Running {
			fmt.Fprintf(stdout, "corenlp %q: not running\n", s.Name)
			return nil
		}
		fmt.Fprintf(stdout, "corenlp %q: stopped (pid %d)\n", s.Name, s.PID)
		return nil
	case "status":
		s, err := corenlpserver.Lookup(ctx, o)
		if err != nil {
			return err
		}
		printCoreNLPStatus(stdout, s)
		return nil
	default:
		fs.Usage()
		return fmt.Errorf("corenlp: unknown action %q (want start, stop or status)", verb)
	}
}

func printCoreNLPStatus(w io.Writer, s corenlpserver.Status) {
	if !s.Running {
		fmt.Fprintf(w, "corenlp %q: not running\n", s.Name)
		return
	}
	health := "ready"
	if !s.Healthy {
		health = "NOT answering /ready"
	}
	fmt.Fprintf(w, "corenlp %q: running, %s (pid %d)\n", s.Name, health, s.PID)
	fmt.Fprintf(w, "  url:      %s\n", s.URL)
	fmt.Fprintf(w, "  heap:     %s, %d threads, preload %q\n", s.Heap, s.Threads, s.Preload)
	fmt.Fprintf(w, "  folder:   %s\n", s.Dir)
	fmt.Fprintf(w, "  env:      CORENLP_URL=%s\n", s.URL)
}
