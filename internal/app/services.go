package app

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

// The defaults of a local CoreNLP server, for the corenlp command's flags.
const (
	CoreNLPHeap       = corenlpserver.DefaultHeap
	CoreNLPThreads    = corenlpserver.DefaultThreads
	CoreNLPAnnotators = corenlp.Annotators
)

// LocalNeo4j is what the neo4j command's flags say of the local Neo4j.
type LocalNeo4j struct {
	Name, Password, Heap, PageCache string
	BoltPort, HTTPPort              int
	APOC                            bool
	Cache                           string // DIPLOGRAPH_CACHE; "" for the default
}

// LocalCoreNLP is what the corenlp command's flags say of the local CoreNLP
// server.
type LocalCoreNLP struct {
	Name, Heap, Preload string
	Port, Threads       int
	Warmup              bool
	Cache               string // DIPLOGRAPH_CACHE; "" for the default
}

// RunNeo4jCommand runs `neo4j start|stop|status` on the instance local
// describes (read once fs is parsed): a detached instance started from the
// local distribution.
func RunNeo4jCommand(ctx context.Context, fs *flag.FlagSet, timeout *time.Duration, local func() LocalNeo4j, args []string, stdout, stderr io.Writer) error {
	c := neo4jserver.Command()
	c.Flags, c.Timeout = fs, timeout
	c.Options = func() neo4jserver.Options {
		l := local()
		o := neo4jserver.Options{Name: l.Name, Sources: []neo4jserver.Source{neo4jserver.SourceLocal}, Detached: true,
			BoltPort: l.BoltPort, HTTPPort: l.HTTPPort, Password: l.Password, HeapMax: l.Heap, PageCache: l.PageCache,
			APOC: l.APOC, Log: stderr}
		if l.Cache != "" {
			o.CacheDir = filepath.Join(l.Cache, "neo4j")
		}
		return o
	}
	return c.Run(ctx, args, stdout, stderr)
}

// RunCoreNLPCommand runs `corenlp start|stop|status` on the detached
// instance local describes (read once fs is parsed).
func RunCoreNLPCommand(ctx context.Context, fs *flag.FlagSet, timeout *time.Duration, local func() LocalCoreNLP, args []string, stdout, stderr io.Writer) error {
	c := corenlpserver.Command()
	c.Flags, c.Timeout = fs, timeout
	c.Options = func() corenlpserver.Options {
		l := local()
		o := corenlpserver.Options{Name: l.Name, Port: l.Port, Heap: l.Heap, Threads: l.Threads, Preload: l.Preload, Detached: true, Log: stderr}
		if l.Warmup {
			o.Warmup = corenlp.Warmup
		}
		if l.Cache != "" {
			o.CacheDir = filepath.Join(l.Cache, "corenlp")
		}
		return o
	}
	return c.Run(ctx, args, stdout, stderr)
}
