package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/diplograph/diplograph/explore"
	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

// UpInfo is what `up` tells the person who ran it.
type UpInfo struct {
	// Neo4j is how to reach the Neo4j up ensured, and where it came from.
	Neo4j neo4jserver.Conn
	// StyleURL and GuideURL are the Neo4j Browser style and guide, as the
	// server at base serves them.
	StyleURL, GuideURL string
	// GeneratedKey is the API key generated for this run when none was
	// configured.
	GeneratedKey string
}

// OpenUp assembles the application for `up`, the server at base (its
// address is known before Neo4j starts, so that Neo4j Browser can be told
// where the style and the guide are): Neo4j ensured (cfg.Neo4j's URI, a
// Docker engine, or a local Neo4j from Maven Central), which must answer;
// the extraction engine of cfg, its CoreNLP a child of this process unless
// given by URL; an API key generated when none is configured. A Neo4j or
// CoreNLP that up started is restarted when it dies, and requests fail
// fast while one is down. App.Close stops what it started.
func OpenUp(ctx context.Context, cfg ServeConfig, base string) (*App, UpInfo, error) {
	opts := cfg.Neo4j.options()
	opts.ExtraConfig, opts.Log = explore.Neo4jConfig(base), cfg.Log
	inst, err := neo4jserver.Ensure(ctx, opts)
	if err != nil {
		return nil, UpInfo{}, err
	}
	stopNeo4j := func(ctx context.Context) error { return inst.Stop(ctx) }
	info := UpInfo{Neo4j: inst.Conn(), StyleURL: explore.StyleURL(base), GuideURL: explore.GuideURL(base)}
	cfg.Server.APIKeys = auth.ParseKeys(cfg.APIKeys)
	if len(cfg.Server.APIKeys) == 0 {
		info.GeneratedKey = randomKey()
		cfg.Server.APIKeys = []string{info.GeneratedKey}
	}
	withExplore(&cfg.Server)
	cfg.Engine.Detached = false
	engine, err := OpenEngine(ctx, cfg.Engine, nil)
	if err != nil {
		closeWithin(ctx, cfg.Log, stopNeo4j)
		return nil, UpInfo{}, err
	}
	a, err := New(ctx, Config{Neo4j: info.Neo4j, RequireNeo4j: true, Server: cfg.Server, Engine: engine, AllowPrivateURLs: cfg.AllowPrivateURLs,
		Services: []Dependency{{Name: "neo4j process", Close: stopNeo4j}},
		Watch:    true, Neo4jProcess: inst})
	if err != nil {
		closeWithin(ctx, cfg.Log, engine.Close)
		closeWithin(ctx, cfg.Log, stopNeo4j)
		return nil, UpInfo{}, err
	}
	return a, info, nil
}

func randomKey() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}
