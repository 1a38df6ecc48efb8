package main

import (
	"context"
	"io"
	"time"

	"github.com/diplograph/diplograph/internal/app"
)

func runNeo4j(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("neo4j", "start, stop or show the local Neo4j that diplograph runs without Docker")
	heap := stringFlag(fs, "heap", "NEO4J_HEAP", "1g", "maximum Java heap")
	pageCache := stringFlag(fs, "pagecache", "NEO4J_PAGECACHE", "256m", "page cache size")
	apoc := boolFlag(fs, "apoc", "NEO4J_APOC", false, "install APOC core")
	password := stringFlag(fs, "password", "NEO4J_PASSWORD", "", "password of the neo4j user (default: generated once and kept in the instance's state.json)")
	name := stringFlag(fs, "name", "DIPLOGRAPH_NEO4J_INSTANCE", "default", "instance name (the same as up's --instance)")
	boltPort := intFlag(fs, "bolt-port", "NEO4J_BOLT_PORT", 0, "Bolt port (0: the instance's last port or 7687, else a free one)")
	httpPort := intFlag(fs, "http-port", "NEO4J_HTTP_PORT", 0, "HTTP port for Neo4j Browser (0: the last port or 7474, else a free one)")
	cache := stringFlag(fs, "cache", "DIPLOGRAPH_CACHE", "", "cache folder for Neo4j and its instances (default: the user cache folder/diplograph)")
	timeout := durationFlag(fs, "timeout", "", 10*time.Minute, "how long start may take (the first one fetches about 140 MB)")
	local := func() app.LocalNeo4j {
		return app.LocalNeo4j{Name: *name, Password: *password, Heap: *heap, PageCache: *pageCache,
			BoltPort: *boltPort, HTTPPort: *httpPort, APOC: *apoc, Cache: *cache}
	}
	return app.RunNeo4jCommand(ctx, fs, timeout, local, args, stdout, stderr)
}
