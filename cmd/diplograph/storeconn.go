package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

// storeFlags are the Neo4j connection flags shared by every command that
// reads or writes the graph (up, serve, seed, ingest, migrate,
// delete-document, conflicts, soak).
type storeFlags struct {
	uri, user, password, database, instance *string
}

func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	return &storeFlags{
		uri:      stringFlag(fs, "neo4j-uri", "NEO4J_URI", "", "Bolt URI of Neo4j (empty: the local Neo4j started by diplograph up or diplograph neo4j start)"),
		user:     stringFlag(fs, "neo4j-user", "NEO4J_USER", "neo4j", "Neo4j user"),
		password: stringFlag(fs, "neo4j-password", "NEO4J_PASSWORD", "", "Neo4j password (empty for the local Neo4j: read from its state file)"),
		database: stringFlag(fs, "neo4j-database", "NEO4J_DATABASE", "neo4j", "Neo4j database"),
		instance: stringFlag(fs, "instance", "DIPLOGRAPH_NEO4J_INSTANCE", "default", "name of the local Neo4j instance"),
	}
}

func (f *storeFlags) neo4j() app.Neo4j {
	return app.Neo4j{URI: *f.uri, User: *f.user, Password: *f.password, Database: *f.database, Instance: *f.instance}
}

// options are the flags as neo4jserver.Options (for `up`, which may start
// the Neo4j they describe).
func (f *storeFlags) options() neo4jserver.Options {
	return neo4jserver.Options{URI: *f.uri, User: *f.user, Password: *f.password, Database: *f.database, Name: *f.instance}
}

// conn says where Neo4j is: the given URI, or else the running local
// instance (started by `up` or `neo4j start`), whose address and password
// are in its state file.
func (f *storeFlags) conn(ctx context.Context) (neo4jserver.Conn, error) {
	if *f.uri != "" {
		return neo4jserver.Conn{URI: *f.uri, User: *f.user, Password: *f.password, Database: *f.database}, nil
	}
	st, err := neo4jserver.Lookup(ctx, f.options())
	if err != nil {
		return neo4jserver.Conn{}, fmt.Errorf("find the local Neo4j %q: %w", *f.instance, err)
	}
	if !st.Running || st.Conn.URI == "" {
		return neo4jserver.Conn{}, errors.New("no Neo4j to talk to: set NEO4J_URI (and NEO4J_PASSWORD), or run `diplograph up` or `diplograph neo4j start` first")
	}
	c := st.Conn
	if *f.password != "" {
		c.Password = *f.password
	}
	c.Database = *f.database
	return c, nil
}
