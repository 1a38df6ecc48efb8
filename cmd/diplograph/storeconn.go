package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/diplograph/diplograph/internal/neo4jserver"
	"github.com/diplograph/diplograph/internal/store"
)

// storeFlags are the connection flags of the commands that read or write
// the graph of a running Neo4j (seed, ingest, migrate, delete-document,
// conflicts).
type storeFlags struct {
	uri, user, password, database *string
}

func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	return &storeFlags{
		uri:      stringFlag(fs, "neo4j-uri", "NEO4J_URI", "bolt://127.0.0.1:7687", "Bolt URI of Neo4j"),
		user:     stringFlag(fs, "neo4j-user", "NEO4J_USER", "neo4j", "Neo4j user"),
		password: stringFlag(fs, "neo4j-password", "NEO4J_PASSWORD", "", "Neo4j password"),
		database: stringFlag(fs, "neo4j-database", "NEO4J_DATABASE", "neo4j", "Neo4j database"),
	}
}

// open connects and returns the store and a function closing the driver.
func (f *storeFlags) open(ctx context.Context) (*store.Store, func(), error) {
	conn := neo4jserver.Conn{URI: *f.uri, User: *f.user, Password: *f.password, Database: *f.database}
	d, err := conn.Driver(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to Neo4j at %s: %w", *f.uri, err)
	}
	return store.New(d, *f.database), func() { _ = d.Close(context.WithoutCancel(ctx)) }, nil
}
