package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/diplograph/diplograph/internal/neo4jserver"
)

const neo4jUsage = `diplograph neo4j start|stop|status [flags]

Runs Neo4j Community ` + neo4jserver.Version + ` (with Neo4j Browser) as a local
process, for machines without Docker. The first start fetches it from Maven
Central with Maven into the cache (needs a JDK 17+ and mvn); later starts reuse
it. Each instance (--name) has its own data, ports and password under the cache,
and keeps running after this command exits, until "diplograph neo4j stop".

  start   start the instance, or reuse it if it already runs; print how to reach it
  stop    stop the instance (SIGTERM, SIGKILL after 30 s)
  status  print URLs, credentials and pid, or "not running"

The tests use an instance named "test": go run ./cmd/diplograph neo4j stop --name test`

func runNeo4j(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("neo4j", "start, stop or show the local Neo4j that diplograph runs without Docker")
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), neo4jUsage)
		fmt.Fprintln(fs.Output(), "\nFlags:")
		fs.PrintDefaults()
	}
	name := stringFlag(fs, "name", "DIPLOGRAPH_NEO4J_INSTANCE", "default", "instance name (the same as up's --instance)")
	boltPort := intFlag(fs, "bolt-port", "NEO4J_BOLT_PORT", 0, "Bolt port (0: the instance's last port or 7687, else a free one)")
	httpPort := intFlag(fs, "http-port", "NEO4J_HTTP_PORT", 0, "HTTP port for Neo4j Browser (0: the last port or 7474, else a free one)")
	password := stringFlag(fs, "password", "NEO4J_PASSWORD", "", "password of the neo4j user (default: generated once and kept in the instance's state.json)")
	cache := stringFlag(fs, "cache", "DIPLOGRAPH_CACHE", "", "cache folder for Neo4j and its instances (default: the user cache folder/diplograph)")
	heap := stringFlag(fs, "heap", "NEO4J_HEAP", "1g", "maximum Java heap")
	pageCache := stringFlag(fs, "pagecache", "NEO4J_PAGECACHE", "256m", "page cache size")
	apoc := boolFlag(fs, "apoc", "NEO4J_APOC", false, "install APOC core")
	timeout := durationFlag(fs, "timeout", "", 10*time.Minute, "how long start may take (the first one fetches about 140 MB)")

	if len(args) == 0 {
		fs.Usage()
		return errors.New("neo4j: say start, stop or status")
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
		return fmt.Errorf("neo4j %s: unexpected arguments %q", verb, fs.Args())
	}
	o := neo4jserver.Options{
		Name:      *name,
		Sources:   []neo4jserver.Source{neo4jserver.SourceLocal},
		Detached:  true,
		BoltPort:  *boltPort,
		HTTPPort:  *httpPort,
		Password:  *password,
		HeapMax:   *heap,
		PageCache: *pageCache,
		APOC:      *apoc,
		Log:       stderr,
	}
	if *cache != "" {
		o.CacheDir = *cache + "/neo4j"
	}

	switch verb {
	case "start":
		ctx, cancel := context.WithTimeout(ctx, *timeout)
		defer cancel()
		inst, err := neo4jserver.Ensure(ctx, o)
		if err != nil {
			return err
		}
		s, err := neo4jserver.Lookup(ctx, o)
		if err != nil {
			return err
		}
		printNeo4jStatus(stdout, s)
		_ = inst // detached: it keeps running
		return nil
	case "stop":
		s, err := neo4jserver.StopLocal(ctx, o)
		if err != nil {
			return err
		}
		if !s.Running {
			fmt.Fprintf(stdout, "neo4j %q: not running\n", s.Name)
			return nil
		}
		fmt.Fprintf(stdout, "neo4j %q: stopped (pid %d)\n", s.Name, s.PID)
		return nil
	case "status":
		s, err := neo4jserver.Lookup(ctx, o)
		if err != nil {
			return err
		}
		printNeo4jStatus(stdout, s)
		return nil
	default:
		fs.Usage()
		return fmt.Errorf("neo4j: unknown action %q (want start, stop or status)", verb)
	}
}

func printNeo4jStatus(w io.Writer, s neo4jserver.Status) {
	if !s.Running {
		fmt.Fprintf(w, "neo4j %q: not running\n", s.Name)
		return
	}
	health := "answering"
	if !s.Healthy {
		health = "NOT answering on Bolt"
	}
	fmt.Fprintf(w, "neo4j %q: running, %s (pid %d)\n", s.Name, health, s.PID)
	fmt.Fprintf(w, "  bolt:     %s\n", s.Conn.URI)
	fmt.Fprintf(w, "  browser:  %s\n", s.Conn.BrowserURL)
	fmt.Fprintf(w, "  user:     %s\n", s.Conn.User)
	fmt.Fprintf(w, "  password: %s\n", s.Conn.Password)
	fmt.Fprintf(w, "  folder:   %s\n", s.Dir)
	fmt.Fprintf(w, "  env:      NEO4J_URI=%s NEO4J_USER=%s NEO4J_PASSWORD=%s\n", s.Conn.URI, s.Conn.User, s.Conn.Password)
}
